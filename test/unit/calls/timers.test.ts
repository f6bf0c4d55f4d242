import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { callTimers, formatDuration, spokenDuration } from '../../../shared/common/calls/timers';
import { apply, evolve, replay, startCall, type CallCommand, type CallEvent, type CallSession } from '../../../shared/common/calls/session';

const S = 1000;
const ctx = { dispositionCodes: ['resolved'], today: '2026-03-02' };

/** A running "app": holds the events it stored and the clock it reads. */
function app(clock: ManualClock) {
  const events: CallEvent[] = [startCall({ callerType: 'resident' }, clock.now())];
  let session: CallSession = evolve(null, events[0]!);
  return {
    events,
    run(command: CallCommand) {
      const r = apply(session, command, clock.now(), ctx);
      events.push(r.event);
      session = r.session;
    },
  };
}

describe('call timers', () => {
  it('counts talk, hold and wrap-up from the event times', () => {
    const clock = new ManualClock('2026-03-02T14:00:00Z');
    const a = app(clock);
    clock.advance(90 * S);
    a.run({ type: 'hold' });
    clock.advance(30 * S);
    expect(callTimers(a.events, clock.now())).toEqual({ talkMs: 90 * S, holdMs: 30 * S, wrapUpMs: 0, handleMs: 120 * S, currentHoldMs: 30 * S, holdCount: 1 });
    a.run({ type: 'resume' });
    clock.advance(60 * S);
    a.run({ type: 'hold' });
    clock.advance(15 * S);
    a.run({ type: 'end' }); // ending from hold ends the hold
    clock.advance(45 * S);
    expect(callTimers(a.events, clock.now())).toEqual({ talkMs: 150 * S, holdMs: 45 * S, wrapUpMs: 45 * S, handleMs: 240 * S, currentHoldMs: null, holdCount: 2 });
    a.run({ type: 'close', disposition: 'resolved' });
    clock.advance(3600 * S);
    // Closed: timers stop at the close, whatever "now" is.
    expect(callTimers(a.events, clock.now())).toEqual({ talkMs: 150 * S, holdMs: 45 * S, wrapUpMs: 45 * S, handleMs: 240 * S, currentHoldMs: null, holdCount: 2 });
  });

  it('survive a restart: a new process reading the stored events shows the same and keeps counting', () => {
    const clock = new ManualClock('2026-03-02T14:00:00Z');
    const a = app(clock);
    clock.advance(40 * S);
    a.run({ type: 'hold' });
    clock.advance(20 * S);
    const beforeCrash = callTimers(a.events, clock.now());
    // What the database holds, as text; the process dies here.
    const stored = JSON.stringify(a.events);

    // 25 seconds later, a new process with its own clock reads the rows back.
    const restarted = new ManualClock(new Date(clock.now().getTime() + 25 * S));
    const events = JSON.parse(stored) as CallEvent[];
    expect(replay(events).state).toBe('on_hold');
    const after = callTimers(events, restarted.now());
    // The caller stayed on hold while the app was down: the hold timer kept running.
    expect(after.talkMs).toBe(beforeCrash.talkMs);
    expect(after.holdMs).toBe(beforeCrash.holdMs + 25 * S);
    expect(after.currentHoldMs).toBe(45 * S);

    // The restarted app records the recovery and the call goes on.
    let session = replay(events);
    const r1 = apply(session, { type: 'recover' }, restarted.now());
    events.push(r1.event);
    session = r1.session;
    restarted.advance(5 * S);
    const r2 = apply(session, { type: 'resume' }, restarted.now());
    events.push(r2.event);
    restarted.advance(10 * S);
    expect(callTimers(events, restarted.now())).toMatchObject({ talkMs: 50 * S, holdMs: 50 * S, currentHoldMs: null, holdCount: 1 });
  });

  it('never go negative when the clock reads earlier than the events', () => {
    const clock = new ManualClock('2026-03-02T14:00:00Z');
    const a = app(clock);
    clock.advance(10 * S);
    a.run({ type: 'hold' });
    const t = callTimers(a.events, new Date('2026-03-02T13:00:00Z'));
    expect(t.talkMs).toBe(10 * S);
    expect(t.holdMs).toBe(0);
    expect(t.currentHoldMs).toBe(0);
  });

  it('is zero for no events', () => {
    expect(callTimers([], new Date())).toEqual({ talkMs: 0, holdMs: 0, wrapUpMs: 0, handleMs: 0, currentHoldMs: null, holdCount: 0 });
  });
});

describe('durations as text', () => {
  it.each([
    [0, '0:00', '0 seconds'],
    [999, '0:00', '0 seconds'],
    [1000, '0:01', '1 second'],
    [65_000, '1:05', '1 minute 5 seconds'],
    [3_600_000, '1:00:00', '1 hour'],
    [3_725_000, '1:02:05', '1 hour 2 minutes 5 seconds'],
    [-5, '0:00', '0 seconds'],
  ])('%i ms → "%s" / "%s"', (ms, short, spoken) => {
    expect(formatDuration(ms)).toBe(short);
    expect(spokenDuration(ms)).toBe(spoken);
  });
});
