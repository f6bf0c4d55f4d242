import { candidateSummary, casesInWords } from './explain';
import { nameLetters } from './normalize';
import { PARTIAL_THRESHOLD, scoreCandidate, type ScoredCandidate, type ScoringContext } from './scoring';
import type { MatchMember, MatchQuery } from './schemas';

/**
 * The three member-match outcomes of seed 003 §9:
 *  - full: "All identifying information perfectly matches an Individual on an existing
 *    case": first, last, DOB, sex and SSN all agree with exactly one member (case and
 *    spacing ignored; a query without SSN is Full only against a member with no SSN),
 *    and neither that SSN nor that person is also on another case (issue 12 §1: Tom
 *    Miller and Thomas Miller on two cases with one SSN are not a Full match for either);
 *  - partial: two or more members match fully ("more than one record" — never pick
 *    one), a Full candidate whose SSN or identity is also on another case, or some
 *    member may be the person (score ≥ PARTIAL_THRESHOLD);
 *  - none: nothing plausible.
 */
export type MatchLevel = 'full' | 'partial' | 'none';

/**
 * The person, or their SSN, on more than one record (issue 12 §1, issue 16 §1):
 *  - several-full: two or more members agree on every field;
 *  - ssn: the SSN given, or the best candidate's SSN on file, is also on file for a
 *    member of another case;
 *  - identity: another case holds a member who may be the same person (scores as a
 *    Partial match and has no SSN that disagrees with the one given).
 * The first member listed is the best candidate.
 */
export interface MatchConflict {
  kind: 'several-full' | 'ssn' | 'identity';
  memberIds: string[];
  caseNumbers: string[];
  reason: string;
}

export interface ExplainedCandidate extends ScoredCandidate {
  /** Why this candidate, in a sentence or two (issue 16 §3). */
  summary: string;
}

export interface MatchDecision {
  level: MatchLevel;
  /** Why, in a sentence a PSL rep can read to a caller. */
  reason: string;
  /**
   * The reason without the closest record's own summary, for a screen that shows that
   * record's card right below it (issue 12 §6: said once); the notes keep `reason` whole.
   */
  briefReason?: string;
  /** Plausible candidates, best first (Full ones lead), then any other holder of the SSN. */
  candidates: ExplainedCandidate[];
  conflicts: MatchConflict[];
}

export const MAX_CANDIDATES = 10;

export function decide(query: MatchQuery, members: Iterable<MatchMember>, context?: ScoringContext): MatchDecision {
  const scored: ScoredCandidate[] = [];
  for (const m of members) scored.push(scoreCandidate(query, m, context));
  return decideScored(scored);
}

const byRank = (a: ScoredCandidate, b: ScoredCandidate) => Number(b.exact) - Number(a.exact) || b.score - a.score || a.member.memberId.localeCompare(b.member.memberId);

/**
 * A name that differs while no SSN can be compared (none given, or none on file). A
 * different last name leaves first name, birth date and sex, and a stranger born the
 * same day with the same first name agrees on exactly those: a married name given
 * without the SSN and that stranger look the same from the desk (issue 16; the
 * benchmark's 'married-name-no-ssn' and 'absent-no-ssn' kinds are the two). A different
 * first name likewise leaves a last name and birth date that a sibling shares. A Partial
 * creates a DCBS caseworker task (seed 003 §9), so such a candidate is never a Partial
 * on its score: the rep asks for the SSN instead.
 */
export function nameChangeUnconfirmed(c: ScoredCandidate): boolean {
  return (c.fields.lastName.level === 'differs' || c.fields.firstName.level === 'differs') && (c.fields.ssn.level === 'missing' || c.fields.ssn.level === 'both-missing');
}

export interface DecideRules {
  /** Candidates with nameChangeUnconfirmed are not plausible (true in the app; the benchmark turns it off to show the model before issue 16 in the same run). */
  differentNameNeedsSsn: boolean;
}
export const DEFAULT_RULES: DecideRules = { differentNameNeedsSsn: true };

const NO_MATCH = 'No match: nobody in this desk’s member cache could plausibly be this person.';

/** Why a No match when a member agrees but for one name and there is no SSN to compare, and what would settle it. */
function noMatchUnconfirmed(c: ScoredCandidate): string {
  const ssnGiven = c.fields.ssn.level === 'missing' && c.member.ssn === null;
  const which =
    c.fields.lastName.level === 'differs'
      ? 'the same first name and birth date but another last name (it may have changed, for example by marriage)'
      : 'the same last name and birth date but another first name (possibly a brother or sister)';
  const noSsn = ssnGiven ? 'no SSN is on file for that member to compare with the one given' : 'no SSN was given to confirm it';
  return `No match: a member has ${which}, and ${noSsn}. Without an SSN someone else looks the same, so this is not a Partial match${ssnGiven ? '' : ': ask for the SSN and look up again'}.`;
}

