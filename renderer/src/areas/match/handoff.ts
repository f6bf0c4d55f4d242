import type { LookupResult } from '../../../../shared/common/match/contract';

/**
 * A lookup another part of the window ran for the Member match area to show on
 * arrival (the screen pop's case lookup). View state only: main has already run and
 * audited the lookup; this just carries its answer across the move between areas.
 */
export interface LookupHandoff {
  caseNumber: string;
  result: LookupResult;
}

let waiting: LookupHandoff | null = null;

export function handOffLookup(handoff: LookupHandoff): void {
  waiting = handoff;
}

export function takeLookupHandoff(): LookupHandoff | null {
  const h = waiting;
  waiting = null;
  return h;
}
