import { z } from 'zod';
import { callLanguages } from '../calls/language';
import { channel } from '../ipc/define';
import { SepCalcInput, SepCalcResult } from './calculator';
import { SepCategory, SepEventId, SepRule } from './schema';

export const SepSearchHit = z.object({
  id: SepEventId,
  title: z.string(),
  category: SepCategory,
  categoryTitle: z.string(),
  determinedBy: z.enum(['rule', 'system', 'committee']),
  description: z.string(),
});
export type SepSearchHit = z.infer<typeof SepSearchHit>;

export const SepSearchResponse = z.object({ ruleSetVersion: z.string(), results: z.array(SepSearchHit) });
export type SepSearchResponse = z.infer<typeof SepSearchResponse>;

/** The rule, the table it came from and when this desk loaded it. */
export const SepRuleView = z.object({ ruleSetVersion: z.string(), sourceTable: z.string(), loadedAt: z.string(), rule: SepRule });
export type SepRuleView = z.infer<typeof SepRuleView>;

export const SepSummaryResponse = z.object({
  summary: z.string(),
  /** The language of the summary: the call's (issue 13). */
  locale: z.enum(callLanguages),
  result: SepCalcResult,
  /** The call the summary went on, or null when no call is active. */
  callId: z.string().nullable(),
});
export type SepSummaryResponse = z.infer<typeof SepSummaryResponse>;

export const sepChannels = {
  'app:sep.search': channel({
    summary: 'Search the SEP rule book in everyday words (empty: every event in table order).',
    request: z.object({ query: z.string().max(200, 'Search is at most 200 characters.'), limit: z.number().int().min(1).max(50).default(25) }).strict(),
    response: SepSearchResponse,
  }),
  'app:sep.get': channel({
    summary: 'One qualifying event of the SEP rule book, with its source.',
    request: z.object({ id: SepEventId }).strict(),
    response: SepRuleView,
  }),
  'app:sep.calc': channel({
    summary: 'Selection window and coverage effective date for an event (today from the clock).',
    request: SepCalcInput,
    response: SepCalcResult,
  }),
  'app:sep.copySummary': channel({
    summary: 'A one-paragraph SEP summary for the clipboard, put on the active call.',
    request: SepCalcInput,
    response: SepSummaryResponse,
  }),
};
