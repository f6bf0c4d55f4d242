/**
 * The one SSN detector for free text (issue 14 §1): notes, ESE answers and drafts,
 * caller names, the email, the PDF, call exports, logs. A full SSN never leaves a
 * rep's keyboard whole: it is refused where a form can say so (ESE fields) and
 * masked to its last four before anything is stored or sent everywhere else.
 *
 * What counts as an SSN, decided here once:
 *
 * 1. The text is read as NFKC (fullwidth and other compatibility digits become
 *    0-9, a no-break space a space), with format characters (zero-width spaces
 *    and joiners, bidi marks and overrides, soft hyphens) and combining marks
 *    removed, and any decimal digit of any script counted as a digit.
 * 2. Digits joined by short separator runs (1–3 of: spaces, tabs, dashes of
 *    every kind, the minus sign, dots, middle dots, bullets, underscores,
 *    slashes) form a chain; a line break, a letter or other punctuation ends it.
 *    A run with a visible separator joins strongly (123-45-6789); whitespace
 *    alone joins weakly (123 45 6789, 1 2 3 4 5 6 7 8 9).
 * 3. An SSN is nine digits: one strongly joined token of exactly nine digits
 *    (123-45-6789, 123.45.6789, 123–45–6789, 123-456-789, 123456789), or a whole
 *    weakly joined run of several tokens totalling nine (123 45 6789), or three
 *    tokens shaped 3-2-4 or 3-3-3 inside a longer one (123 45 6789 0), or
 *    3-2-4 groups or a group of nine inside a longer dashed token
 *    (123-45-6789-0, 0_123456789). So
 *    phone numbers (10 digits), dates (8), NPNs and other numbers of other
 *    lengths are never touched; a calendar date (2026-11-22, 11/22/2026) is read
 *    as a date and never joins a run, so "on 2026-11-22 3 calls" stays.
 * 4. Nine digits are kept when they are plainly something else:
 *    - a bare nine-digit run (no separators) labelled as a case, application,
 *      NPN, member or agent number just before it ("case 100300113") — kynect
 *      case numbers are nine digits too (seed 001 shows case number 100300113);
 *    - the digits of a number the caller passes in `keep` (the ESE form's own
 *      case-number field: a field that is a case number is not an SSN);
 *    - a bare run right after letters (an identifier such as member id
 *      M000000001), unless the letters are an SSN label (SSN123456789);
 *      123-45-6789A and 123456789A are SSNs;
 *    - an amount after a currency sign ($123456789, $1234567.89);
 *    - a ZIP+4 after a state code (KY 40601-1234).
 *    Everything else that has nine digits is an SSN, including a bare run in
 *    free text without a label: a note cannot tell the two apart, and a case
 *    number masked to its last four costs less than a leaked SSN.
 */

export interface SsnMatch {
  /** Range in the original text (UTF-16 offsets), digits first to last. */
  start: number;
  end: number;
  /** The nine digits, 0-9. */
  digits: string;
}

export interface SsnScanOptions {
  /** Numbers that are known not to be SSNs here (the form's case number); compared by digits. */
  keep?: readonly (string | null | undefined)[];
}

// Format characters (zero-width, bidi, soft hyphen) and combining marks are invisible: drop them before reading.
const IGNORABLE = /^[\p{Cf}\p{Mn}\p{Me}]$/u;
const SEPARATOR = /^[\p{Zs}\t\p{Pd}\u2212.\u00b7\u2022\u2219_/]$/u;
const VISIBLE_SEPARATOR = /^[\p{Pd}\u2212.\u00b7\u2022\u2219_/]$/u;
const DIGIT = /^\p{Nd}$/u;
const LETTER = /^\p{L}$/u;
const MAX_SEPARATOR_RUN = 3;

