import { parse } from 'csv-parse/sync';

/**
 * Incremental CSV reading for imports: text arrives in chunks (a file read in 1 MB
 * pieces, or chunks sent by the UI), complete records are cut at the last line break
 * outside quotes and parsed with csv-parse; the rest waits for the next chunk. Records
 * carry their 1-based line number in the file so a report can point at them.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export class CsvChunkReader {
  #carry = '';
  #nextLine = 1;
  #header: string[] | null = null;

  get header(): string[] | null {
    return this.#header;
  }

  /** Records completed by this chunk (the header row is kept aside, not returned). */
  push(chunk: string): CsvRecord[] {
    const text = this.#carry + chunk;
    const cut = lastRecordBreak(text);
    if (cut < 0) {
      this.#carry = text;
      return [];
    }
    this.#carry = text.slice(cut + 1);
    return this.#parse(text.slice(0, cut + 1));
  }

  /** The records left after the last chunk. */
  end(): CsvRecord[] {
    const rest = this.#carry;
    this.#carry = '';
    return rest.trim() ? this.#parse(rest.endsWith('\n') ? rest : rest + '\n') : [];
  }

  #parse(block: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const firstLine = this.#nextLine;
    // Fast path: no quotes in the block, so every physical line is one record.
    if (!block.includes('"')) {
      const lines = block.split('\n');
      lines.pop();
      for (let i = 0; i < lines.length; i++) {
        let l = lines[i]!;
        if (l.endsWith('\r')) l = l.slice(0, -1);
        if (i === 0 && firstLine === 1) l = l.replace(/^\uFEFF/, '');
        this.#take(out, firstLine + i, l === '' ? null : l.split(','));
      }
      this.#nextLine += lines.length;
      return out;
    }
    const records = parse(block, { bom: firstLine === 1, relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    for (const r of records) {
      const isBlank = r.record.length === 1 && r.record[0] === '';
      this.#take(out, firstLine + r.info.lines - 1, isBlank ? null : r.record);
    }
    this.#nextLine += countNewlines(block);
    return out;
  }

  #take(out: CsvRecord[], line: number, cells: string[] | null): void {
    if (cells === null) return;
    if (this.#header === null) {
      this.#header = cells.map((c) => c.trim().toLowerCase());
      return;
    }
    out.push({ line, cells });
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Index of the last "\n" outside a quoted field, or -1. */
function lastRecordBreak(text: string): number {
  if (!text.includes('"')) return text.lastIndexOf('\n');
  let inQuotes = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) last = i;
  }
  return last;
}
