/**
 * The call-session state machine. A call is the list of its events; its state
 * is the fold of them. Keeping events (not a mutable row) is what lets timers
 * and the timeline be rebuilt exactly after a crash.
 *
 *   start → active ⇄ on hold
 *           active | on hold → (end) → wrap-up → (close, disposition required) → closed
 *   three-way: client joined / left while active or on hold, for Agent and kynector callers.
 */
import { z } from 'zod';
import { DeskError } from '../errors';
import { isoDate, isoInstant } from '../validation';
import { CallerType, callerLabel, callerTypeLabels, canBeThreeWay } from './callerTypes';
import { combinationRefusal, type Disposition } from './dispositions';
import { callbackNumberField, callerNameField, caseNumberField, clearableField, optionalField } from './fields';

export const callStates = ['active', 'on_hold', 'wrap_up', 'closed'] as const;
export const CallState = z.enum(callStates);
export type CallState = z.infer<typeof CallState>;

/** Shown as text next to every state, so the state never depends on color. */
export const callStateLabels: Record<CallState, string> = {
  active: 'Active',
  on_hold: 'On hold',
  wrap_up: 'Wrap-up',
  closed: 'Closed',
};

// ---- input ---------------------------------------------------------------

export const CallStartInput = z.object({
  callerType: CallerType,
  callerName: optionalField(callerNameField),
  callbackNumber: optionalField(callbackNumberField),
  caseNumber: optionalField(caseNumberField),
});
export type CallStartInput = z.input<typeof CallStartInput>;

export const CallDetailsChange = z.object({
  callerType: CallerType.optional(),
  callerName: clearableField(callerNameField),
  callbackNumber: clearableField(callbackNumberField),
  caseNumber: clearableField(caseNumberField),
});
export type CallDetailsChange = z.output<typeof CallDetailsChange>;

export const CallCloseInput = z.object({
  // Checked against the configured list when the call closes.
  disposition: z.string({ error: 'Choose a disposition.' }).trim().min(1, 'Choose a disposition.'),
  // More codes besides the primary one, where the list marks them combinable (issue 12 §2).
  additionalDispositions: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  followUpDate: optionalField(isoDate),
});
export type CallCloseInput = z.input<typeof CallCloseInput>;

// ---- stored events ---------------------------------------------------------

const at = isoInstant;
const nullableText = z.string().nullable();

export const CallEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    at,
    callerType: CallerType,
    callerName: nullableText,
    callbackNumber: nullableText,
    caseNumber: nullableText,
  }),
  z.object({ type: z.literal('held'), at }),
  z.object({ type: z.literal('resumed'), at }),
  z.object({ type: z.literal('client_joined'), at }),
  z.object({ type: z.literal('client_left'), at }),
  z.object({
    type: z.literal('details_changed'),
    at,
    changes: z.object({
      callerType: CallerType.optional(),
      callerName: nullableText.optional(),
      callbackNumber: nullableText.optional(),
      caseNumber: nullableText.optional(),
    }),
  }),
  z.object({ type: z.literal('ended'), at }),
  z.object({
    type: z.literal('closed'),
    at,
    disposition: z.string(),
    // Absent in events stored before calls could close with several codes.
    additionalDispositions: z.array(z.string()).optional(),
    followUpDate: z.string().nullable(),
  }),
  // The app came back up while this call was open (after a crash or a kill).
  z.object({ type: z.literal('recovered'), at }),
]);
export type CallEvent = z.infer<typeof CallEvent>;
export type CallEventType = CallEvent['type'];

// ---- session ---------------------------------------------------------------

export interface CallSession {
  state: CallState;
  callerType: CallerType;
  callerName: string | null;
  callbackNumber: string | null;
  caseNumber: string | null;
  /** The client is on the line with an Agent or kynector caller (a three-way call). */
  clientOnLine: boolean;
  startedAt: string;
  endedAt: string | null;
  closedAt: string | null;
  disposition: string | null;
  /** Codes besides the primary disposition, in the order the rep chose them. */
  additionalDispositions: string[];
  followUpDate: string | null;
  /** Time of the newest event: a new event is never dated before it. */
  lastEventAt: string;
}

