import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { DeskError } from '../../../shared/common/errors';
import { callerTypes, type CallerType } from '../../../shared/common/calls/callerTypes';
import {
  allowedCommands,
  apply,
  assertCanStart,
  callStates,
  decide,
  describeCaller,
  evolve,
  holdToggle,
  replay,
  startCall,
  type CallCommand,
  type CallCommandType,
  type CallEvent,
  type CallSession,
  type CallState,
  type CloseContext,
} from '../../../shared/common/calls/session';
import { defaultDispositions } from '../../../shared/common/calls/dispositions';

const T0 = '2026-03-02T14:00:00.000Z';
const ctx: CloseContext = { dispositionCodes: defaultDispositions.map((d) => d.code), today: '2026-03-02' };

/** A call driven to `state` through legal commands, with the clock moving 10 s per step. */
function callIn(state: CallState, callerType: CallerType = 'resident') {
  const clock = new ManualClock(T0);
  const events: CallEvent[] = [startCall({ callerType }, clock.now())];
  let session = evolve(null, events[0]!);
  const run = (command: CallCommand) => {
    clock.advance(10_000);
    const r = apply(session, command, clock.now(), ctx);
    events.push(r.event);
    session = r.session;
  };
  if (state === 'on_hold') run({ type: 'hold' });
  if (state === 'wrap_up' || state === 'closed') run({ type: 'end' });
  if (state === 'closed') run({ type: 'close', disposition: 'resolved' });
  return { session, events, clock };
}

function refusal(fn: () => unknown): DeskError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('expected a refusal, got none');
}

const commandFor: Record<Exclude<CallCommandType, 'update_details'>, CallCommand> = {
  hold: { type: 'hold' },
  resume: { type: 'resume' },
  client_joined: { type: 'client_joined' },
  client_left: { type: 'client_left' },
  end: { type: 'end' },
  close: { type: 'close', disposition: 'resolved' },
  recover: { type: 'recover' },
};

describe('starting a call', () => {
  it('starts active with the caller details, blanks meaning "not given"', () => {
    const e = startCall({ callerType: 'agent', callerName: ' Pat Agent ', callbackNumber: '(502) 555-0134', caseNumber: '' }, new Date(T0));
    expect(e).toEqual({ type: 'started', at: T0, callerType: 'agent', callerName: 'Pat Agent', callbackNumber: '5025550134', caseNumber: null });
    const s = evolve(null, e);
    expect(s.state).toBe('active');
    expect(s.clientOnLine).toBe(false);
    expect(s.startedAt).toBe(T0);
  });

  it.each(callerTypes)('accepts caller type %s', (callerType) => {
    expect(evolve(null, startCall({ callerType }, new Date(T0))).callerType).toBe(callerType);
  });

  it('starts a three-way call with the client already on the line', () => {
    expect(evolve(null, startCall({ callerType: 'agent_three_way' }, new Date(T0))).clientOnLine).toBe(true);
  });

  it('refuses a missing or unknown caller type at the field', () => {
    const e = refusal(() => startCall({}, new Date(T0)));
    expect(e.code).toBe('invalid_request');
    expect(e.fieldErrors).toEqual({ callerType: 'Choose who is calling.' });
    expect(refusal(() => startCall({ callerType: 'lawyer' }, new Date(T0))).fieldErrors?.callerType).toBe('Choose who is calling.');
  });

  it('refuses a bad callback or case number at its field', () => {
    expect(refusal(() => startCall({ callerType: 'resident', callbackNumber: '555-01' }, new Date(T0))).fieldErrors).toEqual({
      callbackNumber: 'A callback number has 10 digits, like 502-555-0134.',
    });
    expect(refusal(() => startCall({ callerType: 'resident', caseNumber: 'ABC' }, new Date(T0))).fieldErrors).toEqual({
      caseNumber: 'A case number is 6 to 12 digits, like 100300113.',
    });
  });

  it('allows one open call per operator', () => {
    expect(() => assertCanStart(null)).not.toThrow();
    expect(() => assertCanStart(callIn('closed').session)).not.toThrow();
    for (const state of ['active', 'on_hold'] as const) {
      const e = refusal(() => assertCanStart(callIn(state).session));
      expect(e.code).toBe('refused');
      expect(e.message).toBe('A call is already in progress. End it and finish wrap-up before starting another.');
    }
    expect(refusal(() => assertCanStart(callIn('wrap_up').session)).message).toBe('Finish wrap-up of the current call (choose a disposition) before starting another.');
  });
});

