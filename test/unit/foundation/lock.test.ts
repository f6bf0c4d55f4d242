import { afterEach, describe, expect, it } from 'vitest';
import { lockPhase } from '../../../shared/common/foundation/lock';
import path from 'node:path';
import { ManualClock } from '../../../shared/common/clock';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { testKeyEnv } from '../../helpers/deskKey';
import { openTestDesk, removeTempDir } from '../../helpers/temp';

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());

const MIN = 60_000;
function signedIn() {
  t = openTestDesk();
  t.desk.operators.save({ name: 'Dana', role: 'rep', pin: '2468' });
  const changes: string[] = [];
  t.desk.events.subscribe((name, payload) => {
    if (name === 'app:lock.changed') changes.push((payload as { state: string }).state);
  });
  return { ...t, changes };
}

describe('the idle lock', () => {
  it('phase is a pure function of the last activity and now', () => {
    const base = { lockedAt: null, lastActivity: 0, idleMs: 15 * MIN, warningMs: 30_000 };
    expect(lockPhase({ ...base, now: 15 * MIN - 30_001 })).toBe('unlocked');
    expect(lockPhase({ ...base, now: 15 * MIN - 30_000 })).toBe('warning');
    expect(lockPhase({ ...base, now: 15 * MIN - 1 })).toBe('warning');
    expect(lockPhase({ ...base, now: 15 * MIN })).toBe('locked');
    expect(lockPhase({ ...base, lockedAt: 5, now: 6 })).toBe('locked');
  });

  it('warns 30 seconds before (more than the 20 WCAG asks), then locks after 15 idle minutes by default, and pushes each change once', () => {
    const { desk, clock, changes } = signedIn();
    expect(desk.lock.tick()).toMatchObject({ state: 'unlocked', idleMinutes: 15, warningSeconds: 30 });
    clock.advance(14 * MIN + 29_000);
    expect(desk.lock.tick().state).toBe('unlocked');
    clock.advance(1_000);
    expect(desk.lock.tick().state).toBe('warning');
    desk.lock.tick();
    clock.advance(30_000);
    const locked = desk.lock.tick();
    expect(locked.state).toBe('locked');
    expect(locked.lockedAt).toBe(new Date(clock.now().getTime()).toISOString());
    expect(changes).toEqual(['warning', 'locked']);
    expect(desk.audit.recent(1)[0]).toMatchObject({ action: 'session.locked', details: { reason: 'idle' } });
  });

  it('activity during the warning keeps it unlocked; activity once locked does not unlock', () => {
    const { desk, clock } = signedIn();
    clock.advance(14 * MIN + 45_000);
    expect(desk.lock.tick().state).toBe('warning');
    expect(desk.lock.activity().state).toBe('unlocked');
    clock.advance(15 * MIN);
    expect(desk.lock.tick().state).toBe('locked');
    expect(desk.lock.activity().state).toBe('locked');
  });

  it('unlocks only with the right PIN, audits each try, and pauses after five wrong ones', async () => {
    const { desk, clock } = signedIn();
    desk.lock.lockNow();
    const wrong = await desk.router.dispatch('app:lock.unlock', { pin: '1111' }, { via: 'test' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'refused', fieldErrors: { pin: 'That PIN is not right.' } } });
    for (let i = 0; i < 4; i++) await desk.router.dispatch('app:lock.unlock', { pin: '1111' }, { via: 'test' });
    const paused = await desk.router.dispatch('app:lock.unlock', { pin: '2468' }, { via: 'test' });
    expect(paused).toMatchObject({ ok: false, error: { fieldErrors: { pin: expect.stringContaining('Try again in 60 seconds') } } });
    clock.advance(61_000);
    const ok = await desk.router.dispatch('app:lock.unlock', { pin: '2468' }, { via: 'test' });
    expect(ok).toMatchObject({ ok: true, value: { state: 'unlocked', lockedAt: null } });
    const actions = desk.audit.recent(8).map((e) => e.action);
    expect(actions[0]).toBe('session.unlocked');
    expect(actions.filter((a) => a === 'session.unlock_failed')).toHaveLength(5);
  });

  it('never locks without a PIN to unlock with, and refuses lock-now', async () => {
    t = openTestDesk();
    t.clock.advance(60 * MIN);
    expect(t.desk.lock.tick().state).toBe('unlocked');
    const r = await t.desk.router.dispatch('app:lock.now', {}, { via: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('takes its idle time from settings (1 to 60 minutes)', async () => {
    const { desk, clock } = signedIn();
    expect(await desk.router.dispatch('app:lock.configure', { idleMinutes: 0 }, { via: 'test' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { idleMinutes: 'At least 1 minute.' } },
    });
    expect(await desk.router.dispatch('app:lock.configure', { idleMinutes: 2 }, { via: 'test' })).toMatchObject({ ok: true, value: { idleMinutes: 2 } });
    clock.advance(2 * MIN);
    expect(desk.lock.tick().state).toBe('locked');
  });

  it('sets the idle time from the app (issue 12.5): refuses what is not 1 to 60 whole minutes, audits old and new, tells every window, and keeps it across restarts', async () => {
    const { desk, dir } = signedIn();
    const events: { idleMinutes: number; state: string }[] = [];
    desk.events.subscribe((name, payload) => {
      if (name === 'app:lock.changed') events.push(payload as { idleMinutes: number; state: string });
    });
    for (const [idleMinutes, message] of [
      [61, 'At most 60 minutes.'],
      [2.5, 'Give whole minutes.'],
      [null, 'Give the idle time in minutes.'],
    ] as const) {
      expect(await desk.router.dispatch('app:lock.configure', { idleMinutes }, { via: 'test' })).toMatchObject({ ok: false, error: { fieldErrors: { idleMinutes: message } } });
    }
    expect(events).toEqual([]);
    expect(await desk.router.dispatch('app:lock.configure', { idleMinutes: 5 }, { via: 'test' })).toMatchObject({ ok: true, value: { state: 'unlocked', idleMinutes: 5 } });
    // Still unlocked, yet the windows hear of it: their warning quotes the idle time.
    expect(events).toEqual([expect.objectContaining({ state: 'unlocked', idleMinutes: 5 })]);
    expect(desk.audit.recent(1)[0]).toMatchObject({ action: 'settings.changed', subject: 'lock.idleMinutes', details: { from: 15, minutes: 5 } });
    // The same value again changes nothing a window shows.
    await desk.router.dispatch('app:lock.configure', { idleMinutes: 5 }, { via: 'test' });
    expect(events).toHaveLength(1);
    desk.close();
    const again = openDesk({ dbPath: path.join(dir, 'desk.sqlite3'), host: 'cli', log: silentLogger, env: { ...testKeyEnv }, clock: new ManualClock('2026-11-22T16:00:00.000Z') });
    try {
      expect(again.lock.tick().idleMinutes).toBe(5);
    } finally {
      again.close();
      removeTempDir(dir);
      t = undefined;
    }
  });

  it('says behind the lock that a call goes on, its state and since when, never who is on it (issue 12.7)', () => {
    const { desk, clock } = signedIn();
    const started = clock.now().toISOString();
    const id = desk.services.calls.start({ callerType: 'resident', callerName: 'Rosa Diaz', callbackNumber: '502-555-0134' }).call!.id;
    expect(desk.lock.tick().call).toBeNull(); // unlocked: not looked up
    desk.services.calls.command(id, { type: 'hold' });
    clock.advance(20 * MIN);
    const locked = desk.lock.tick();
    expect(locked.state).toBe('locked');
    expect(locked.call).toEqual({ state: 'on_hold', startedAt: started, serverNow: clock.now().toISOString() });
    expect(JSON.stringify(locked)).not.toMatch(/Rosa|555/);
    desk.services.calls.command(id, { type: 'resume' });
    desk.services.calls.command(id, { type: 'end' });
    expect(desk.lock.tick().call).toMatchObject({ state: 'wrap_up' });
    desk.services.calls.command(id, { type: 'close', disposition: 'resolved' });
    expect(desk.lock.tick().call).toBeNull();
  });
});
