import {
  compareDateOfBirth,
  compareFirstName,
  compareLastName,
  compareSex,
  compareSsnField,
  namesSwapped,
  swappedNameReasons,
  type Compared,
  type DobLevel,
  type NameLevel,
  type SexLevel,
  type SsnLevel,
} from './comparators';
import { nameShare, type NameCounts } from './frequencies';
import type { MatchMember, MatchQuery } from './schemas';

/**
 * The scoring model — Fellegi-Sunter record linkage. The README of this folder holds
 * the same table and the figures behind the threshold; change both together, and show
 * a threshold change's effect on every kind (bench/match.bench.ts prints the table).
 *
 * Each field comparison lands on an outcome level. For every level we state
 *   m = P(this outcome | query and member are the same person)
 *   u = P(this outcome | they are different people)
 * and the level's weight is log2(m / u). A candidate's score is the sum of its five
 * field weights. The m values are the rates of the mistakes member match must tolerate
 * (seed 003 §9, issues 4 and 16); the u values the chance agreement in a cache of about
 * a million (≈ 31,000 birth dates, an SSN 1 in 10^7) and, for an exact name, the name's
 * own share of the cache (frequencies.ts: Smith ≈ 0.8 %, a rare surname ≈ 0.01 %).
 *
 *  field  level                     m        u                 weight
 *  first  exact                     0.92     share of name     log2(0.92/share), ≤ 10 (+6.52 at the average 1 %; James +6.2)
 *         same letters              exact − 3.2 (O'Neil / ONeil)
 *         nickname (Bill/William)   0.03     0.002             +3.91
 *         part of a double name     0.02     0.004             +2.32
 *         typo / transposition      0.03     0.008             +1.91
 *         sounds alike              0.01     0.006             +0.74
 *         swapped with last name    exact − 3.15 (both names: 1 % of callers swap them)
 *         differs                   0.01     0.97              −6.60
 *  last   exact                     0.86     share of name     log2(0.86/share), ≤ 12 (+8.75 at the average 0.2 %; Smith +6.7)
 *         same letters              exact − 3.43 (O'Brien / O Brien, De La Cruz / DeLaCruz)
 *         part of a two-part name   0.03     0.001             +4.91 (Garcia for Garcia Lopez)
 *         typo / transposition      0.03     0.004             +2.91
 *         sounds alike              0.01     0.004             +1.32
 *         swapped with first name   exact − 3.15
 *         differs, woman of 18+     0.08     0.99              −3.63 (marriage, divorce)
 *         differs, anyone else      0.01     0.99              −6.63
 *  DOB    exact                     0.95     0.00005          +14.21
 *         day/month swapped         0.02     0.0002            +6.64
 *         year one or ten off       0.01     0.00013           +6.27
 *         one day off               0.01     0.000065          +7.27
 *         one digit off             0.02     0.002             +3.32
 *         two digits transposed     0.005    0.0005            +3.32
 *         differs                   0.005    0.997             −7.64
 *  sex    same                      0.97     0.5               +0.96, but 0 when the first names agree
 *         differs                   0.03     0.5               −4.06   (the name already says the sex)
 *         unknown (U on one side)   —        —                  0
 *  SSN    exact                     0.95     1e-7             +23.18
 *         one digit off             0.02     1e-6             +14.29
 *         two digits swapped        0.01     1e-6             +13.29
 *         differs                   0.01     0.99999           −6.64
 *         missing on either side    —        —                  0
 *
 * Decision (decide.ts): Full needs exact agreement of all five fields with exactly one
 * member (no SSN on either side counts as agreeing) and neither that SSN nor that
 * person on another case; Partial is any candidate whose score reaches
 * PARTIAL_THRESHOLD, several Full candidates, or a Full one with such a conflict;
 * otherwise No match. One rule stands beside the threshold (issue 16): a candidate
 * whose first or last name differs while no SSN can be compared is never a Partial,
 * whatever its score (decide.ts, nameChangeUnconfirmed).
 *
 * The threshold (19; 17.5 in issue 4) and the rule: first name, birth date and sex
 * agreeing with a different last name and no SSN to compare is what a married name
 * given without the SSN looks like — and exactly what a stranger born the same day with
 * the same first name looks like. By score alone that pattern was a Partial for a woman
 * of 18 or more whose first name is under about 0.75 % of the cache (exact weight
 * ≥ 6.92: 6.92 − 3.63 + 14.21 ≥ 17.5), which recovered 74.5 % of married names without an
 * SSN and made a Partial — a DCBS caseworker task — of 79.3 % of such strangers
 * (bench/results/match.json: 'absent-no-ssn', thresholdSweep "no SSN rule (before)").
 * No threshold parts the two, since the fields they show are the same; the rule keeps
 * the strangers out and the rep asks for the SSN. The threshold went from 17.5 to 19 for
 * strangers with a common first and last name and no SSN ('look-alike-no-ssn'): at 17.5
 * a birth date one digit or a year from a namesake in the cache (John Martin: 6.35 +
 * 8.55 + 3.32 = 18.2) made a Partial of 2.7 % of them, at 19 of 0.3 %; no kind of slip
 * lost more than 0.3 % (a birth year off with no SSN for James Smith scores 19.17).
 * Anything with the SSN agreeing scores ≥ 35.
 */