describe('legal transitions', () => {
  const legal: [CallState, Exclude<CallCommandType, 'update_details'>, CallState][] = [
    ['active', 'hold', 'on_hold'],
    ['active', 'end', 'wrap_up'],
    ['active', 'recover', 'active'],
    ['on_hold', 'resume', 'active'],
    ['on_hold', 'end', 'wrap_up'],
    ['on_hold', 'recover', 'on_hold'],
    ['wrap_up', 'close', 'closed'],
    ['wrap_up', 'recover', 'wrap_up'],
  ];
  it.each(legal)('%s --%s--> %s', (from, command, to) => {
    const { session, clock } = callIn(from);
    clock.advance(5_000);
    const { event, session: next } = apply(session, commandFor[command], clock.now(), ctx);
    expect(next.state).toBe(to);
    expect(event.at).toBe(clock.now().toISOString());
    expect(next.lastEventAt).toBe(event.at);
  });

  it('records end and close times, the disposition and follow-up date', () => {
    const { session, clock } = callIn('wrap_up');
    expect(session.endedAt).toBe('2026-03-02T14:00:10.000Z');
    clock.advance(30_000);
    const closed = apply(session, { type: 'close', disposition: 'ese_forwarded', followUpDate: '2026-03-09' }, clock.now(), ctx).session;
    expect(closed).toMatchObject({ state: 'closed', closedAt: '2026-03-02T14:00:40.000Z', disposition: 'ese_forwarded', followUpDate: '2026-03-09' });
  });

  it('the hold key toggles hold and resume', () => {
    expect(holdToggle('active')).toBe('hold');
    expect(holdToggle('on_hold')).toBe('resume');
  });
});

