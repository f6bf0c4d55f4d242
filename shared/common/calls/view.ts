/**
 * What the renderer sees of a call, and the plain-text summary a rep copies or
 * exports from history.
 */
import { format } from 'date-fns';
import { z } from 'zod';
import { callerTypeLabels } from './callerTypes';
import { dispositionsText, type Disposition } from './dispositions';
import { formatCallbackNumber } from './fields';
import { escapeUnsafeChars } from '../privacy/unsafeText';
import { maskSsns } from './notes';
import { CallEvent, CallSessionSchema, callStateLabels, describeCaller } from './session';
import { callTimers, formatDuration } from './timers';
import { TimelineEntry } from './timeline';
import { CallLanguage, callLanguageLabels } from './language';

export const CallView = CallSessionSchema.extend({
  id: z.string(),
  operatorId: z.number().int().positive(),
  operatorName: z.string(),
  /** The call's events: timers are computed from these and "now" wherever they are shown. */
  events: z.array(CallEvent),
  timeline: z.array(TimelineEntry),
  notes: z.string(),
  notesSavedAt: z.string().nullable(),
  /** Goes up with every change to the notes (a save or a snippet from another area). */
  notesRevision: z.number().int().nonnegative(),
  /** Set when the app came back up with this call open; cleared when the rep dismisses the banner. */
  recoveredAt: z.string().nullable(),
  /** What the rep reads to the caller and sends to the resident follows this. */
  language: CallLanguage,
});
export type CallView = z.infer<typeof CallView>;

/** One row of history search results. */
export const CallListItem = z.object({
  id: z.string(),
  state: CallSessionSchema.shape.state,
  callerType: CallSessionSchema.shape.callerType,
  callerName: z.string().nullable(),
  caseNumber: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  disposition: z.string().nullable(),
  additionalDispositions: z.array(z.string()),
  followUpDate: z.string().nullable(),
  operatorName: z.string(),
});
export type CallListItem = z.infer<typeof CallListItem>;

const when = (iso: string | null) => (iso ? format(new Date(iso), 'yyyy-MM-dd HH:mm:ss') : '');
const clock = (iso: string) => format(new Date(iso), 'HH:mm:ss');

/**
 * The call as text, for the clipboard or a file. SSNs typed into notes are
 * masked to the last four (they must never leave the app whole).
 */
export function callSummaryText(call: CallView, dispositions: readonly Disposition[], now: Date): string {
  const t = callTimers(call.events, now);
  const lines: string[] = [];
  // Whatever is stored is shown, never obeyed: an ESC or an RLO in old data prints as \u001b, \u202e (issue 14 §3).
  const safe = (s: string) => escapeUnsafeChars(maskSsns(s, [call.caseNumber]));
  const row = (label: string, value: string) => {
    if (value) lines.push(`${label}: ${safe(value)}`);
  };
  lines.push('kynect Desk call summary');
  row('Call', call.id);
  row('Status', callStateLabels[call.state]);
  row('Operator', call.operatorName);
  row('Caller', describeCaller(call));
  if (call.clientOnLine || call.callerType === 'agent_three_way') row('Caller type', callerTypeLabels[call.callerType]);
  row('Callback number', formatCallbackNumber(call.callbackNumber));
  row('Case number', call.caseNumber ?? '');
  row('Language', callLanguageLabels[call.language]);
  row('Started', when(call.startedAt));
  row('Ended', when(call.endedAt));
  row('Closed', when(call.closedAt));
  row('Talk time', formatDuration(t.talkMs));
  row('Hold time', `${formatDuration(t.holdMs)} (${t.holdCount} ${t.holdCount === 1 ? 'hold' : 'holds'})`);
  row('Wrap-up time', formatDuration(t.wrapUpMs));
  row('Disposition', dispositionsText(dispositions, call.disposition, call.additionalDispositions));
  row('Follow-up date', call.followUpDate ?? '');
  lines.push('', 'Timeline:');
  if (call.timeline.length === 0) lines.push('  (nothing recorded)');
  for (const e of call.timeline) lines.push(`  ${clock(e.at)}  ${safe(e.summary)}`);
  lines.push('', 'Notes:');
  const notes = safe(call.notes).trimEnd();
  lines.push(notes ? notes : '  (no notes)');
  return `${lines.join('\n')}\n`;
}
