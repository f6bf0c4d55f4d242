/**
 * Name normalization for member match (seed 003 §9: First Name, Last Name, Date of Birth,
 * Gender and SSN). Two strengths:
 *  - `canonicalName` is what a Full match compares: letter case and surrounding or
 *    repeated spaces are ignored (issue 4 §2), nothing else — "Mary-Jane" and
 *    "Mary Jane" are not the same spelling, so they are at most a Partial.
 *  - `nameLetters` / `nameParts` drop accents and punctuation and split hyphenated or
 *    multi-word names; comparators and blocking keys use them, so "O'Brien" is close
 *    to "OBRIEN" and "Garcia-Lopez" can be found by "Garcia".
 */

/** Upper case, trimmed, inner runs of white space collapsed to one space. */
export function canonicalName(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** Letters A–Z only, accents folded ("Núñez" → "NUNEZ"), everything else removed. */
export function nameLetters(raw: string): string {
  return foldAccents(raw)
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/**
 * The separate words of a name: split at spaces, hyphens and slashes; apostrophes and
 * periods are dropped inside a word ("O'Neil-Smith" → ["ONEIL", "SMITH"]).
 */
export function nameParts(raw: string): string[] {
  return foldAccents(raw)
    .toUpperCase()
    .replace(/['’.`]/g, '')
    .split(/[^A-Z]+/)
    .filter((p) => p.length > 0);
}

function foldAccents(raw: string): string {
  return raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** Digits only: "123-45-6789" → "123456789". Used before validating an SSN. */
export function digitsOnly(raw: string): string {
  return raw.replace(/\D/g, '');
}
