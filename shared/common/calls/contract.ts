import { z } from 'zod';
import { channel, event } from '../ipc/define';
import { isoDate } from '../validation';
import { CallerType } from './callerTypes';
import { DispositionList } from './dispositions';
import { caseNumberField, optionalField } from './fields';
import { NotesText } from './notes';
import { CallCloseInput, CallDetailsChange, CallStartInput } from './session';
import { CallListItem, CallView } from './view';
import { CallLanguage } from './language';
import { FollowUpCount, FollowUpList } from './followUps';

const CallId = z.object({ callId: z.string().min(1).max(64) }).strict();
const Empty = z.object({}).strict();

/** The call as the renderer gets it, with main's "now" so that timers agree with main's clock. */
export const CallSnapshot = z.object({ call: CallView.nullable(), serverNow: z.string() });
export type CallSnapshot = z.infer<typeof CallSnapshot>;

export const CallSearch = z
  .object({
    from: optionalField(isoDate),
    to: optionalField(isoDate),
    caller: optionalField(z.string().trim().max(80)),
    caseNumber: optionalField(caseNumberField),
    disposition: optionalField(z.string().trim().max(40)),
    callerType: optionalField(CallerType),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'The end date is before the start date.' });
export type CallSearch = z.input<typeof CallSearch>;

/**
 * Work begun in a call and not finished (issue 12.3): what it is, and what ending
 * the call does to it, so Alt+X asks first instead of dropping it silently.
 */
export const UnfinishedWork = z.object({
  kind: z.enum(['association', 'consent', 'partner-consent', 'ese-draft']),
  what: z.string(),
  then: z.string(),
});
export type UnfinishedWork = z.infer<typeof UnfinishedWork>;

export const callChannels = {
  'app:call.current': channel({ summary: "The signed-in operator's open call (or null), with main's clock.", request: Empty, response: CallSnapshot }),
  'app:call.start': channel({ summary: 'Start a call: caller type, optional name, callback and case number.', request: CallStartInput.strict(), response: CallSnapshot }),
  'app:call.hold': channel({ summary: 'Put the open call on hold.', request: CallId, response: CallSnapshot }),
  'app:call.resume': channel({ summary: 'Take the open call off hold.', request: CallId, response: CallSnapshot }),
  'app:call.clientJoined': channel({ summary: 'The client joined an Agent or kynector call (three-way).', request: CallId, response: CallSnapshot }),
  'app:call.clientLeft': channel({ summary: 'The client left a three-way call.', request: CallId, response: CallSnapshot }),
  'app:call.end': channel({ summary: 'End the call; wrap-up starts.', request: CallId, response: CallSnapshot }),
  'app:call.unfinished': channel({
    summary: 'What is half done in the open call (association, consent, ESE draft) and what ending the call does to each.',
    request: CallId,
    response: z.array(UnfinishedWork),
  }),
  'app:call.details': channel({
    summary: 'Correct the caller type, name, callback or case number of the open call.',
    request: z.object({ callId: z.string().min(1).max(64), changes: CallDetailsChange.strict() }).strict(),
    response: CallSnapshot,
  }),
  'app:call.language.set': channel({
    summary: 'Set the language of the open call (English or Spanish); scripts and texts for the caller follow it.',
    request: z.object({ callId: z.string().min(1).max(64), language: CallLanguage }).strict(),
    response: CallSnapshot,
  }),
  'app:call.notes.save': channel({
    summary: "Save the open call's notes (autosave; write-through).",
    // `baseRevision`: the notes revision this window's text was typed on. Snippets main appended since then are kept, once.
    request: z.object({ callId: z.string().min(1).max(64), notes: NotesText, baseRevision: z.number().int().nonnegative() }).strict(),
    // `ssnMasked`: full SSNs masked before saving, so the editor can say why its text changed.
    response: z.object({ savedAt: z.string(), notes: z.string(), revision: z.number().int().nonnegative(), ssnMasked: z.number().int().min(0) }),
  }),
  'app:call.notes.append': channel({
    summary: "Add a snippet from another area to the open call's notes.",
    request: z.object({ text: z.string().trim().min(1, 'Nothing to add.').max(4000) }).strict(),
    response: CallSnapshot,
  }),
  'app:call.wrapUp': channel({
    summary: 'Complete wrap-up: disposition required, optional follow-up date; the call closes.',
    request: CallCloseInput.extend({ callId: z.string().min(1).max(64) }).strict(),
    response: CallSnapshot,
  }),
  'app:call.recovery.dismiss': channel({ summary: 'Hide the "recovered after restart" banner of a call.', request: CallId, response: CallSnapshot }),
  'app:call.history.search': channel({ summary: 'Past calls by date, caller, case number, disposition.', request: CallSearch, response: z.array(CallListItem) }),
  'app:call.history.get': channel({ summary: 'One call, read-only (the view is audited).', request: CallId, response: CallSnapshot }),
  'app:call.history.export': channel({
    summary: "A call's summary as text, SSNs masked (the export is audited).",
    request: CallId,
    response: z.object({ text: z.string(), fileName: z.string() }),
  }),
  'app:call.followUps.count': channel({
    summary: "How many of the operator's follow-ups are due today (desk's calendar) or overdue, and not done.",
    request: Empty,
    response: FollowUpCount,
  }),
  'app:call.followUps.list': channel({
    summary: "The operator's follow-ups due on or before today and not done, oldest first (the view is audited).",
    request: Empty,
    response: FollowUpList,
  }),
  'app:call.followUps.done': channel({ summary: 'Mark a follow-up done; it leaves the reminders (audited).', request: CallId, response: FollowUpList }),
  'app:call.followUps.start': channel({
    summary: "Start the follow-up call: the earlier call's caller and case, prefilled; its timeline names the call it follows.",
    request: CallId,
    response: CallSnapshot,
  }),
  'app:call.dispositions.get': channel({ summary: 'The disposition codes a call can close with.', request: Empty, response: DispositionList }),
  'app:call.dispositions.save': channel({
    summary: 'Change the disposition list (supervisors).',
    request: z.object({ dispositions: DispositionList }).strict(),
    response: DispositionList,
  }),
};

export const callEvents = {
  'app:call.changed': event({ summary: "The operator's open call changed (state, notes, timeline), or closed.", payload: CallSnapshot }),
  'app:call.followUps.changed': event({ summary: "The operator's follow-ups changed (one set at wrap-up, or marked done).", payload: FollowUpCount }),
};
