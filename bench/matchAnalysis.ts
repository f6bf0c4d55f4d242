/**
 * What the match benchmark reports beyond its per-kind figures (issue 16): the other
 * models measured on the same candidates (thresholds, and rules tried and not taken),
 * the wrong outcomes of the kinds that miss their target, query beside member field by
 * field, and how often two people share a first name, birth date and sex. Used by
 * bench/match.bench.ts (bench/results/match.json) and bench/matchMisses.ts (the same on
 * the in-memory index, for a quick look). No SSN is ever written: only whether one was
 * given or is on file.
 */
import { decideScored, DEFAULT_RULES, type DecideRules, type MatchDecision } from '../shared/common/match/decide';
import type { NameCounts } from '../shared/common/match/frequencies';
import { nameLetters } from '../shared/common/match/normalize';
import { PopulationGenerator, type TestQuery } from '../shared/common/match/population';
import { PARTIAL_THRESHOLD, type ScoredCandidate } from '../shared/common/match/scoring';
import type { MatchMember } from '../shared/common/match/schemas';

const noSsnToCompare = (c: ScoredCandidate) => c.fields.ssn.level === 'missing' || c.fields.ssn.level === 'both-missing';

/** First name, birth date and sex agree, the last name differs, no SSN to compare: a married name without the SSN, or a stranger born that day with that first name. */
export const firstDobSexOnly = (c: ScoredCandidate) =>
  c.fields.firstName.level === 'exact' && c.fields.dateOfBirth.level === 'exact' && c.fields.sex.level === 'exact' && c.fields.lastName.level === 'differs' && noSsnToCompare(c);

/** A last name given that is a typo or sound-alike of the member's and is itself another surname on file, with no SSN to compare. */
export const closeToAnotherSurname = (q: TestQuery, c: ScoredCandidate, counts: NameCounts) =>
  (c.fields.lastName.level === 'typo' || c.fields.lastName.level === 'sound') && noSsnToCompare(c) && counts.last(nameLetters(q.query.lastName)) > 0;

export interface Model {
  label: string;
  threshold: number;
  rules: DecideRules;
  /** What is done to the scored candidates before deciding (a rule tried beside the threshold). */
  prepare?: (q: TestQuery, scored: ScoredCandidate[], counts: NameCounts) => ScoredCandidate[];
}

/**
 * The models reported beside today's (issue 16 §4): issue 4's model, thresholds from 16
 * to 26 with today's rule, and two rules tried for the kinds below target and not taken
 * (README of shared/common/match, "What the model cannot tell apart").
 */
export const MODELS: Model[] = [
  // The model before issue 16: issue 4's threshold, by score alone.
  { label: 'T=17.5, no SSN rule (before)', threshold: 17.5, rules: { differentNameNeedsSsn: false } },
  { label: 'T=16, no SSN rule', threshold: 16, rules: { differentNameNeedsSsn: false } },
  ...[16, 17, 17.5, 18, 18.5, 19, 20, 21, 22, 22.6, 23, 24, 25.4, 26].map((t) => ({ label: `T=${t}`, threshold: t, rules: DEFAULT_RULES })),
  // changed-last and married-name-no-ssn: would making that pattern a Partial find them, and at what cost?
  {
    label: 'T=19, first+DOB+sex without SSN is Partial',
    threshold: PARTIAL_THRESHOLD,
    rules: { differentNameNeedsSsn: false },
    prepare: (_q, scored) => scored.map((c) => (firstDobSexOnly(c) ? { ...c, score: Math.max(c.score, PARTIAL_THRESHOLD) } : c)),
  },
  // absent-no-ssn: her own surname a letter from the member's (Ashner, Ashker) — hold it when it is another surname on file.
  ...[19, 22.6].map((t) => ({
    label: `T=${t}, typo of another surname on file without SSN held`,
    threshold: t,
    rules: DEFAULT_RULES,
    prepare: (q: TestQuery, scored: ScoredCandidate[], counts: NameCounts) => scored.filter((c) => !closeToAnotherSurname(q, c, counts)),
  })),
];

export const decideWith = (model: Model, q: TestQuery, scored: ScoredCandidate[], counts: NameCounts): MatchDecision =>
  decideScored(model.prepare ? model.prepare(q, scored, counts) : scored, model.threshold, model.rules);