/** `threshold` is PARTIAL_THRESHOLD; the benchmark passes others (and the rules off) to show what a change would do to every kind. */
export function decideScored(scored: ScoredCandidate[], threshold = PARTIAL_THRESHOLD, rules: DecideRules = DEFAULT_RULES): MatchDecision {
  const isHeld = (c: ScoredCandidate) => rules.differentNameNeedsSsn && nameChangeUnconfirmed(c);
  const plausible = scored.filter((c) => c.exact || (c.score >= threshold && !isHeld(c))).sort(byRank);
  if (plausible.length === 0) {
    // Said whatever the candidate's score (a Jennifer weighs less than a Thomasina): the SSN settles it either way.
    const held = scored.find(
      (c) =>
        nameChangeUnconfirmed(c) &&
        c.fields.dateOfBirth.level === 'exact' &&
        (c.fields.lastName.level === 'differs' ? c.fields.firstName.level === 'exact' : c.fields.lastName.level === 'exact'),
    );
    // The desk's cache, not kynect: the lookup service says which extract it was loaded from (issue 11 §12).
    return { level: 'none', reason: held ? noMatchUnconfirmed(held) : NO_MATCH, candidates: [], conflicts: [] };
  }
  const top = plausible[0]!;
  const topCase = top.member.caseNumber;
  const full = plausible.filter((c) => c.exact);

  // Another case holding the SSN given, or the best candidate's SSN on file, whatever the rest says.
  const ssnHolders = scored
    .filter((c) => c !== top && c.member.caseNumber !== topCase && (c.fields.ssn.level === 'exact' || (top.member.ssn !== null && c.member.ssn === top.member.ssn)))
    .sort(byRank);
  // Another case holding someone who may be this person, with no SSN that says otherwise.
  const lookAlikes = plausible.filter((c) => c !== top && c.member.caseNumber !== topCase && c.fields.ssn.level !== 'differs' && !ssnHolders.includes(c));

  const conflicts: MatchConflict[] = [];
  /** The same facts as clauses of the decision's sentence. */
  const clauses: string[] = [];
  if (full.length > 1) {
    const cases = unique(full.map((c) => c.member.caseNumber));
    conflicts.push({
      kind: 'several-full',
      memberIds: full.map((c) => c.member.memberId),
      caseNumbers: cases,
      reason: `All identifying fields agree with more than one record (${full.length} members, ${casesInWords(cases)}).`,
    });
  }
  if (ssnHolders.length) {
    const given = ssnHolders.some((c) => c.fields.ssn.level === 'exact');
    const cases = unique(ssnHolders.map((c) => c.member.caseNumber));
    const clause = `${given ? 'the SSN given' : 'its SSN'} is also on file on ${casesInWords(cases)}, so more than one record holds it`;
    clauses.push(clause);
    conflicts.push({
      kind: 'ssn',
      memberIds: [top.member.memberId, ...ssnHolders.map((c) => c.member.memberId)],
      caseNumbers: [topCase, ...cases],
      reason: `${given ? 'The SSN given' : 'The SSN on file for this person'} is also on file on ${casesInWords(cases)}, so more than one record holds it.`,
    });
  }
  const lookAlikesOutsideFull = lookAlikes.filter((c) => !(full.length > 1 && c.exact));
  if (lookAlikesOutsideFull.length) {
    const cases = unique(lookAlikesOutsideFull.map((c) => c.member.caseNumber));
    clauses.push(`this person may also be on ${casesInWords(cases)}, so there may be more than one record`);
    conflicts.push({
      kind: 'identity',
      memberIds: [top.member.memberId, ...lookAlikesOutsideFull.map((c) => c.member.memberId)],
      caseNumbers: [topCase, ...cases],
      reason: `This person may also be on ${casesInWords(cases)}, so there may be more than one record.`,
    });
  }

  const shown = [...plausible, ...ssnHolders.filter((c) => !plausible.includes(c))].slice(0, MAX_CANDIDATES);
  const candidates = shown.map((c) => ({ ...c, summary: summaryWithRecords(c, scored) }));
  const conflictText = clauses.length ? ` ${upperFirst(clauses.join(', and '))}.` : '';

  if (full.length === 1 && conflicts.length === 0) {
    return { level: 'full', reason: 'Full match: every identifying field agrees with one member.', candidates, conflicts };
  }
  if (full.length > 1) {
    return {
      level: 'partial',
      reason: `Partial match: all identifying fields agree with more than one record (${full.length} members); a DCBS caseworker must resolve it.${conflictText}`,
      candidates,
      conflicts,
    };
  }
  if (full.length === 1) {
    return {
      level: 'partial',
      reason: `Partial match: every identifying field agrees with a member of case ${topCase}, but ${clauses.join(', and ')}. A DCBS caseworker must resolve which record is right.`,
      candidates,
      conflicts,
    };
  }
  const lead = 'Partial match: not every field agrees exactly, but the person may already exist.';
  return {
    level: 'partial',
    reason: `${lead} Closest record: ${lowerFirst(candidateSummary(top))}${conflictText}`,
    briefReason: `${lead}${conflictText}`,
    candidates,
    conflicts,
  };
}

/**
 * The field summary, plus what the other records found say about this one: its SSN on
 * another record, a possible twin (the index always finds a twin: same birth date and
 * last name), whether or not they are plausible enough to be listed.
 */
function summaryWithRecords(c: ScoredCandidate, scored: readonly ScoredCandidate[]): string {
  const notes = [candidateSummary(c)];
  const others = scored.filter((o) => o !== c);
  const sameSsn = c.member.ssn ? others.filter((o) => o.member.ssn === c.member.ssn) : [];
  if (sameSsn.length) {
    const elsewhere = unique(sameSsn.map((o) => o.member.caseNumber).filter((n) => n !== c.member.caseNumber));
    notes.push(elsewhere.length ? `Its SSN is also on file on ${casesInWords(elsewhere)}.` : 'Its SSN is also on file for another member of this case.');
  }
  const twin = others.find(
    (o) =>
      o.member.caseNumber === c.member.caseNumber &&
      o.member.dateOfBirth === c.member.dateOfBirth &&
      nameLetters(o.member.lastName) === nameLetters(c.member.lastName) &&
      nameLetters(o.member.firstName) !== nameLetters(c.member.firstName),
  );
  if (twin) notes.push('Another member of this case has the same last name and birth date (possibly a twin): check the first name.');
  return notes.join(' ');
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

export const levelInWords: Record<MatchLevel, string> = {
  full: 'Full match',
  partial: 'Partial match',
  none: 'No match',
};
