/**
 * The call's timeline: what happened during the call, with a time. Two sources:
 * the call's own events (started, held, …) and what other areas record through
 * `desk.callActivity` (SEP summaries, member-match searches, consent records,
 * associations, ESE intakes, note snippets).
 */
import { z } from 'zod';
import { isoInstant } from '../validation';
import { callerLabel, callerTypeLabels } from './callerTypes';
import { formatCallbackNumber } from './fields';
import type { CallEvent } from './session';

/** Kinds other features record (same list as shared/node/host/callActivity.ts). */
export const activityKinds = ['sep.summary', 'match.search', 'consent.record', 'association', 'ese.intake', 'note'] as const;
export const ActivityKind = z.enum(activityKinds);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const callEventKinds = [
  'call.started',
  'call.held',
  'call.resumed',
  'call.client_joined',
  'call.client_left',
  'call.details_changed',
  'call.ended',
  'call.closed',
  'call.recovered',
] as const;
export const CallEventKind = z.enum(callEventKinds);
export type CallEventKind = z.infer<typeof CallEventKind>;

// 'call.language' is not a session event: the language is a property of the call row, not of its state.
export const timelineKinds = [...activityKinds, ...callEventKinds, 'call.language'] as const;
export const TimelineKind = z.enum(timelineKinds);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const timelineKindLabels: Record<TimelineKind, string> = {
  'sep.summary': 'SEP summary',
  'match.search': 'Member match',
  'consent.record': 'Consent',
  association: 'Association',
  'ese.intake': 'ESE intake',
  note: 'Note',
  'call.started': 'Call started',
  'call.held': 'On hold',
  'call.resumed': 'Resumed',
  'call.client_joined': 'Client joined',
  'call.client_left': 'Client left',
  'call.details_changed': 'Caller details',
  'call.ended': 'Call ended',
  'call.closed': 'Wrap-up complete',
  'call.recovered': 'Recovered after restart',
  'call.language': 'Call language',
};

export const TimelineEntry = z.object({
  id: z.number().int().positive(),
  callId: z.string(),
  at: isoInstant,
  kind: TimelineKind,
  summary: z.string(),
  refId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** What a feature sends to be put on the active call's timeline. */
export const ActivityRecordInput = z.object({
  kind: ActivityKind,
  summary: z.string().trim().min(1, 'A timeline line needs a summary.').max(500, 'A timeline summary is at most 500 characters.'),
  refId: z.string().trim().min(1).max(100).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  notes: z.string().trim().min(1).max(4000).optional(),
});
export type ActivityRecordInput = z.input<typeof ActivityRecordInput>;

export function callEventKind(type: CallEvent['type']): CallEventKind {
  return `call.${type}`;
}

/**
 * The timeline line of a call event. `dispositionLabel` turns a code into the
 * words of the configured list.
 */
export function describeCallEvent(event: CallEvent, dispositionLabel: (code: string) => string = (c) => c): string {
  switch (event.type) {
    case 'started': {
      const parts = [`Call started: ${callerLabel(event.callerType, event.callerType === 'agent_three_way')}`];
      if (event.callerName) parts.push(event.callerName);
      if (event.caseNumber) parts.push(`case ${event.caseNumber}`);
      return parts.join(', ');
    }
    case 'held':
      return 'Caller put on hold';
    case 'resumed':
      return 'Caller taken off hold';
    case 'client_joined':
      return 'Client joined the line (three-way call)';
    case 'client_left':
      return 'Client left the line';
    case 'details_changed': {
      const c = event.changes;
      const parts: string[] = [];
      if (c.callerType) parts.push(`caller type: ${callerTypeLabels[c.callerType]}`);
      if (c.callerName !== undefined) parts.push(c.callerName ? `caller name: ${c.callerName}` : 'caller name cleared');
      if (c.callbackNumber !== undefined) parts.push(c.callbackNumber ? `callback number: ${formatCallbackNumber(c.callbackNumber)}` : 'callback number cleared');
      if (c.caseNumber !== undefined) parts.push(c.caseNumber ? `case number: ${c.caseNumber}` : 'case number cleared');
      return `Caller details changed (${parts.join('; ')})`;
    }
    case 'ended':
      return 'Call ended; wrap-up started';
    case 'closed':
      return `Wrap-up complete: ${[event.disposition, ...(event.additionalDispositions ?? [])].map((c) => dispositionLabel(c)).join('; also ')}${event.followUpDate ? `; follow up on ${event.followUpDate}` : ''}`;
    case 'recovered':
      return 'The app restarted during this call; the call was recovered';
  }
}