const SSN_LABEL = /(?:^|[^\p{L}])(?:ssn|ss#|ss\s*no\.?|soc(?:ial)?(?:\s*sec(?:urity)?)?(?:\s*(?:number|no\.?|num|#))?|social security)\s*[:#.=-]?\s*$/iu;
const KEEP_LABEL = /(?:^|[^\p{L}])(?:case|application|app|npn|member|agent|producer)(?:\s*(?:number|no\.?|num|id|#))?\s*[:#.=-]?\s*(?:is\s*)?$/iu;
const CURRENCY = /[$€£¢]\s*$/u;
const STATE_CODE = /(?:^|[^\p{L}])[A-Z]{2}\s*$/u;

interface View {
  /** The normalised characters (one code point each). */
  chars: string[];
  /** For each, where it came from in the original text. */
  from: number[];
  to: number[];
}

function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  // Decimal digits of every script come in runs of ten starting at zero.
  let zero = cp;
  while (zero > 0 && DIGIT.test(String.fromCodePoint(zero - 1)) && cp - zero < 9) zero--;
  return (cp - zero) % 10;
}

function viewOf(text: string): View {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const start = i;
    i += ch.length;
    if (IGNORABLE.test(ch)) continue;
    for (const n of ch.normalize('NFKC')) {
      if (IGNORABLE.test(n)) continue;
      chars.push(n);
      from.push(start);
      to.push(i);
    }
  }
  return { chars, from, to };
}

interface Group {
  /** View indexes of the group's digits. */
  at: number[];
  /** The separator run before this group ('' for the first). */
  before: string;
}

/** A calendar date as digit groups: Y-M-D or M/D/Y (one kind of separator). */
function isDate(groups: Group[], digits: (g: Group) => string): boolean {
  if (groups.length !== 3) return false;
  const seps = groups.slice(1).map((g) => g.before);
  if (seps[0] !== seps[1] || !VISIBLE_SEPARATOR.test(seps[0] ?? '')) return false;
  const [a, b, c] = groups.map(digits) as [string, string, string];
  const month = (s: string) => s.length <= 2 && Number(s) >= 1 && Number(s) <= 12;
  const day = (s: string) => s.length <= 2 && Number(s) >= 1 && Number(s) <= 31;
  const year = (s: string) => s.length === 4 && Number(s) >= 1900 && Number(s) <= 2099;
  return (year(a) && month(b) && day(c)) || (month(a) && day(b) && year(c)) || (day(a) && month(b) && year(c));
}

/** Every SSN in the text, in order. */
export function findSsns(text: string, options: SsnScanOptions = {}): SsnMatch[] {
  if (!text) return [];
  // Most text has fewer than nine digits of any kind: nothing to read closely.
  let numerals = 0;
  for (const _ of text.matchAll(/\p{N}/gu)) if (++numerals >= 9) break;
  if (numerals < 9) return [];
  const keep = new Set((options.keep ?? []).map((k) => (k ?? '').replace(/\D/g, '')).filter((k) => k.length > 0));
  const v = viewOf(text);
  const n = v.chars.length;
  const isDigit = (k: number) => k < n && DIGIT.test(v.chars[k]!);
  const found: SsnMatch[] = [];
  let k = 0;
  while (k < n) {
    if (!isDigit(k)) {
      k++;
      continue;
    }
    // One chain: digit groups and the separator runs between them.
    const chainStart = k;
    const groups: Group[] = [];
    let before = '';
    for (;;) {
      const at: number[] = [];
      while (isDigit(k)) at.push(k++);
      groups.push({ at, before });
      let j = k;
      while (j < n && j - k < MAX_SEPARATOR_RUN && SEPARATOR.test(v.chars[j]!)) j++;
      if (j > k && isDigit(j)) {
        before = v.chars.slice(k, j).join('');
        k = j;
        continue;
      }
      break;
    }
    const chainEnd = k; // view index after the last digit
    const digitsOf = (g: Group) => g.at.map((x) => digitValue(v.chars[x]!)).join('');

    // Tokens: groups joined strongly (a visible separator); runs of tokens joined by whitespace alone.
    const tokens: Group[][] = [];
    for (const g of groups) {
      if (tokens.length && [...g.before].some((c) => VISIBLE_SEPARATOR.test(c))) tokens[tokens.length - 1]!.push(g);
      else tokens.push([g]);
    }
    const textBefore = (x: number) => v.chars.slice(Math.max(0, x - 40), x).join('');
    // Identifiers put their letters first (member id M000000001).
    const glued = (first: number) => first > 0 && LETTER.test(v.chars[first - 1]!);
    /** Records the groups as an SSN unless a decided exception says otherwise; true when it counted (or was kept). */
    const accept = (all: Group[]): void => {
      const digits = all.map(digitsOf).join('');
      const first = all[0]!.at[0]!;
      const last = all.at(-1)!.at.at(-1)!;
      const prefix = textBefore(first);
      if (!SSN_LABEL.test(prefix)) {
        if (keep.has(digits)) return;
        if (all.length === 1 && glued(first)) return;
        if (all.length === 1 && KEEP_LABEL.test(prefix)) return;
        const amount = all.length === 1 || (all.length === 2 && all[1]!.before === '.' && all[1]!.at.length === 2);
        if (amount && CURRENCY.test(prefix)) return;
        if (all.length === 2 && all[0]!.at.length === 5 && all[1]!.before === '-' && STATE_CODE.test(prefix)) return;
      }
      found.push({ start: v.from[first]!, end: v.to[last]!, digits });
    };
    const size = (gs: Group[]) => gs.reduce((s, g) => s + g.at.length, 0);
    /**
     * One stretch of the chain between dates. Nine digits in all: one SSN. More: a token of
     * exactly nine ("502-555-0123 123-45-6789"), then the canonical shapes wherever they stand —
     * three groups of 3-2-4 or 3-3-3 joined alike ("123 45 6789 0", "123-45-6789-0"), or a
     * bare group of nine ("0_123456789").
     */
    const stretch = (run: Group[][]) => {
      const groups = run.flat();
      if (!groups.length) return;
      if (size(groups) === 9) return accept(groups);
      const used = new Set<Group>();
      for (const t of run)
        if (t.length > 1 && size(t) === 9) {
          accept(t);
          t.forEach((g) => used.add(g));
        }
      for (let i = 0; i + 2 < groups.length; i++) {
        const [a, b, c] = [groups[i]!, groups[i + 1]!, groups[i + 2]!];
        if (used.has(a) || used.has(b) || used.has(c)) continue;
        const shape = `${a.at.length}-${b.at.length}-${c.at.length}`;
        if ((shape === '3-2-4' || shape === '3-3-3') && b.before === c.before) {
          accept([a, b, c]);
          used.add(a).add(b).add(c);
          i += 2;
        }
      }
      for (const g of groups) if (!used.has(g) && g.at.length === 9) accept([g]);
    };
    // Split the chain at dates: a date is never part of an SSN.
    let run: Group[][] = [];
    for (const t of tokens) {
      if (isDate(t, digitsOf)) {
        stretch(run);
        run = [];
      } else run.push(t);
    }
    stretch(run);
    k = Math.max(chainEnd, chainStart + 1);
  }
  return found;
}

/** The masked form of one SSN: last four only. */
export function maskedSsn(digits: string): string {
  return `***-**-${digits.slice(-4)}`;
}

/** The text with every SSN replaced by its masked form (everything else exactly as it was). */
export function maskSsnsInText(text: string, options: SsnScanOptions = {}): string {
  return maskWithCount(text, options).text;
}

/** As maskSsnsInText, also saying how many were masked (to tell the rep). */
export function maskWithCount(text: string, options: SsnScanOptions = {}): { text: string; masked: number } {
  const found = findSsns(text, options);
  if (!found.length) return { text, masked: 0 };
  let out = '';
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.start) + maskedSsn(m.digits);
    at = m.end;
  }
  return { text: out + text.slice(at), masked: found.length };
}

export function containsSsn(text: string | null | undefined, options: SsnScanOptions = {}): boolean {
  return !!text && findSsns(text, options).length > 0;
}

/** What a rep is told when a full SSN was refused or masked, and where it belongs instead. */
export const SSN_REFUSED_MESSAGE =
  'This looks like a full Social Security number. kynect Desk never records one here: write only the last 4 digits (for example ***-**-1234). To find a resident by SSN, use Member match (PSL); the full SSN stays on the resident’s case in kynect.';
export const SSN_MASKED_NOTICE =
  'A full Social Security number was masked to its last 4 digits before saving: kynect Desk never stores one in notes or drafts. To find a resident by SSN, use Member match (PSL); the full SSN stays on the resident’s case in kynect.';