export const PARTIAL_THRESHOLD = 19;

const log2 = (m: number, u: number) => Math.log2(m / u);

/** m of each level (the u of exact name agreement comes from the cache's name counts). */
export const m = {
  firstName: { exact: 0.92, spelling: 0.02, nickname: 0.03, part: 0.02, typo: 0.03, sound: 0.01, swapped: 0.01, differs: 0.01 },
  lastName: { exact: 0.86, spelling: 0.02, part: 0.03, nickname: 0.01, typo: 0.03, sound: 0.01, swapped: 0.01, differs: 0.05 },
} as const;

/** The average chance that a stranger bears the same first (last) name: the flat model's u. */
export const AVERAGE_FIRST_SHARE = 0.01;
export const AVERAGE_LAST_SHARE = 0.002;

/**
 * A name shared by only a few members would otherwise weigh more than the birth date;
 * rare names run in families (a father and son, a cousin), so one name's agreement is
 * capped.
 */
export const MAX_FIRST_EXACT = 10;
export const MAX_LAST_EXACT = 12;

/** Flat weights: the levels whose u does not depend on how common the name is, and the average for those that do. */
export const weights = {
  firstName: {
    exact: log2(m.firstName.exact, AVERAGE_FIRST_SHARE),
    spelling: log2(0.02, 0.002),
    nickname: log2(0.03, 0.002),
    part: log2(0.02, 0.004),
    typo: log2(0.03, 0.008),
    sound: log2(0.01, 0.006),
    // Half of the pair's swap penalty, below the exact weight (see swapPenalty).
    swapped: 0,
    differs: log2(0.01, 0.97),
  } satisfies Record<NameLevel, number>,
  lastName: {
    exact: log2(m.lastName.exact, AVERAGE_LAST_SHARE),
    spelling: log2(0.02, 0.0005),
    part: log2(0.03, 0.001),
    nickname: log2(0.01, 0.004), // a last name is never a nickname; kept for the type
    typo: log2(0.03, 0.004),
    sound: log2(0.01, 0.004),
    swapped: 0,
    // The average; a member's own weight depends on who changes names (lastNameDiffers).
    differs: log2(0.05, 0.99),
  } satisfies Record<NameLevel, number>,
  dateOfBirth: {
    exact: log2(0.95, 0.00005),
    swapped: log2(0.02, 0.0002),
    'year-off': log2(0.01, 0.00013),
    'day-off': log2(0.01, 0.000065),
    'one-digit': log2(0.02, 0.002),
    transposed: log2(0.005, 0.0005),
    differs: log2(0.005, 0.997),
  } satisfies Record<DobLevel, number>,
  sex: {
    exact: log2(0.97, 0.5),
    differs: log2(0.03, 0.5),
    unknown: 0,
  } satisfies Record<SexLevel, number>,
  /**
   * When the first names agree, a stranger bearing that name is almost always of the
   * same sex too ("Jennifer"), so agreeing on sex adds nothing: counted once, with the name.
   */
  sexWithFirstName: {
    exact: 0,
    differs: log2(0.03, 0.5),
    unknown: 0,
  } satisfies Record<SexLevel, number>,
  ssn: {
    exact: log2(0.95, 1e-7),
    'one-digit': log2(0.02, 1e-6),
    swapped: log2(0.01, 1e-6),
    differs: log2(0.01, 0.99999),
    missing: 0,
    'both-missing': 0,
  } satisfies Record<SsnLevel, number>,
} as const;

/**
 * Swapped names: m = 1 % of callers give the names the wrong way round, and a stranger
 * matches crosswise as rarely as straight, so the pair weighs its exact weights less
 * log2(0.92 × 0.86 / 0.01), half on each field.
 */
export const SWAP_PENALTY_PER_NAME = Math.log2((m.firstName.exact * m.lastName.exact) / m.firstName.swapped) / 2;

/**
 * A different last name: most changes are women's, at marriage or divorce, so it counts
 * much less against a woman of 18 or more (m = 8 %) than against a man or a child
 * (m = 1 %); u stays 0.99.
 */
export const lastNameDiffers = {
  adultWoman: log2(0.08, 0.99),
  other: log2(0.01, 0.99),
} as const;

