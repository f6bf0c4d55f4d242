import { PARTIAL_THRESHOLD, scoreCandidate, type ScoredCandidate } from './scoring';
import type { MatchMember, MatchQuery } from '../../shared/common/match/schemas';

/**
 * The three member-match outcomes of seed 003 §9, decided exactly as issue 4 §2 says:
 *  - full: first, last, DOB, sex and SSN all agree with exactly one member (case and
 *    spacing ignored); a query without SSN is Full only against a member with no SSN;
 *  - partial: two or more members match fully ("more than one record" — never pick
 *    one), or some member may be the person (score ≥ PARTIAL_THRESHOLD);
 *  - none: nothing plausible.
 */
export type MatchLevel = 'full' | 'partial' | 'none';

export interface MatchDecision {
  level: MatchLevel;
  /** Why, in a sentence a PSL rep can read to a caller. */
  reason: string;
  /** Plausible candidates, best first (Full ones lead). */
  candidates: ScoredCandidate[];
}

export const MAX_CANDIDATES = 10;

export function decide(query: MatchQuery, members: Iterable<MatchMember>): MatchDecision {
  const scored: ScoredCandidate[] = [];
  for (const m of members) scored.push(scoreCandidate(query, m));
  return decideScored(scored);
}

export function decideScored(scored: ScoredCandidate[]): MatchDecision {
  const plausible = scored
    .filter((c) => c.exact || c.score >= PARTIAL_THRESHOLD)
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score || a.member.memberId.localeCompare(b.member.memberId))
    .slice(0, MAX_CANDIDATES);
  const full = plausible.filter((c) => c.exact);
  if (full.length === 1) {
    return { level: 'full', reason: 'Full match: every identifying field agrees with one member.', candidates: plausible };
  }
  if (full.length > 1) {
    return {
      level: 'partial',
      reason: `Partial match: all identifying fields agree with more than one record (${full.length} members); a DCBS caseworker must resolve it.`,
      candidates: plausible,
    };
  }
  if (plausible.length > 0) {
    return {
      level: 'partial',
      reason: 'Partial match: not every field agrees exactly, but the person may already exist.',
      candidates: plausible,
    };
  }
  return { level: 'none', reason: 'No match: nobody in the cache could plausibly be this person.', candidates: [] };
}

export const levelInWords: Record<MatchLevel, string> = {
  full: 'Full match',
  partial: 'Partial match',
  none: 'No match',
};
