import { compareDateOfBirth, compareFirstName, compareLastName, compareSex, compareSsnField, type DobLevel, type NameLevel, type SexLevel, type SsnLevel } from './comparators';
import type { MatchMember, MatchQuery } from '../../shared/common/match/schemas';

/**
 * The scoring model — Fellegi-Sunter record linkage.
 *
 * Each field comparison lands on an outcome level. For every level we state
 *   m = P(this outcome | query and member are the same person)
 *   u = P(this outcome | they are different people)
 * and the level's weight is log2(m / u). A candidate's score is the sum of its field
 * weights: agreement on rare things (SSN, exact birth date) adds a lot, disagreement
 * subtracts, a missing value adds nothing. The m values come from the error kinds
 * member match must tolerate (seed 003 §9, issue 4 §2) — nicknames, typos, changed
 * last names, birth-date slips, SSN slips, wrong sex — at the rates the synthetic
 * population injects them; the u values from chance agreement in a population of about
 * a million (≈ 30,000 distinct birth dates, a common first name ≈ 1 %, a common
 * surname ≈ 0.2–0.8 %, an SSN 1 in 10^7).
 *
 *  field  level                     m        u         weight
 *  first  exact                     0.92     0.01      +6.52
 *         same letters              0.02     0.002     +3.32
 *         nickname (Bill/William)   0.03     0.002     +3.91
 *         part of a double name     0.02     0.004     +2.32
 *         typo / transposition      0.03     0.008     +1.91
 *         sounds alike              0.01     0.006     +0.74
 *         differs                   0.01     0.97      -6.60
 *  last   exact                     0.86     0.002     +8.75
 *         same letters              0.02     0.0005    +5.32
 *         hyphenated part           0.03     0.001     +4.91
 *         typo / transposition      0.03     0.004     +2.91
 *         sounds alike              0.01     0.004     +1.32
 *         differs (changed name)    0.05     0.99      -4.31
 *  DOB    exact                     0.95     0.00005  +14.21
 *         day/month swapped         0.02     0.0002    +6.64
 *         one digit off             0.02     0.002     +3.32
 *         two digits transposed     0.005    0.0005    +3.32
 *         differs                   0.005    0.997     -7.64
 *  sex    same                      0.97     0.5       +0.96
 *         differs                   0.03     0.5       -4.06
 *         unknown (U on one side)   —        —          0
 *  SSN    exact                     0.95     1e-7     +23.18
 *         one digit off             0.02     1e-6     +14.29
 *         two digits swapped        0.01     1e-6     +13.29
 *         differs                   0.02     0.99999   -5.64
 *         missing on either side    —        —          0
 *
 * Decision (issue 4 §2): Full needs exact agreement of all five fields with exactly one
 * member (no SSN on either side counts as agreeing); Partial is any candidate whose
 * score reaches PARTIAL_THRESHOLD, or several Full candidates; otherwise No match.
 * The threshold sits where one slip plus a missing SSN still clears it, while an
 * unrelated person sharing first name, date of birth and sex by chance does not:
 *   same first + DOB + sex, different last name, no SSN to compare = 6.52 − 4.31 + 14.21
 *   + 0.96 = 17.38 → below 17.5. In a million members that pattern is mostly chance
 *   (two Michaels born the same day); the price is that a member with no SSN on file
 *   whose last name changed is a No match (1–2 % of changed names in the benchmark).
 *   Every other single slip scores well above: DOB one digit off with no SSN 19.55,
 *   a nickname with no SSN 27.8, a missing SSN 30.4, anything with the SSN ≥ 40.
 */
export const PARTIAL_THRESHOLD = 17.5;

const log2 = (m: number, u: number) => Math.log2(m / u);