export const CallSessionSchema = z.object({
  state: CallState,
  callerType: CallerType,
  callerName: nullableText,
  callbackNumber: nullableText,
  caseNumber: nullableText,
  clientOnLine: z.boolean(),
  startedAt: z.string(),
  endedAt: nullableText,
  closedAt: nullableText,
  disposition: nullableText,
  additionalDispositions: z.array(z.string()),
  followUpDate: nullableText,
  lastEventAt: z.string(),
});

/** A call is open until it is closed: one open call per operator. */
export function isOpen(session: Pick<CallSession, 'state'> | null | undefined): boolean {
  return !!session && session.state !== 'closed';
}

// ---- commands --------------------------------------------------------------

export type CallCommand =
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'client_joined' }
  | { type: 'client_left' }
  | { type: 'end' }
  | { type: 'update_details'; changes: CallDetailsChange }
  | { type: 'close'; disposition: string | null | undefined; additionalDispositions?: readonly string[] | undefined; followUpDate?: string | null | undefined }
  | { type: 'recover' };
export type CallCommandType = CallCommand['type'];

export const callCommandLabels: Record<CallCommandType, string> = {
  hold: 'Hold',
  resume: 'Resume',
  client_joined: 'Client joined',
  client_left: 'Client left',
  end: 'End call',
  update_details: 'Change caller details',
  close: 'Complete wrap-up',
  recover: 'Recover',
};

/** What a close needs to know that the call itself does not. */
export interface CloseContext {
  /** Codes of the configured disposition list. */
  dispositionCodes: readonly string[];
  /** The list itself, for which codes combine; without it a call closes with one code only. */
  dispositions?: readonly Disposition[];
  /** Today on the operator's calendar (YYYY-MM-DD); a follow-up cannot be before it. */
  today: string;
}

function refuse(message: string): never {
  throw new DeskError('refused', message);
}

/**
 * Why a command cannot run in a state, or null when the state allows it.
 * Per-call conditions (three-way, disposition) are checked in `decide`.
 */
export function stateRefusal(state: CallState, command: CallCommandType): string | null {
  if (state === 'closed') return 'This call is closed; it can only be viewed.';
  switch (command) {
    case 'hold':
      if (state === 'on_hold') return 'The call is already on hold.';
      if (state === 'wrap_up') return 'The call has ended; a call in wrap-up cannot be put on hold.';
      return null;
    case 'resume':
      if (state === 'active') return 'The call is not on hold.';
      if (state === 'wrap_up') return 'The call has ended; it cannot be resumed from wrap-up.';
      return null;
    case 'client_joined':
    case 'client_left':
      if (state === 'wrap_up') return 'The call has ended; the client can no longer join or leave it.';
      return null;
    case 'end':
      if (state === 'wrap_up') return 'The call has already ended; it is in wrap-up.';
      return null;
    case 'close':
      if (state !== 'wrap_up') return 'End the call before completing wrap-up.';
      return null;
    case 'update_details':
    case 'recover':
      return null;
  }
}

/** The commands a call allows now (for enabling buttons and shortcuts). */
export function allowedCommands(session: CallSession): CallCommandType[] {
  const all: CallCommandType[] = ['hold', 'resume', 'client_joined', 'client_left', 'end', 'update_details', 'close'];
  return all.filter((c) => {
    if (stateRefusal(session.state, c)) return false;
    if (c === 'client_joined') return canBeThreeWay(session.callerType) && !session.clientOnLine;
    if (c === 'client_left') return session.clientOnLine;
    return true;
  });
}

/** Event time: the clock's time, but never before the call's newest event (a clock set back must not give negative timers). */
function eventTime(session: CallSession | null, now: Date): string {
  const iso = now.toISOString();
  return session && iso < session.lastEventAt ? session.lastEventAt : iso;
}

