import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import type { DayFigures } from '../../../shared/common/supervisor/contract';
import type { DrillList, DrillRequest, ExportFile } from '../../../shared/common/supervisor/drill';
import type { Desk } from '../../../shared/node/host/desk';
import { startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';
import { seedCentralWeek } from '../../helpers/supervisorSeed';
import { testKeyEnv } from '../../helpers/deskKey';
import { openTestDesk } from '../../helpers/temp';

// Thursday 3 December 2026, 10:00 Eastern (UTC-5).
const NOW = '2026-12-03T15:00:00.000Z';
let central: TestCentral;
let store: TestStore;
const desks = [randomUUID(), randomUUID(), randomUUID()];

/** Three desks' week, written as the owner (the stamp trigger checks the desk's login; these desks are the owner's). */
beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
  const admin = await store.admin();
  try {
    for (const [i, id] of desks.entries()) await admin.query('INSERT INTO desk (desk_id, name, app_version) VALUES ($1, $2, $3)', [id, `Desk ${i + 1}`, 'test']);
    await seedCentralWeek(admin, desks, NOW);
  } finally {
    await admin.end();
  }
}, 300_000);
afterAll(() => central?.stop());

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function supervisorDesk(url = store.supervisorUrl): Desk {
  const t = openTestDesk({
    clock: new ManualClock(NOW),
    env: { ...testKeyEnv, KYNECT_CENTRAL_SUPERVISOR_URL: url, KYNECT_CENTRAL_DESK_NAME: 'Supervisor desk', KYNECT_TIME_ZONE: 'America/New_York' },
  });
  open.push(t);
  t.desk.operators.save({ name: 'Sam Supervisor', role: 'supervisor', pin: '2468' });
  return t.desk;
}