export const weights = {
  firstName: {
    exact: log2(0.92, 0.01),
    spelling: log2(0.02, 0.002),
    nickname: log2(0.03, 0.002),
    part: log2(0.02, 0.004),
    typo: log2(0.03, 0.008),
    sound: log2(0.01, 0.006),
    differs: log2(0.01, 0.97),
  } satisfies Record<NameLevel, number>,
  lastName: {
    exact: log2(0.86, 0.002),
    spelling: log2(0.02, 0.0005),
    part: log2(0.03, 0.001),
    nickname: log2(0.01, 0.004), // a last name is never a nickname; kept for the type
    typo: log2(0.03, 0.004),
    sound: log2(0.01, 0.004),
    differs: log2(0.05, 0.99),
  } satisfies Record<NameLevel, number>,
  dateOfBirth: {
    exact: log2(0.95, 0.00005),
    swapped: log2(0.02, 0.0002),
    'one-digit': log2(0.02, 0.002),
    transposed: log2(0.005, 0.0005),
    differs: log2(0.005, 0.997),
  } satisfies Record<DobLevel, number>,
  sex: {
    exact: log2(0.97, 0.5),
    differs: log2(0.03, 0.5),
    unknown: 0,
  } satisfies Record<SexLevel, number>,
  ssn: {
    exact: log2(0.95, 1e-7),
    'one-digit': log2(0.02, 1e-6),
    swapped: log2(0.01, 1e-6),
    differs: log2(0.02, 0.99999),
    missing: 0,
    'both-missing': 0,
  } satisfies Record<SsnLevel, number>,
} as const;

export type FieldName = 'firstName' | 'lastName' | 'dateOfBirth' | 'sex' | 'ssn';
export const fieldNames: readonly FieldName[] = ['firstName', 'lastName', 'dateOfBirth', 'sex', 'ssn'];
/** What the PSL screen and the CLI say about one field. */
export type Verdict = 'agrees' | 'close' | 'differs' | 'missing';

export interface FieldExplanation {
  verdict: Verdict;
  /** The comparator's outcome level, e.g. "nickname", "swapped". */
  level: string;
  reason: string;
  weight: number;
}

export interface ScoredCandidate {
  member: MatchMember;
  score: number;
  /** All five fields agree exactly (the Full-match test of seed 003 §9). */
  exact: boolean;
  fields: Record<FieldName, FieldExplanation>;
}

function verdictOf(field: FieldName, level: string): Verdict {
  if (level === 'exact') return 'agrees';
  if (level === 'differs') return 'differs';
  if (level === 'missing' || level === 'both-missing' || level === 'unknown') return 'missing';
  return 'close';
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function scoreCandidate(query: MatchQuery, member: MatchMember): ScoredCandidate {
  const c = {
    firstName: compareFirstName(query.firstName, member.firstName),
    lastName: compareLastName(query.lastName, member.lastName),
    dateOfBirth: compareDateOfBirth(query.dateOfBirth, member.dateOfBirth),
    sex: compareSex(query.sex, member.sex),
    ssn: compareSsnField(query.ssn, member.ssn),
  };
  const w: Record<FieldName, number> = {
    firstName: weights.firstName[c.firstName.level],
    lastName: weights.lastName[c.lastName.level],
    dateOfBirth: weights.dateOfBirth[c.dateOfBirth.level],
    sex: weights.sex[c.sex.level],
    ssn: weights.ssn[c.ssn.level],
  };
  const fields = {} as Record<FieldName, FieldExplanation>;
  let score = 0;
  for (const f of fieldNames) {
    score += w[f];
    fields[f] = { verdict: verdictOf(f, c[f].level), level: c[f].level, reason: c[f].reason, weight: round2(w[f]) };
  }
  const exact =
    c.firstName.level === 'exact' &&
    c.lastName.level === 'exact' &&
    c.dateOfBirth.level === 'exact' &&
    c.sex.level === 'exact' &&
    (c.ssn.level === 'exact' || c.ssn.level === 'both-missing');
  return { member, score: round2(score), exact, fields };
}
