import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectUrl, startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';

let central: TestCentral;
let store: TestStore;
const deskId = randomUUID();
const NOW = '2026-12-03T15:00:00Z';

/**
 * A year of calls on one desk (owner-written, so the stamp trigger accepts the desk),
 * plus three open calls today, analysed so the planner sees a real distribution.
 */
beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
  const admin = await store.admin();
  try {
    await admin.query('INSERT INTO desk (desk_id, name, app_version) VALUES ($1, $2, $3)', [deskId, 'Desk 7', 'test']);
    await admin.query(
      `INSERT INTO call_closed (id, desk_id, desk_seq, operator_id, operator_name, caller_type, case_number, started_at, ended_at, closed_at, disposition, notes, timeline, events)
       SELECT gen_random_uuid(), $1, g, 1 + g % 40, 'Rep ' || (g % 40), (ARRAY['resident','agent','kynector','psl'])[1 + g % 4], 'C' || (g % 5000),
              $2::timestamptz - make_interval(mins => g * 3), $2::timestamptz - make_interval(mins => g * 3) + interval '5 minutes',
              $2::timestamptz - make_interval(mins => g * 3) + interval '6 minutes', (ARRAY['resolved','callback','transferred'])[1 + g % 3], '', '[]', '[]'
         FROM generate_series(1, 60000) g`,
      [deskId, NOW],
    );
    await admin.query(
      `INSERT INTO call_event (id, desk_id, desk_seq, call_id, seq, at, type, state, caller_type, operator_id, operator_name, started_at, data)
       SELECT gen_random_uuid(), $1, 100000 + g * 2 + s, md5('call' || g)::uuid, s, $2::timestamptz - make_interval(mins => g * 3) + make_interval(mins => s),
              'x', CASE WHEN s = 1 THEN 'active' ELSE 'closed' END, 'resident', 1, 'Rep', $2::timestamptz - make_interval(mins => g * 3), '{}'
         FROM generate_series(10, 60000) g, generate_series(1, 2) s`,
      [deskId, NOW],
    );
    // Open calls now: one talking, one on hold for 9 minutes after 1 minute of talk, one in wrap-up.
    const ev = (call: string, seq: number, at: string, state: string, started: string, op: number) =>
      admin.query(
        `INSERT INTO call_event (id, desk_id, desk_seq, call_id, seq, at, type, state, caller_type, operator_id, operator_name, started_at, data)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'x', $6, 'agent', $7, 'Ana Rep', $8, '{}')`,
        [deskId, 900000 + seq + op * 10, call, seq, at, state, op, started],
      );
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await ev(a, 1, '2026-12-03T14:58:00Z', 'active', '2026-12-03T14:58:00Z', 1);
    await ev(b, 1, '2026-12-03T14:50:00Z', 'active', '2026-12-03T14:50:00Z', 2);
    await ev(b, 2, '2026-12-03T14:51:00Z', 'on_hold', '2026-12-03T14:50:00Z', 2);
    await ev(c, 1, '2026-12-03T14:40:00Z', 'active', '2026-12-03T14:40:00Z', 3);
    await ev(c, 2, '2026-12-03T14:42:00Z', 'on_hold', '2026-12-03T14:40:00Z', 3);
    await ev(c, 3, '2026-12-03T14:43:00Z', 'active', '2026-12-03T14:40:00Z', 3);
    await ev(c, 4, '2026-12-03T14:48:00Z', 'wrap_up', '2026-12-03T14:40:00Z', 3);
    await admin.query('ANALYZE');
  } finally {
    await admin.end();
  }
}, 300_000);
afterAll(() => central?.stop());

async function asSupervisor<T>(fn: (c: Awaited<ReturnType<typeof connectUrl>>) => Promise<T>): Promise<T> {
  const c = await connectUrl(store.supervisorUrl);
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const plan = (c: Awaited<ReturnType<typeof connectUrl>>, sql: string, params: unknown[]) =>
  c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params).then((r) => r.rows.map((x) => x['QUERY PLAN']).join('\n'));

