import type { FieldName, ScoredCandidate } from './scoring';

/**
 * One sentence per candidate saying why it is (or is not quite) the person, in the
 * words a PSL staffer reads to an Agent (issue 16 §3): no levels, no weights, no
 * algorithm names, no values (the screen shows them beside the sentence).
 */
const phrases: Record<FieldName, Record<string, string>> = {
  firstName: {
    spelling: 'the first name differs only in spaces or punctuation',
    nickname: 'the first name is a nickname of the one on file',
    part: 'the first name is part of a double first name',
    typo: 'the first name looks mistyped',
    sound: 'the first name sounds the same but is spelled differently',
    swapped: 'the first and last names appear swapped',
    differs: 'the first name differs',
  },
  lastName: {
    spelling: 'the last name differs only in spaces, apostrophes or hyphens',
    part: 'only one part of a two-part last name matches',
    typo: 'the last name looks mistyped',
    sound: 'the last name sounds the same but is spelled differently',
    differs: 'the last name differs (it may have changed, for example by marriage)',
  },
  dateOfBirth: {
    swapped: 'the day and month of birth are swapped',
    'day-off': 'the birth date is one day off',
    'one-digit': 'one digit of the birth date differs',
    transposed: 'two digits of the birth date are swapped',
    differs: 'the birth date differs',
  },
  sex: {
    differs: 'the sex differs',
    unknown: 'the sex is unknown on one side',
  },
  ssn: {
    'one-digit': 'one SSN digit differs',
    swapped: 'two SSN digits are swapped',
    differs: 'the SSN differs',
    'both-missing': 'there is no SSN on either side',
  },
};

function phraseOf(c: ScoredCandidate, f: FieldName): string | null {
  const e = c.fields[f];
  if (e.verdict === 'agrees') return null;
  if (f === 'lastName' && e.level === 'swapped') return null; // said once, with the first name
  if (f === 'dateOfBirth' && e.level === 'year-off') {
    // "The birth year differs by one digit (…)" → "the birth year differs by one digit"
    return e.reason.includes('one digit') ? 'the birth year differs by one digit' : `the birth year is ${e.reason.includes('ten years') ? 'ten years' : 'one year'} off`;
  }
  if (f === 'ssn' && e.level === 'missing') return e.reason === 'No SSN was given.' ? 'no SSN was given' : 'there is no SSN on file';
  return phrases[f][e.level] ?? null;
}

/** "Every identifying field agrees." or "Agrees, except that the first and last names appear swapped and no SSN was given." */
export function candidateSummary(c: ScoredCandidate): string {
  const parts: string[] = [];
  for (const f of ['firstName', 'lastName', 'dateOfBirth', 'sex', 'ssn'] as const) {
    const p = phraseOf(c, f);
    if (p) parts.push(p);
  }
  if (parts.length === 0) return 'Every identifying field agrees.';
  const agreeing = (['firstName', 'lastName', 'dateOfBirth', 'sex', 'ssn'] as const).filter((f) => c.fields[f].verdict === 'agrees').length;
  if (agreeing === 0) return `Nothing agrees exactly: ${joinWords(parts)}.`;
  return `Agrees, except that ${joinWords(parts)}.`;
}

export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "case 100200300" or "cases 100200300 and 100200301". */
export function casesInWords(caseNumbers: readonly string[]): string {
  return `${caseNumbers.length === 1 ? 'case' : 'cases'} ${joinWords(caseNumbers)}`;
}