/** The first event of a call. The caller checks there is no other open call (see `assertCanStart`). */
export function startCall(input: unknown, now: Date): Extract<CallEvent, { type: 'started' }> {
  const parsed = CallStartInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first?.path.join('.') || 'callerType';
    throw DeskError.atField(field, first?.message ?? 'The call details are not valid.');
  }
  const v = parsed.data;
  return {
    type: 'started',
    at: now.toISOString(),
    callerType: v.callerType,
    callerName: v.callerName ?? null,
    callbackNumber: v.callbackNumber ?? null,
    caseNumber: v.caseNumber ?? null,
  };
}

/** One open call per operator: a second start is refused while one is open. */
export function assertCanStart(open: Pick<CallSession, 'state'> | null | undefined): void {
  if (!open || open.state === 'closed') return;
  if (open.state === 'wrap_up') refuse('Finish wrap-up of the current call (choose a disposition) before starting another.');
  refuse('A call is already in progress. End it and finish wrap-up before starting another.');
}

/**
 * Decide what event a command produces on a call, or refuse it with a message
 * a rep can act on. Pure: the caller stores the event and folds it in.
 */
export function decide(session: CallSession, command: CallCommand, now: Date, context?: CloseContext): CallEvent {
  const why = stateRefusal(session.state, command.type);
  if (why) refuse(why);
  const at = eventTime(session, now);
  switch (command.type) {
    case 'hold':
      return { type: 'held', at };
    case 'resume':
      return { type: 'resumed', at };
    case 'client_joined':
      if (!canBeThreeWay(session.callerType)) refuse(`Only a call from an Agent or kynector can become three-way; this caller is "${callerTypeLabels[session.callerType]}".`);
      if (session.clientOnLine) refuse('The client is already on the line.');
      return { type: 'client_joined', at };
    case 'client_left':
      if (!session.clientOnLine) refuse('The client is not on the line.');
      return { type: 'client_left', at };
    case 'end':
      return { type: 'ended', at };
    case 'recover':
      return { type: 'recovered', at };
    case 'update_details': {
      const changes: Extract<CallEvent, { type: 'details_changed' }>['changes'] = {};
      const c = command.changes;
      if (c.callerType !== undefined && c.callerType !== session.callerType) {
        if (session.clientOnLine && !canBeThreeWay(c.callerType))
          throw DeskError.atField(
            'callerType',
            `The client is on the line; record that the client left before changing the caller to "${callerTypeLabels[c.callerType]}".`,
            'refused',
          );
        changes.callerType = c.callerType;
      }
      for (const key of ['callerName', 'callbackNumber', 'caseNumber'] as const) {
        const value = c[key];
        if (value !== undefined && value !== session[key]) changes[key] = value;
      }
      if (Object.keys(changes).length === 0) refuse('Nothing changed.');
      return { type: 'details_changed', at, changes };
    }
    case 'close': {
      if (!context) throw new DeskError('internal', 'Closing a call needs the disposition list.');
      const code = command.disposition?.trim();
      if (!code) throw DeskError.atField('disposition', 'Choose a disposition before completing the call.', 'refused');
      if (!context.dispositionCodes.includes(code)) throw DeskError.atField('disposition', `"${code}" is not in the disposition list.`, 'refused');
      const followUp = command.followUpDate?.trim() || null;
      if (followUp !== null) {
        const parsed = isoDate.safeParse(followUp);
        if (!parsed.success) throw DeskError.atField('followUpDate', parsed.error.issues[0]?.message ?? 'Use the form YYYY-MM-DD.');
        if (followUp < context.today) throw DeskError.atField('followUpDate', 'The follow-up date cannot be in the past.', 'refused');
      }
      const additional = (command.additionalDispositions ?? []).map((c) => c.trim()).filter(Boolean);
      if (additional.length) {
        const why = combinationRefusal(context.dispositions ?? [], code, additional);
        if (why) throw DeskError.atField('additionalDispositions', why, 'refused');
        return { type: 'closed', at, disposition: code, additionalDispositions: additional, followUpDate: followUp };
      }
      return { type: 'closed', at, disposition: code, followUpDate: followUp };
    }
  }
}

