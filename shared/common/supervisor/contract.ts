import { z } from 'zod';
import { channel } from '../ipc/define';
import { SearchRequest, SearchResult, SearchResultRequest, SearchResultDetail } from './search';

/** Holds and wrap-ups past these are flagged on the floor, in words (issue 18 §1). */
export const LONG_HOLD_SECONDS = 5 * 60;
export const LONG_WRAP_UP_SECONDS = 3 * 60;

/** central: every desk, from the central store; desk: only this desk (no central store configured). */
export const SupervisorScope = z.enum(['central', 'desk']);
export type SupervisorScope = z.infer<typeof SupervisorScope>;

export const FloorCall = z.object({
  callId: z.string(),
  deskName: z.string(),
  operatorName: z.string().nullable(),
  callerType: z.string(),
  state: z.enum(['active', 'on_hold', 'wrap_up']),
  startedAt: z.string(),
  stateSince: z.string(),
  /** Talk time: the call so far, less its holds and any wrap-up. */
  talkSeconds: z.number(),
  holdSeconds: z.number(),
  wrapUpSeconds: z.number(),
  /** Said in words (not colour alone): "Long hold", "Long wrap-up", or null. */
  flag: z.string().nullable(),
});
export type FloorCall = z.infer<typeof FloorCall>;

export const Floor = z.object({
  scope: SupervisorScope,
  /** Why the scope is what it is, for the page to say. */
  scopeNote: z.string(),
  serverNow: z.string(),
  calls: z.array(FloorCall),
});
export type Floor = z.infer<typeof Floor>;

export const DayFigures = z.object({
  scope: SupervisorScope,
  from: z.string(),
  to: z.string(),
  callsPerHour: z.array(z.object({ hour: z.string(), callerType: z.string(), calls: z.number().int() })),
  dispositions: z.array(z.object({ disposition: z.string(), calls: z.number().int(), avgHandleSeconds: z.number() })),
  eseByState: z.array(z.object({ state: z.string(), age: z.string(), intakes: z.number().int() })),
  consentMix: z.array(z.object({ method: z.string(), outcome: z.string(), records: z.number().int() })),
});
export type DayFigures = z.infer<typeof DayFigures>;

export const FiguresRequest = z.object({ period: z.enum(['today', 'week']) }).strict();

export const supervisorChannels = {
  'app:supervisor.floor': channel({
    summary: "Every desk's open call now (supervisors only; this desk only without a central store).",
    request: z.object({}).strict(),
    response: Floor,
  }),
  'app:supervisor.figures': channel({
    summary: 'Today or this week: calls per hour by caller type, disposition mix and handle time, ESE intakes by state and age, consent records (supervisors only).',
    request: FiguresRequest,
    response: DayFigures,
  }),
  'app:supervisor.search': channel({
    summary:
      'Consent records, Agent associations or calls by case number, Agent (name or NPN) and date range, a page at a time; audited (supervisors only; this desk only without a central store).',
    request: SearchRequest,
    response: SearchResult,
  }),
  'app:supervisor.searchResult': channel({
    summary: 'One search result in full (SSNs masked), audited as a view of it (supervisors only).',
    request: SearchResultRequest,
    response: SearchResultDetail,
  }),
};