describe('supervisor SQL (central migration 2)', () => {
  it('folds each open call from its events: state, since when, and hold time summed', async () => {
    const rows = await asSupervisor(async (c) => (await c.query(`SELECT * FROM kd_floor($1::timestamptz - interval '12 hours', $1)`, [NOW])).rows);
    expect(rows.map((r) => [r.operator_id, r.state, Number(r.hold_seconds), r.desk_name])).toEqual([
      [3, 'wrap_up', 60, 'Desk 7'],
      [2, 'on_hold', 540, 'Desk 7'],
      [1, 'active', 0, 'Desk 7'],
    ]);
  });

  it('counts closed calls per hour by caller type, dispositions with handle time, as plain SQL does', async () => {
    const from = '2026-12-03T00:00:00Z';
    const [perHour, mix, direct] = await asSupervisor(async (c) => [
      (await c.query(`SELECT * FROM kd_calls_per_hour($1, $2, 'UTC')`, [from, NOW])).rows,
      (await c.query(`SELECT * FROM kd_disposition_mix($1, $2)`, [from, NOW])).rows,
      (await c.query(`SELECT count(*)::int AS n FROM call_closed WHERE started_at >= $1 AND started_at < $2`, [from, NOW])).rows[0]!.n as number,
    ]);
    expect(direct).toBeGreaterThan(200);
    expect(perHour.reduce((s, r) => s + Number(r.calls), 0)).toBe(direct);
    expect(mix.reduce((s, r) => s + Number(r.calls), 0)).toBe(direct);
    expect(mix.map((r) => Number(r.avg_handle_seconds))).toEqual([360, 360, 360]);
  });

  it('reads the floor, the day and case-number search through indexes, not a year of rows', async () => {
    const plans = await asSupervisor(async (c) => ({
      floor: await plan(c, `SELECT DISTINCT ON (e.call_id) e.call_id FROM call_event e WHERE e.started_at >= $1 ORDER BY e.call_id, e.seq DESC`, ['2026-12-03T03:00:00Z']),
      day: await plan(c, `SELECT caller_type, count(*) FROM call_closed WHERE started_at >= $1 AND started_at < $2 GROUP BY 1`, ['2026-12-03T00:00:00Z', NOW]),
      byCase: await plan(c, `SELECT id FROM call_closed WHERE case_number = $1`, ['C42']),
      byOperator: await plan(c, `SELECT id FROM call_closed WHERE operator_id = $1 AND started_at >= $2`, [7, '2026-01-01']),
    }));
    expect(plans.floor).toMatch(/Index (Only )?Scan using call_event_recent|Bitmap Index Scan on call_event_recent/);
    expect(plans.day).toMatch(/call_closed_started|call_closed_caller_type/);
    expect(plans.byCase).toMatch(/call_closed_case/);
    expect(plans.byOperator).toMatch(/call_closed_operator/);
    for (const p of Object.values(plans)) expect(p).not.toMatch(/Seq Scan on call_(closed|event)/);
  });

  it('lets a supervisor audit a view only through kd_supervisor_viewed, under its own login, never edited', async () => {
    const id = await asSupervisor(async (c) => {
      await expect(c.query(`INSERT INTO supervisor_view (operator, view, query, rows) VALUES ('x', 'floor', '{}', 0)`)).rejects.toThrow(/permission denied/);
      return (await c.query<{ id: string }>(`SELECT kd_supervisor_viewed('Sam Supervisor', 'search.calls', '{"caseNumber":"C42"}', 3) AS id`)).rows[0]!.id;
    });
    const [row] = await store.query('SELECT login, operator, view, rows FROM supervisor_view WHERE id = $1', [id]);
    expect(row).toMatchObject({ operator: 'Sam Supervisor', view: 'search.calls', rows: 3 });
    expect(String(row!.login)).toMatch(/^supervisor_/);
    await expect(store.query('UPDATE supervisor_view SET rows = 0')).rejects.toThrow(/append-only/);
    await expect(store.query('DELETE FROM supervisor_view')).rejects.toThrow(/append-only/);
  });

  it('gives desks none of it', async () => {
    const c = await connectUrl((await store.deskLogin()).url);
    try {
      await expect(c.query(`SELECT * FROM kd_floor(now() - interval '1 hour', now())`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`SELECT kd_supervisor_viewed('x', 'floor', '{}', 0)`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`SELECT * FROM supervisor_view`)).rejects.toThrow(/permission denied/);
    } finally {
      await c.end();
    }
  });
});