/**
 * Fold one event into a call. Refuses events that the machine could not have
 * produced, so a damaged event list is found at load, not shown as a wrong call.
 */
export function evolve(session: CallSession | null, event: CallEvent): CallSession {
  if (event.type === 'started') {
    if (session) throw new DeskError('internal', 'A call can only start once.');
    return {
      state: 'active',
      callerType: event.callerType,
      callerName: event.callerName,
      callbackNumber: event.callbackNumber,
      caseNumber: event.caseNumber,
      clientOnLine: event.callerType === 'agent_three_way',
      startedAt: event.at,
      endedAt: null,
      closedAt: null,
      disposition: null,
      additionalDispositions: [],
      followUpDate: null,
      lastEventAt: event.at,
    };
  }
  if (!session) throw new DeskError('internal', `A call must start before "${event.type}".`);
  if (event.at < session.lastEventAt) throw new DeskError('internal', `Call event "${event.type}" is dated before the event it follows.`);
  const commandOf: Record<Exclude<CallEventType, 'started'>, CallCommandType> = {
    held: 'hold',
    resumed: 'resume',
    client_joined: 'client_joined',
    client_left: 'client_left',
    details_changed: 'update_details',
    ended: 'end',
    closed: 'close',
    recovered: 'recover',
  };
  const why = stateRefusal(session.state, commandOf[event.type]);
  if (why) throw new DeskError('internal', `Stored call event "${event.type}" is not possible here: ${why}`);
  const next: CallSession = { ...session, lastEventAt: event.at };
  switch (event.type) {
    case 'held':
      return { ...next, state: 'on_hold' };
    case 'resumed':
      return { ...next, state: 'active' };
    case 'client_joined':
      if (!canBeThreeWay(session.callerType) || session.clientOnLine) throw new DeskError('internal', 'Stored call event "client_joined" is not possible for this caller.');
      return { ...next, clientOnLine: true };
    case 'client_left':
      if (!session.clientOnLine) throw new DeskError('internal', 'Stored call event "client_left" without a client on the line.');
      return { ...next, clientOnLine: false };
    case 'details_changed': {
      const changed = { ...next, ...stripUndefined(event.changes) };
      // Choosing "Agent with the client on the line" says the client is on the line.
      if (event.changes.callerType === 'agent_three_way') changed.clientOnLine = true;
      if (changed.clientOnLine && !canBeThreeWay(changed.callerType))
        throw new DeskError('internal', 'Stored caller change leaves a client on the line of a caller who cannot be three-way.');
      return changed;
    }
    case 'ended':
      return { ...next, state: 'wrap_up', endedAt: event.at };
    case 'closed':
      return {
        ...next,
        state: 'closed',
        closedAt: event.at,
        disposition: event.disposition,
        additionalDispositions: event.additionalDispositions ?? [],
        followUpDate: event.followUpDate,
      };
    case 'recovered':
      return next;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Rebuild a call from its stored events. */
export function replay(events: readonly CallEvent[]): CallSession {
  let session: CallSession | null = null;
  for (const e of events) session = evolve(session, e);
  if (!session) throw new DeskError('internal', 'A call has no events.');
  return session;
}

/** Decide and fold in one go; returns the event to store and the call after it. */
export function apply(session: CallSession, command: CallCommand, now: Date, context?: CloseContext): { event: CallEvent; session: CallSession } {
  const event = decide(session, command, now, context);
  return { event, session: evolve(session, event) };
}

/** The one key that toggles hold: hold an active call, resume a held one. */
export function holdToggle(state: CallState): 'hold' | 'resume' {
  return state === 'on_hold' ? 'resume' : 'hold';
}

/** The caller as the call bar shows it. */
export function describeCaller(session: Pick<CallSession, 'callerType' | 'clientOnLine' | 'callerName'>): string {
  const label = callerLabel(session.callerType, session.clientOnLine);
  return session.callerName ? `${label}: ${session.callerName}` : label;
}