describe('refused transitions', () => {
  const refused: [CallState, Exclude<CallCommandType, 'update_details'>, string][] = [
    ['active', 'resume', 'The call is not on hold.'],
    ['active', 'close', 'End the call before completing wrap-up.'],
    ['on_hold', 'hold', 'The call is already on hold.'],
    ['on_hold', 'close', 'End the call before completing wrap-up.'],
    ['wrap_up', 'hold', 'The call has ended; a call in wrap-up cannot be put on hold.'],
    ['wrap_up', 'resume', 'The call has ended; it cannot be resumed from wrap-up.'],
    ['wrap_up', 'end', 'The call has already ended; it is in wrap-up.'],
    ['wrap_up', 'client_joined', 'The call has ended; the client can no longer join or leave it.'],
    ['wrap_up', 'client_left', 'The call has ended; the client can no longer join or leave it.'],
    ['closed', 'hold', 'This call is closed; it can only be viewed.'],
    ['closed', 'resume', 'This call is closed; it can only be viewed.'],
    ['closed', 'end', 'This call is closed; it can only be viewed.'],
    ['closed', 'close', 'This call is closed; it can only be viewed.'],
    ['closed', 'client_joined', 'This call is closed; it can only be viewed.'],
    ['closed', 'client_left', 'This call is closed; it can only be viewed.'],
    ['closed', 'recover', 'This call is closed; it can only be viewed.'],
  ];
  it.each(refused)('%s refuses %s: "%s"', (state, command, message) => {
    const { session, clock } = callIn(state, 'agent');
    const before = structuredClone(session);
    const e = refusal(() => decide(session, commandFor[command], clock.now(), ctx));
    expect(e.code).toBe('refused');
    expect(e.message).toBe(message);
    expect(session).toEqual(before);
  });

  it('refuses changing details of a closed call', () => {
    const { session, clock } = callIn('closed');
    expect(refusal(() => decide(session, { type: 'update_details', changes: { callerName: 'X' } }, clock.now())).message).toBe('This call is closed; it can only be viewed.');
  });

  it('decide accepts exactly what allowedCommands offers, for every caller type, state and command', () => {
    const all = [...Object.keys(commandFor), 'update_details'] as CallCommandType[];
    let checked = 0;
    for (const callerType of callerTypes) {
      for (const state of callStates) {
        for (const type of all) {
          const { session, clock } = callIn(state, callerType);
          const command: CallCommand = type === 'update_details' ? { type, changes: { callerName: 'Someone Else' } } : commandFor[type];
          const offered = allowedCommands(session).includes(type) || (type === 'recover' && state !== 'closed');
          let accepted = true;
          try {
            decide(session, command, clock.now(), ctx);
          } catch (error) {
            accepted = false;
            expect(error).toBeInstanceOf(DeskError);
            expect((error as DeskError).code).toBe('refused');
          }
          expect(accepted, `${callerType} ${state} ${type}`).toBe(offered);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(callerTypes.length * callStates.length * 8);
  });
});

describe('three-way calls', () => {
  it('an Agent call becomes three-way when the client joins and stops when the client leaves', () => {
    const { session, clock } = callIn('active', 'agent');
    clock.advance(1000);
    const joined = apply(session, { type: 'client_joined' }, clock.now()).session;
    expect(joined.clientOnLine).toBe(true);
    expect(describeCaller(joined)).toBe('Agent with the client on the line (three-way)');
    clock.advance(1000);
    const left = apply(joined, { type: 'client_left' }, clock.now()).session;
    expect(left.clientOnLine).toBe(false);
    expect(describeCaller(left)).toBe('Agent');
  });

  it('the client can join while the Agent is on hold', () => {
    const { session, clock } = callIn('on_hold', 'kynector');
    expect(apply(session, { type: 'client_joined' }, clock.now()).session).toMatchObject({ state: 'on_hold', clientOnLine: true });
  });

  it('a three-way caller whose client leaves reads so on the call bar', () => {
    const { session, clock } = callIn('active', 'agent_three_way');
    const left = apply(session, { type: 'client_left' }, clock.now()).session;
    expect(describeCaller({ ...left, callerName: 'Pat' })).toBe('Agent (client has left the line): Pat');
  });

  it.each(['resident', 'psl', 'other'] as const)('refuses a client joining a %s call', (type) => {
    const { session, clock } = callIn('active', type);
    const e = refusal(() => decide(session, { type: 'client_joined' }, clock.now()));
    expect(e.code).toBe('refused');
    expect(e.message).toMatch(/^Only a call from an Agent or kynector can become three-way; this caller is "/);
  });

  it('refuses a second join and a leave without a client', () => {
    const three = callIn('active', 'agent_three_way');
    expect(refusal(() => decide(three.session, { type: 'client_joined' }, three.clock.now())).message).toBe('The client is already on the line.');
    const agent = callIn('active', 'agent');
    expect(refusal(() => decide(agent.session, { type: 'client_left' }, agent.clock.now())).message).toBe('The client is not on the line.');
  });

  it('allowedCommands follows the same rules', () => {
    expect(allowedCommands(callIn('active', 'agent').session).sort()).toEqual(['client_joined', 'end', 'hold', 'update_details']);
    expect(allowedCommands(callIn('active', 'agent_three_way').session).sort()).toEqual(['client_left', 'end', 'hold', 'update_details']);
    expect(allowedCommands(callIn('on_hold', 'resident').session).sort()).toEqual(['end', 'resume', 'update_details']);
    expect(allowedCommands(callIn('wrap_up').session).sort()).toEqual(['close', 'update_details']);
    expect(allowedCommands(callIn('closed').session)).toEqual([]);
  });
});

describe('caller details', () => {
  it('records only what changed, and can clear a field', () => {
    const clock = new ManualClock(T0);
    const s = evolve(null, startCall({ callerType: 'resident', callerName: 'Ann', caseNumber: '13002543' }, clock.now()));
    const e = decide(s, { type: 'update_details', changes: { callerName: 'Ann', caseNumber: null, callbackNumber: '5025550134' } }, clock.now());
    expect(e).toEqual({ type: 'details_changed', at: T0, changes: { caseNumber: null, callbackNumber: '5025550134' } });
    expect(evolve(s, e)).toMatchObject({ callerName: 'Ann', caseNumber: null, callbackNumber: '5025550134' });
  });

  it('refuses an edit that changes nothing', () => {
    const { session, clock } = callIn('active');
    expect(refusal(() => decide(session, { type: 'update_details', changes: {} }, clock.now())).message).toBe('Nothing changed.');
  });

  it('choosing "Agent with the client on the line" puts the client on the line', () => {
    const { session, clock } = callIn('active', 'agent');
    const next = apply(session, { type: 'update_details', changes: { callerType: 'agent_three_way' } }, clock.now()).session;
    expect(next.clientOnLine).toBe(true);
  });

  it('refuses a caller type that cannot have the client on the line while the client is there', () => {
    const { session, clock } = callIn('active', 'agent_three_way');
    const e = refusal(() => decide(session, { type: 'update_details', changes: { callerType: 'resident' } }, clock.now()));
    expect(e.code).toBe('refused');
    expect(e.fieldErrors?.callerType).toBe('The client is on the line; record that the client left before changing the caller to "Resident / client".');
  });

  it('details can still be corrected during wrap-up', () => {
    const { session, clock } = callIn('wrap_up');
    expect(apply(session, { type: 'update_details', changes: { caseNumber: '113023543' } }, clock.now()).session.caseNumber).toBe('113023543');
  });
});

describe('wrap-up', () => {
  const wrap = () => callIn('wrap_up');

  it('requires a disposition, at the disposition field', () => {
    for (const disposition of [null, undefined, '', '   ']) {
      const { session, clock } = wrap();
      const e = refusal(() => decide(session, { type: 'close', disposition }, clock.now(), ctx));
      expect(e.code).toBe('refused');
      expect(e.fieldErrors).toEqual({ disposition: 'Choose a disposition before completing the call.' });
    }
  });

  it('refuses a disposition that is not in the configured list', () => {
    const { session, clock } = wrap();
    const e = refusal(() => decide(session, { type: 'close', disposition: 'made_up' }, clock.now(), ctx));
    expect(e.fieldErrors).toEqual({ disposition: '"made_up" is not in the disposition list.' });
    const custom: CloseContext = { ...ctx, dispositionCodes: ['made_up'] };
    expect(decide(session, { type: 'close', disposition: 'made_up' }, clock.now(), custom).type).toBe('closed');
  });

  it('takes an optional follow-up date that must be a real day, today or later', () => {
    const { session, clock } = wrap();
    expect(decide(session, { type: 'close', disposition: 'resolved', followUpDate: '' }, clock.now(), ctx)).toMatchObject({ followUpDate: null });
    expect(decide(session, { type: 'close', disposition: 'resolved', followUpDate: '2026-03-02' }, clock.now(), ctx)).toMatchObject({
      followUpDate: '2026-03-02',
    });
    expect(refusal(() => decide(session, { type: 'close', disposition: 'resolved', followUpDate: '2026-02-30' }, clock.now(), ctx)).fieldErrors).toEqual({
      followUpDate: 'That day does not exist.',
    });
    expect(refusal(() => decide(session, { type: 'close', disposition: 'resolved', followUpDate: '3/9/2026' }, clock.now(), ctx)).fieldErrors).toEqual({
      followUpDate: 'Use the form YYYY-MM-DD.',
    });
    expect(refusal(() => decide(session, { type: 'close', disposition: 'resolved', followUpDate: '2026-03-01' }, clock.now(), ctx)).fieldErrors).toEqual({
      followUpDate: 'The follow-up date cannot be in the past.',
    });
  });
});

describe('clock and stored events', () => {
  it('never dates an event before the previous one when the clock is set back', () => {
    const { session, clock } = callIn('active');
    clock.advance(-60 * 60_000);
    const e = decide(session, { type: 'hold' }, clock.now());
    expect(e.at).toBe(session.lastEventAt);
  });

  it('replays stored events (through JSON) to the same call', () => {
    const { session, events } = callIn('closed', 'agent');
    const stored = JSON.parse(JSON.stringify(events)) as CallEvent[];
    expect(replay(stored)).toEqual(session);
  });

  it('refuses to load an event list the machine could not have produced', () => {
    const at = T0;
    const start: CallEvent = { type: 'started', at, callerType: 'resident', callerName: null, callbackNumber: null, caseNumber: null };
    const bad: [CallEvent[], RegExp][] = [
      [[], /no events/],
      [[{ type: 'held', at }], /must start/],
      [[start, start], /only start once/],
      [[start, { type: 'resumed', at }], /not possible here: The call is not on hold/],
      [[start, { type: 'closed', at, disposition: 'resolved', followUpDate: null }], /End the call before/],
      [[start, { type: 'client_joined', at }], /not possible for this caller/],
      [[start, { type: 'held', at: '2026-03-02T13:00:00.000Z' }], /dated before/],
    ];
    for (const [events, message] of bad) {
      const e = refusal(() => replay(events));
      expect(e.code).toBe('internal');
      expect(e.message).toMatch(message);
    }
  });

  it('a session is a plain value: deciding does not change it', () => {
    const { session, clock } = callIn('active');
    const copy: CallSession = structuredClone(session);
    decide(session, { type: 'end' }, clock.now());
    expect(session).toEqual(copy);
  });
});
