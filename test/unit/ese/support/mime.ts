import zlib from 'node:zlib';

/**
 * Just enough MIME to read back what nodemailer wrote (tests only): headers,
 * multipart/mixed parts, quoted-printable and base64 bodies.
 */
export interface MimePart {
  headers: Map<string, string>;
  body: Buffer;
  parts: MimePart[];
}

function unfold(head: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) map.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return map;
}

function decode(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable': {
      const soft = body.replace(/=\r\n/g, '');
      const bytes: number[] = [];
      for (let i = 0; i < soft.length; i++) {
        if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
          bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
          i += 2;
        } else bytes.push(soft.charCodeAt(i));
      }
      return Buffer.from(bytes);
    }
    default:
      return Buffer.from(body, 'binary');
  }
}

export function parseMime(raw: Buffer | string): MimePart {
  const text = (typeof raw === 'string' ? raw : raw.toString('binary')).replace(/\r?\n/g, '\r\n');
  const split = text.indexOf('\r\n\r\n');
  const headers = unfold(text.slice(0, split));
  const rest = text.slice(split + 4);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const chunks = rest.split(`--${boundary}`).slice(1);
    const parts = chunks.filter((c) => !c.startsWith('--')).map((c) => parseMime(c.replace(/^\r\n/, '').replace(/\r\n$/, '')));
    return { headers, body: Buffer.alloc(0), parts };
  }
  return { headers, body: decode(rest, headers.get('content-transfer-encoding')), parts: [] };
}

/** Every leaf part, depth first. */
export function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

interface PdfObject {
  text: string;
  stream: string | null;
}

/** Every `N 0 obj … endobj` of the file, with its stream inflated. */
function pdfObjects(pdf: Buffer): Map<string, PdfObject> {
  const src = pdf.toString('binary');
  const objects = new Map<string, PdfObject>();
  for (const m of src.matchAll(/(\d+) 0 obj\b([\s\S]*?)\bendobj/g)) {
    const body = m[2]!;
    const at = body.search(/\bstream\r?\n/);
    let stream: string | null = null;
    if (at >= 0) {
      const start = body.indexOf('\n', at) + 1;
      const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'binary');
      try {
        stream = zlib.inflateSync(raw).toString('binary');
      } catch {
        stream = raw.toString('binary');
      }
    }
    objects.set(m[1]!, { text: at >= 0 ? body.slice(0, at) : body, stream });
  }
  return objects;
}

/** A ToUnicode CMap as pdfkit writes it: bfrange lines whose targets are arrays of UTF-16BE hex strings. */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  const ranges = [...cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)].map((r) => r[1]!).join('\n');
  for (const m of ranges.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
    const first = parseInt(m[1]!, 16);
    // A ligature's target holds several code units, written with spaces: <0066 0069> is "fi".
    [...m[3]!.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((h, i) => map.set(first + i, utf16(h[1]!.replace(/\s+/g, ''))));
  }
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  return map;
}

/**
 * The text pdfkit drew, in drawing order, as a reader would extract it: each
 * content stream's TJ/Tj strings decoded through the current font's ToUnicode
 * CMap (embedded fonts write two-byte glyph codes), or as WinAnsi bytes for a
 * standard font.
 */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const cmaps = new Map<string, Map<number, string>>();
  for (const o of objects.values()) {
    for (const f of o.text.matchAll(/\/(F\d+)\s+(\d+) 0 R/g)) {
      const font = objects.get(f[2]!);
      const ref = font?.text.match(/\/ToUnicode\s+(\d+) 0 R/);
      const stream = ref ? objects.get(ref[1]!)?.stream : null;
      if (stream) cmaps.set(f[1]!, toUnicodeMap(stream));
    }
  }
  const out: string[] = [];
  for (const o of objects.values()) {
    if (!o.stream || !/\bBT\b/.test(o.stream)) continue;
    let cmap: Map<number, string> | undefined;
    for (const op of o.stream.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1]) {
        cmap = cmaps.get(op[1]);
        continue;
      }
      const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[3]!];
      const decode = (hex: string) => {
        if (!cmap) return Buffer.from(hex, 'hex').toString('latin1');
        let text = '';
        for (let i = 0; i < hex.length; i += 4) text += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
        return text;
      };
      out.push(hexes.map(decode).join(''));
    }
  }
  return out.join('\n');
}