const shown = (m: MatchMember) => ({ memberId: m.memberId, firstName: m.firstName, lastName: m.lastName, dateOfBirth: m.dateOfBirth, sex: m.sex, ssnOnFile: m.ssn !== null });

/**
 * One wrong outcome: the query, what came back, and the member it is about (present
 * kinds) or the one it was taken for (absent kinds), with that member's field levels
 * and weights.
 */
export function describeMiss(q: TestQuery, d: MatchDecision, scored: readonly ScoredCandidate[], byMemberId: ReadonlyMap<string, MatchMember>) {
  const expected = q.expectedMemberId ? byMemberId.get(q.expectedMemberId) : undefined;
  const c = expected ? scored.find((s) => s.member.memberId === expected.memberId) : d.candidates[0];
  const who = expected ?? c?.member;
  return {
    query: { firstName: q.query.firstName.trim(), lastName: q.query.lastName.trim(), dateOfBirth: q.query.dateOfBirth, sex: q.query.sex, ssnGiven: Boolean(q.query.ssn) },
    level: d.level,
    [expected ? 'member' : 'takenFor']: who ? shown(who) : null,
    memberAmongCandidates: expected ? Boolean(c) : undefined,
    score: c?.score ?? null,
    fields: c ? Object.fromEntries(Object.entries(c.fields).map(([f, e]) => [f, `${e.level} ${e.weight}`])) : null,
  };
}

/**
 * How many people share a first name (its letters), a birth date and a sex — in the
 * population (a person's second record is not another person), and for people who are
 * not in it, drawn as the population is.
 */
export function firstDobSexShares(everyone: readonly MatchMember[], samePerson: ReadonlyMap<string, string>, strangers: number, seed: number, referenceYear = 2026) {
  const key = (first: string, dob: string, sex: string) => `${nameLetters(first)}|${dob}|${sex}`;
  const groups = new Map<string, string[]>();
  for (const m of everyone) {
    const k = key(m.firstName, m.dateOfBirth, m.sex);
    const g = groups.get(k);
    if (g) g.push(m.memberId);
    else groups.set(k, [m.memberId]);
  }
  const woman19 = (sex: string, dob: string) => sex === 'F' && Number(dob.slice(0, 4)) <= referenceYear - 19;
  let sharing = 0;
  let pairs = 0;
  let women = 0;
  let womenSharing = 0;
  for (const m of everyone) {
    const others = groups.get(key(m.firstName, m.dateOfBirth, m.sex))!.filter((id) => id !== m.memberId && samePerson.get(m.memberId) !== id).length;
    pairs += others;
    if (others) sharing++;
    if (woman19(m.sex, m.dateOfBirth)) {
      women++;
      if (others) womenSharing++;
    }
  }
  const gen = new PopulationGenerator({ seed });
  let outsidersSharing = 0;
  let outsideWomen = 0;
  let outsideWomenSharing = 0;
  for (let i = 0; i < strangers; i++) {
    const p = gen.person(everyone.length * 3 + i);
    const hit = groups.has(key(p.firstName, p.dateOfBirth, p.sex));
    if (hit) outsidersSharing++;
    if (woman19(p.sex, p.dateOfBirth)) {
      outsideWomen++;
      if (hit) outsideWomenSharing++;
    }
  }
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 100 : null);
  return {
    members: everyone.length,
    membersSharingWithAnotherPerson: sharing,
    membersSharingPct: pct(sharing, everyone.length),
    pairs: pairs / 2,
    womenOf19OrMore: women,
    womenOf19OrMoreSharing: womenSharing,
    womenOf19OrMoreSharingPct: pct(womenSharing, women),
    peopleNotInTheCacheDrawn: strangers,
    notInTheCacheSharingWithAMember: outsidersSharing,
    notInTheCacheSharingPct: pct(outsidersSharing, strangers),
    notInTheCacheWomenOf19OrMore: outsideWomen,
    notInTheCacheWomenOf19OrMoreSharing: outsideWomenSharing,
    notInTheCacheWomenOf19OrMoreSharingPct: pct(outsideWomenSharing, outsideWomen),
  };
}