function lastDiffersWeight(member: MatchMember, queryDob: string, context: ScoringContext | undefined): number {
  if (member.sex !== 'F') return lastNameDiffers.other;
  if (!context?.today) return lastNameDiffers.adultWoman;
  // 18 by both birth dates: the later one decides.
  const born = member.dateOfBirth > queryDob ? member.dateOfBirth : queryDob;
  const eighteenth = `${String(Number(born.slice(0, 4)) + 18).padStart(4, '0')}${born.slice(4)}`;
  return eighteenth <= context.today ? lastNameDiffers.adultWoman : lastNameDiffers.other;
}

/** What scoring needs beyond the two records: the cache's name counts and today's date (YYYY-MM-DD, for ages). */
export interface ScoringContext {
  counts?: NameCounts;
  today?: string;
}

/** The weight of an exact first (last) name agreement on this name, from how many members bear it. */
export function exactNameWeight(part: 'first' | 'last', name: string, counts: NameCounts | undefined): number {
  const average = part === 'first' ? AVERAGE_FIRST_SHARE : AVERAGE_LAST_SHARE;
  const mExact = part === 'first' ? m.firstName.exact : m.lastName.exact;
  const cap = part === 'first' ? MAX_FIRST_EXACT : MAX_LAST_EXACT;
  return Math.min(cap, log2(mExact, nameShare(counts, part, name, average)));
}

/** Weight of a name level for this member's name: exact, same letters and swapped follow the name's frequency. */
function nameWeight(part: 'first' | 'last', level: NameLevel, memberName: string, counts: NameCounts | undefined): number {
  const flat = part === 'first' ? weights.firstName : weights.lastName;
  if (level !== 'exact' && level !== 'spelling' && level !== 'swapped') return flat[level];
  const exact = exactNameWeight(part, memberName, counts);
  if (level === 'exact') return exact;
  if (level === 'spelling') return exact - (flat.exact - flat.spelling);
  return exact - SWAP_PENALTY_PER_NAME;
}

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

function verdictOf(level: string): Verdict {
  if (level === 'exact') return 'agrees';
  if (level === 'differs') return 'differs';
  if (level === 'missing' || level === 'both-missing' || level === 'unknown') return 'missing';
  return 'close';
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function scoreCandidate(query: MatchQuery, member: MatchMember, context?: ScoringContext): ScoredCandidate {
  const counts = context?.counts;
  let first: Compared<NameLevel> = compareFirstName(query.firstName, member.firstName);
  let last: Compared<NameLevel> = compareLastName(query.lastName, member.lastName);
  const straight = nameWeight('first', first.level, member.firstName, counts) + nameWeight('last', last.level, member.lastName, counts);
  if (first.level !== 'exact' && last.level !== 'exact' && namesSwapped(query.firstName, query.lastName, member.firstName, member.lastName)) {
    const crossed = nameWeight('first', 'swapped', member.firstName, counts) + nameWeight('last', 'swapped', member.lastName, counts);
    if (crossed > straight) {
      first = { level: 'swapped', reason: swappedNameReasons.firstName };
      last = { level: 'swapped', reason: swappedNameReasons.lastName };
    }
  }
  const c = {
    firstName: first,
    lastName: last,
    dateOfBirth: compareDateOfBirth(query.dateOfBirth, member.dateOfBirth),
    sex: compareSex(query.sex, member.sex),
    ssn: compareSsnField(query.ssn, member.ssn),
  };
  const firstAgrees = c.firstName.level === 'exact' || c.firstName.level === 'spelling' || c.firstName.level === 'nickname' || c.firstName.level === 'typo';
  const w: Record<FieldName, number> = {
    firstName: nameWeight('first', c.firstName.level, member.firstName, counts),
    lastName: c.lastName.level === 'differs' ? lastDiffersWeight(member, query.dateOfBirth, context) : nameWeight('last', c.lastName.level, member.lastName, counts),
    dateOfBirth: weights.dateOfBirth[c.dateOfBirth.level],
    sex: (firstAgrees ? weights.sexWithFirstName : weights.sex)[c.sex.level],
    ssn: weights.ssn[c.ssn.level],
  };
  const fields = {} as Record<FieldName, FieldExplanation>;
  let score = 0;
  for (const f of fieldNames) {
    score += w[f];
    fields[f] = { verdict: verdictOf(c[f].level), level: c[f].level, reason: c[f].reason, weight: round2(w[f]) };
  }
  const exact =
    c.firstName.level === 'exact' &&
    c.lastName.level === 'exact' &&
    c.dateOfBirth.level === 'exact' &&
    c.sex.level === 'exact' &&
    (c.ssn.level === 'exact' || c.ssn.level === 'both-missing');
  return { member, score: round2(score), exact, fields };
}
