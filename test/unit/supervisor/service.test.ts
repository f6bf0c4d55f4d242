import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testKeyEnv } from '../../helpers/deskKey';
import { openTestDesk } from '../../helpers/temp';
import { connectUrl, startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';
import type { Desk } from '../../../shared/node/host/desk';

let central: TestCentral;
let store: TestStore;
beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
}, 180_000);
afterAll(() => central?.stop());

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function deskAs(role: 'rep' | 'psl' | 'supervisor', env: Record<string, string> = {}) {
  const t = openTestDesk({ env: { ...testKeyEnv, KYNECT_CENTRAL_DESK_NAME: 'Desk here', KYNECT_TIME_ZONE: 'UTC', ...env } });
  open.push(t);
  t.desk.operators.save({ name: role === 'supervisor' ? 'Sam Supervisor' : 'Rita Rep', role, pin: '2468' });
  return t;
}

const dispatch = (desk: Desk, channel: 'app:supervisor.floor' | 'app:supervisor.figures', request: unknown) => desk.router.dispatch(channel, request, { via: 'test' });

describe('supervisor service', () => {
  it('refuses reps and PSL staff before reading anything', async () => {
    for (const role of ['rep', 'psl'] as const) {
      const { desk } = deskAs(role, { KYNECT_CENTRAL_SUPERVISOR_URL: store.supervisorUrl });
      expect(await dispatch(desk, 'app:supervisor.floor', {})).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(await dispatch(desk, 'app:supervisor.figures', { period: 'today' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    }
    expect(await store.query('SELECT * FROM supervisor_view')).toHaveLength(0);
  });

  it('explains a bad period at the field', async () => {
    const { desk } = deskAs('supervisor');
    expect(await dispatch(desk, 'app:supervisor.figures', { period: 'year' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', fieldErrors: { period: expect.any(String) } },
    });
  });

  it('without a central store shows this desk only, says so, and flags a long hold in words', async () => {
    const { desk, clock } = deskAs('supervisor');
    const started = await desk.router.dispatch('app:call.start', { callerType: 'resident' }, { via: 'test' });
    const callId = (started as { value: { call: { id: string } } }).value.call.id;
    clock.advance(60_000);
    await desk.router.dispatch('app:call.hold', { callId }, { via: 'test' });
    clock.advance(6 * 60_000);
    const floor = await dispatch(desk, 'app:supervisor.floor', {});
    expect(floor).toMatchObject({
      ok: true,
      value: {
        scope: 'desk',
        scopeNote: expect.stringMatching(/this desk only/),
        calls: [{ callId, deskName: 'Desk here', state: 'on_hold', talkSeconds: 60, holdSeconds: 360, flag: 'Long hold' }],
      },
    });
    expect(desk.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'supervisor.floor_viewed'").pluck().get()).toBe(1);
  });

  it('reads every desk’s open calls centrally, and audits the view there under the supervisor login', async () => {
    // Two other desks, each under its own login, with one open call each.
    const now = new Date('2026-11-22T15:00:00.000Z');
    for (const [i, state] of [
      [1, 'wrap_up'],
      [2, 'active'],
    ] as const) {
      const login = await store.deskLogin();
      const c = await connectUrl(login.url);
      const deskId = randomUUID();
      await c.query('INSERT INTO desk (desk_id, name, app_version) VALUES ($1, $2, $3)', [deskId, `Desk ${i}`, 'test']);
      const callId = randomUUID();
      const started = new Date(now.getTime() - 10 * 60_000);
      const ins = `INSERT INTO call_event (id, desk_id, desk_seq, call_id, seq, at, type, state, caller_type, operator_id, operator_name, started_at, data)
                   VALUES ($1, $2, $3, $4, $5, $6, 'x', $7, 'agent', 1, $8, $9, '{}')`;
      await c.query(ins, [randomUUID(), deskId, 1, callId, 1, started, 'active', `Rep ${i}`, started]);
      if (state === 'wrap_up') await c.query(ins, [randomUUID(), deskId, 2, callId, 2, new Date(now.getTime() - 4 * 60_000), 'wrap_up', `Rep ${i}`, started]);
      await c.end();
    }
    const { desk } = deskAs('supervisor', { KYNECT_CENTRAL_SUPERVISOR_URL: store.supervisorUrl });
    const floor = await dispatch(desk, 'app:supervisor.floor', {});
    expect(floor).toMatchObject({
      ok: true,
      value: {
        scope: 'central',
        calls: [
          { deskName: 'Desk 1', state: 'wrap_up', talkSeconds: 360, wrapUpSeconds: 240, flag: 'Long wrap-up' },
          { deskName: 'Desk 2', state: 'active', talkSeconds: 600, flag: null },
        ],
      },
    });
    const audited = await store.query('SELECT login, operator, view, rows FROM supervisor_view');
    expect(audited).toEqual([expect.objectContaining({ operator: 'Sam Supervisor', view: 'floor', rows: 2 })]);
    const figures = await dispatch(desk, 'app:supervisor.figures', { period: 'week' });
    expect(figures).toMatchObject({ ok: true, value: { scope: 'central', from: '2026-11-16T00:00:00.000Z', callsPerHour: [], dispositions: [] } });
  });
});
