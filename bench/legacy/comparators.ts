import { jaroWinkler, osaDistanceWithin } from '../../shared/common/match/stringMetrics';
import { canonicalName, nameLetters, nameParts } from '../../shared/common/match/normalize';
import { areNicknames } from '../../shared/common/match/nicknames';
import { soundAlike } from '../../shared/common/match/phonetic';
import { compareDob } from './dates';
import { compareSsn } from '../../shared/common/match/ssn';
import type { Sex } from '../../shared/common/match/schemas';

/**
 * Field comparators. Each returns an outcome level (what kind of agreement) and a
 * sentence for the explanation. Scoring (scoring.ts) turns levels into weights.
 */
export type NameLevel = 'exact' | 'spelling' | 'nickname' | 'part' | 'typo' | 'sound' | 'differs';
export type DobLevel = 'exact' | 'swapped' | 'one-digit' | 'transposed' | 'differs';
export type SexLevel = 'exact' | 'differs' | 'unknown';
export type SsnLevel = 'exact' | 'one-digit' | 'swapped' | 'differs' | 'missing' | 'both-missing';

export interface Compared<L extends string> {
  level: L;
  reason: string;
}

/** Jaro-Winkler at or above this, or an edit distance of 1, counts as a typo of the same name. */
export const TYPO_JARO_WINKLER = 0.92;

function typo(a: string, b: string): { is: boolean; detail: string } {
  const dl = osaDistanceWithin(2, a, b);
  if (dl === 1) return { is: true, detail: 'one letter added, dropped, changed or two letters swapped' };
  // Longer names can carry two slips and still be the same name.
  if (dl === 2 && Math.min(a.length, b.length) >= 7) return { is: true, detail: 'two letters differ in a long name' };
  const jw = jaroWinkler(a, b);
  if (jw >= TYPO_JARO_WINKLER) return { is: true, detail: `spellings are ${Math.round(jw * 100)}% alike (Jaro-Winkler)` };
  return { is: false, detail: '' };
}

export function compareFirstName(query: string, member: string): Compared<NameLevel> {
  if (canonicalName(query) === canonicalName(member)) return { level: 'exact', reason: 'Same first name.' };
  const a = nameLetters(query);
  const b = nameLetters(member);
  if (a === b) return { level: 'spelling', reason: 'Same first name apart from spaces or punctuation.' };
  if (areNicknames(a, b)) return { level: 'nickname', reason: `${titleCase(query)} and ${titleCase(member)} are the same name (nickname).` };
  const pa = nameParts(query);
  const pb = nameParts(member);
  if (pa.length !== pb.length && pa.some((p) => pb.includes(p))) {
    return { level: 'part', reason: 'One first name contains the other (double first name).' };
  }
  const t = typo(a, b);
  if (t.is) return { level: 'typo', reason: `Likely a typo: ${t.detail}.` };
  if (soundAlike(a, b)) return { level: 'sound', reason: 'The names sound alike (Double Metaphone).' };
  return { level: 'differs', reason: 'Different first name.' };
}

export function compareLastName(query: string, member: string): Compared<NameLevel> {
  if (canonicalName(query) === canonicalName(member)) return { level: 'exact', reason: 'Same last name.' };
  const a = nameLetters(query);
  const b = nameLetters(member);
  if (a === b) return { level: 'spelling', reason: 'Same last name apart from spaces, hyphens or punctuation.' };
  const pa = nameParts(query);
  const pb = nameParts(member);
  if ((pa.length > 1 || pb.length > 1) && pa.some((p) => pb.includes(p))) {
    return { level: 'part', reason: 'One last name is part of the other (hyphenated or double last name).' };
  }
  const t = typo(a, b);
  if (t.is) return { level: 'typo', reason: `Likely a typo: ${t.detail}.` };
  if (soundAlike(a, b)) return { level: 'sound', reason: 'The names sound alike (Double Metaphone).' };
  return { level: 'differs', reason: 'Different last name (it may have changed, for example by marriage).' };
}

export function compareDateOfBirth(query: string, member: string): Compared<DobLevel> {
  const level = compareDob(query, member);
  const reason = {
    exact: 'Same date of birth.',
    swapped: 'Day and month are swapped.',
    'one-digit': 'One digit differs.',
    transposed: 'Two neighbouring digits are swapped.',
    differs: 'Different date of birth.',
  }[level];
  return { level, reason };
}

export function compareSex(query: Sex, member: Sex): Compared<SexLevel> {
  if (query === member) return { level: 'exact', reason: 'Same sex.' };
  if (query === 'U' || member === 'U') return { level: 'unknown', reason: 'Sex is unknown on one side.' };
  return { level: 'differs', reason: 'Different sex (it may have been entered wrongly).' };
}

export function compareSsnField(query: string | null | undefined, member: string | null | undefined): Compared<SsnLevel> {
  if (!query && !member) return { level: 'both-missing', reason: 'No SSN was given and none is on file.' };
  const level = compareSsn(query, member);
  const reason = {
    exact: 'Same SSN.',
    'one-digit': 'One SSN digit differs.',
    swapped: 'Two SSN digits are swapped.',
    differs: 'Different SSN.',
    missing: query ? 'No SSN is on file for this member.' : 'No SSN was given.',
  }[level];
  return { level, reason };
}

function titleCase(s: string): string {
  return canonicalName(s)
    .toLowerCase()
    .replace(/(^|[\s-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}
