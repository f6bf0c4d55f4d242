/**
 * The member matcher as it stood before issue 16 (blocking probes, comparators, weights,
 * threshold and decision of issue 4), copied unchanged from shared/common/match at
 * commit c9859d8 — only the import paths differ, and talisman's string metrics are
 * main's stringMetrics.ts (ce225bb replaced talisman, bit for bit). The benchmark runs it on the same
 * cache and the same queries as today's matcher, one query after the other, so the
 * latency target of issue 16 ("no more than 1.25× today's scorer, measured in the same
 * run") compares like with like on a machine whose speed varies. Do not edit these
 * files: they are the baseline.
 */
import type { MatchQuery } from '../../shared/common/match/schemas';
import type { MemberStore } from '../../shared/node/match/memberStore';
import { queryKeys } from './blocking';
import { decide, type MatchDecision } from './decide';

export type LegacyDecision = MatchDecision;

/** One lookup as LookupService.match did it before issue 16. */
export function legacyMatch(store: MemberStore, query: MatchQuery): LegacyDecision {
  return decide(query, store.candidates(queryKeys(query, store.vault().indexMac)));
}
