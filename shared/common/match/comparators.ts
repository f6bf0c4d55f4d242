import { jaroWinkler, osaDistanceWithin } from './stringMetrics';
import { canonicalName, nameLetters, nameParts } from './normalize';
import { areNicknames } from './nicknames';
import { soundAlike } from './phonetic';
import { compareDob } from './dates';
import { compareSsn } from './ssn';
import type { Sex } from './schemas';

/**
 * Field comparators. Each returns an outcome level (what kind of agreement) and a
 * sentence for the explanation. Scoring (scoring.ts) turns levels into weights.
 * The sentences are what a PSL staffer reads to an Agent: plain words, no algorithm
 * names, no values (the screen shows the values beside them).
 */
export type NameLevel = 'exact' | 'spelling' | 'nickname' | 'part' | 'typo' | 'sound' | 'swapped' | 'differs';
export type DobLevel = 'exact' | 'swapped' | 'year-off' | 'day-off' | 'one-digit' | 'transposed' | 'differs';
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
  if (jw >= TYPO_JARO_WINKLER) return { is: true, detail: 'the spellings are very close' };
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
  if (soundAlike(a, b)) return { level: 'sound', reason: 'The first names sound alike but are spelled differently.' };
  return { level: 'differs', reason: 'Different first name.' };
}

export function compareLastName(query: string, member: string): Compared<NameLevel> {
  if (canonicalName(query) === canonicalName(member)) return { level: 'exact', reason: 'Same last name.' };
  const a = nameLetters(query);
  const b = nameLetters(member);
  if (a === b) return { level: 'spelling', reason: 'Same last name apart from spaces, apostrophes, hyphens or other punctuation.' };
  const pa = nameParts(query);
  const pb = nameParts(member);
  if ((pa.length > 1 || pb.length > 1) && pa.some((p) => pb.includes(p))) {
    return {
      level: 'part',
      reason: pb.length > pa.length ? 'The last name given is one part of a two-part last name on file.' : 'The last name on file is one part of the two-part last name given.',
    };
  }
  const t = typo(a, b);
  if (t.is) return { level: 'typo', reason: `Likely a typo: ${t.detail}.` };
  if (soundAlike(a, b)) return { level: 'sound', reason: 'The last names sound alike but are spelled differently.' };
  return { level: 'differs', reason: 'Different last name (it may have changed, for example by marriage).' };
}

export function compareDateOfBirth(query: string, member: string): Compared<DobLevel> {
  const level = compareDob(query, member);
  let reason = {
    exact: 'Same date of birth.',
    swapped: 'Day and month are swapped.',
    'year-off': 'The birth year differs by one digit; the month and day agree.',
    'day-off': 'The birth date is one day off.',
    'one-digit': 'One digit of the birth date differs.',
    transposed: 'Two neighbouring digits of the birth date are swapped.',
    differs: 'Different date of birth.',
  }[level];
  if (level === 'year-off') {
    const years = Math.abs(Number(query.slice(0, 4)) - Number(member.slice(0, 4)));
    const digits = [...query.slice(0, 4)].filter((c, i) => c !== member[i]).length;
    const apart = years === 1 ? 'one year apart' : 'ten years apart';
    reason = digits === 1 ? `The birth year differs by one digit (${apart}); the month and day agree.` : `The birth years are ${apart}; the month and day agree.`;
  }
  return { level, reason };
}

/**
 * First and last names entered the wrong way round ("Smith John" for John Smith): the
 * first name given is the member's last name and the last name given their first
 * name, each spelled the same, or one of them a nickname or typo of the other. Two
 * names are compared crosswise, so this is checked for the pair, not field by field.
 */
export function namesSwapped(queryFirst: string, queryLast: string, memberFirst: string, memberLast: string): boolean {
  const qf = nameLetters(queryFirst);
  const ql = nameLetters(queryLast);
  const mf = nameLetters(memberFirst);
  const ml = nameLetters(memberLast);
  if (!qf || !ql || qf === ql) return false;
  const near = (a: string, b: string) => a === b || areNicknames(a, b) || typo(a, b).is;
  return (qf === ml && near(ql, mf)) || (ql === mf && near(qf, ml));
}

export const swappedNameReasons = {
  firstName: 'First and last names appear swapped: the first name given is the last name on file.',
  lastName: 'First and last names appear swapped: the last name given is the first name on file.',
} as const;

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
