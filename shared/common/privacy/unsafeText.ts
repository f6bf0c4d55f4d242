/**
 * Characters that change how text is shown rather than what it says (issue 14 §3):
 * C0/C1 controls (NUL, BEL, the ESC of an ANSI colour code), bidi embeddings,
 * overrides and isolates (an RLO makes "gpj.exe" read "exe.jpg"), line and
 * paragraph separators, and other invisible format characters. A terminal running
 * `call export` obeys them; a screen or a PDF shows a lie. Names refuse them;
 * free text keeps its line breaks and tabs and loses the rest; what is printed
 * shows any that are still stored as visible escapes.
 *
 * Zero-width (non-)joiners stay: Persian, Indic and emoji spellings need them.
 */
const UNSAFE = /[\p{Cc}\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

export function hasUnsafeChars(text: string): boolean {
  return UNSAFE.test(text);
}

/** For names and other one-line fields: say what is wrong, at the field. */
export function unsafeCharsMessage(label: string): string {
  return `${label} has a control or text-direction character in it (often from a paste). Type it again.`;
}

/** Free text: line breaks (\r\n and \r become \n) and tabs stay; every other unsafe character goes. */
export function stripUnsafeChars(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_ALL, (c) => (c === '\n' || c === '\t' ? c : ''));
}

/** For text printed to a terminal or a file: what is still stored is shown, not obeyed (\u001b, \u202e). */
export function escapeUnsafeChars(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (c) => (c === '\n' || c === '\t' ? c : `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`));
}