async function ok<T>(d: Desk, channel: 'app:supervisor.figures' | 'app:supervisor.drill' | 'app:supervisor.export', request: unknown): Promise<T> {
  const r = await d.router.dispatch(channel, request, { via: 'test' });
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const key = (o: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
const bag = (rows: Record<string, unknown>[]) => rows.map(key).sort();

describe('supervisor charts and drill-down across desks (central store)', () => {
  it('gives the charts the numbers plain SQL counts on the tables, and each bar lists as many calls, all audited centrally', async () => {
    const d = supervisorDesk();
    const f = await ok<DayFigures>(d, 'app:supervisor.figures', { period: 'week' });
    const from = '2026-11-30T05:00:00.000Z';
    expect(f).toMatchObject({ scope: 'central', from });
    // Plain SQL on the record tables, not the kd_ functions: hours in Eastern time as text.
    const hours = await store.query<{ hour: string; callerType: string; calls: number }>(
      `SELECT to_char(started_at AT TIME ZONE 'America/New_York', 'YYYY-MM-DD"T"HH24:00') AS hour, caller_type AS "callerType", count(*)::int AS calls
         FROM call_closed WHERE started_at >= $1 AND started_at < $2 GROUP BY 1, 2`,
      [from, NOW],
    );
    expect(hours.length).toBeGreaterThan(50);
    expect(bag(f.callsPerHour)).toEqual(bag(hours));
    const mix = await store.query(
      `SELECT disposition, count(*)::int AS calls, round(avg(extract(epoch FROM closed_at - started_at)), 1)::float AS "avgHandleSeconds"
         FROM call_closed WHERE started_at >= $1 AND started_at < $2 GROUP BY 1`,
      [from, NOW],
    );
    expect(bag(f.dispositions)).toEqual(bag(mix));
    const ese = await store.query(
      `SELECT coalesce((SELECT d.state FROM ese_delivery d WHERE d.intake_id = i.id ORDER BY d.at DESC LIMIT 1), 'queued') AS state,
              CASE WHEN $2::timestamptz - i.submitted_at < interval '1 hour' THEN 'under 1 hour' WHEN $2::timestamptz - i.submitted_at < interval '1 day' THEN '1 to 24 hours' ELSE 'over 1 day' END AS age,
              count(*)::int AS intakes
         FROM ese_intake i WHERE i.submitted_at >= $1 AND i.submitted_at < $2 GROUP BY 1, 2`,
      [from, NOW],
    );
    expect(bag(f.eseByState)).toEqual(bag(ese));
    const consent = await store.query(`SELECT method, outcome, count(*)::int AS records FROM consent_record WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2`, [from, NOW]);
    expect(bag(f.consentMix)).toEqual(bag(consent));

    const requests: [DrillRequest, number][] = [
      ...f.callsPerHour.slice(0, 6).map((r) => [{ figure: 'callsPerHour', period: 'week', hour: r.hour, callerType: r.callerType }, r.calls] as [DrillRequest, number]),
      ...f.dispositions.map((r) => [{ figure: 'handleTime', period: 'week', disposition: r.disposition }, r.calls] as [DrillRequest, number]),
      ...f.eseByState.map((r) => [{ figure: 'eseByState', period: 'week', state: r.state, age: r.age }, r.intakes] as [DrillRequest, number]),
      ...f.consentMix.map((r) => [{ figure: 'consentMix', period: 'week', method: r.method, outcome: r.outcome }, r.records] as [DrillRequest, number]),
    ];
    const lists: DrillList[] = [];
    for (const [req, n] of requests) {
      const list = await ok<DrillList>(d, 'app:supervisor.drill', req);
      lists.push(list);
      expect(list.scope).toBe('central');
      expect(list.rows.length, JSON.stringify(req)).toBe(Math.min(n, 500));
      expect(list.truncated).toBe(n > 500);
    }
    const text = JSON.stringify(lists);
    expect(text).not.toContain('123-45-6789');
    expect(text).not.toContain('in the notes');
    expect(text).toContain('Ana ***-**-6789');
    expect(new Set(lists.flatMap((l) => l.rows.map((r) => r.deskName)))).toEqual(new Set(['Desk 1', 'Desk 2', 'Desk 3']));
    const viewed = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM supervisor_view WHERE view = 'drill' AND operator = 'Sam Supervisor'`);
    expect(viewed[0]!.n).toBe(requests.length);
  });

  it('exports across desks as CSV and PDF, each export audited in the central store and on the desk', async () => {
    const d = supervisorDesk();
    const f = await ok<DayFigures>(d, 'app:supervisor.figures', { period: 'today' });
    const hour = f.callsPerHour.find((r) => r.callerType === 'agent')!;
    const csv = await ok<ExportFile>(d, 'app:supervisor.export', {
      format: 'csv',
      source: { kind: 'drill', drill: { figure: 'callsPerHour', period: 'today', hour: hour.hour, callerType: 'agent' } },
    });
    expect(csv.rows).toBe(hour.calls);
    expect(csv.data.split('\r\n').filter(Boolean)).toHaveLength(hour.calls + 1);
    const pdf = await ok<ExportFile>(d, 'app:supervisor.export', { format: 'pdf', source: { kind: 'figure', figure: 'consentMix', period: 'today' } });
    expect(Buffer.from(pdf.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const exported = await store.query<{ query: Record<string, unknown>; rows: number }>(`SELECT query, rows FROM supervisor_view WHERE view = 'export' ORDER BY id`);
    expect(exported).toEqual([
      { query: expect.objectContaining({ format: 'csv', figure: 'callsPerHour', callerType: 'agent' }) as unknown, rows: hour.calls },
      { query: expect.objectContaining({ format: 'pdf', figure: 'consentMix', period: 'today' }) as unknown, rows: pdf.rows },
    ]);
    expect(d.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'supervisor.exported'").pluck().get()).toBe(2);
  });

  it('says the central store cannot be reached, and shows nothing of this desk instead, when its server is down', async () => {
    const down = store.supervisorUrl.replace(/:(\d+)\//, ':1/');
    expect(down).not.toBe(store.supervisorUrl);
    const d = supervisorDesk(down);
    const drill = await d.router.dispatch('app:supervisor.drill', { figure: 'dispositions', period: 'today', disposition: 'resolved' }, { via: 'test' });
    expect(drill).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/^The central store cannot be reached/) as unknown } });
    const exp = await d.router.dispatch('app:supervisor.export', { format: 'csv', source: { kind: 'figure', figure: 'dispositions', period: 'today' } }, { via: 'test' });
    expect(exp).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(d.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'supervisor.exported'").pluck().get()).toBe(0);
  });
});
