import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchRequest, type SearchRequestInput } from '../../../shared/common/supervisor/search';
import { centralSearchSql, criteriaOf } from '../../../shared/node/supervisor/search';
import { connectUrl, startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';

/**
 * The search's central queries (central migration 3) read through indexes, not a year of
 * rows: a year of calls, consent records and associations on one desk, analysed, and the
 * very SQL the service runs EXPLAINed under the supervisor login.
 */
let central: TestCentral;
let store: TestStore;
const deskId = randomUUID();
const NOW = '2026-12-03T15:00:00Z';

beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
  const admin = await store.admin();
  try {
    await admin.query('INSERT INTO desk (desk_id, name, app_version) VALUES ($1, $2, $3)', [deskId, 'Desk 9', 'test']);
    // One call every 9 minutes for a year; every fourth an Agent's, 400 Agents.
    await admin.query(
      `INSERT INTO call_closed (id, desk_id, desk_seq, operator_id, operator_name, caller_type, caller_name, case_number, started_at, closed_at, disposition, notes, timeline, events)
       SELECT md5('call' || g)::uuid, $1, g, 1 + g % 40, 'Rep', CASE WHEN g % 4 = 0 THEN 'agent' ELSE 'resident' END,
              CASE WHEN g % 4 = 0 THEN 'Agent Name' || (g % 400) ELSE 'Resident ' || g END, 'C' || (g % 20000),
              $2::timestamptz - make_interval(mins => g * 9), $2::timestamptz - make_interval(mins => g * 9) + interval '6 minutes', 'resolved', '', '[]', '[]'
         FROM generate_series(1, 58000) g`,
      [deskId, NOW],
    );
    await admin.query(
      `INSERT INTO consent_record (id, desk_id, desk_seq, kind, method, outcome, case_number, agent_id, session_id, call_id, created_at, record)
       SELECT gen_random_uuid(), $1, 100000 + g, 'agent-association', 'electronic', 'accepted', 'C' || (g % 20000), 'NPN' || (g % 400), 's', md5('call' || (g * 4))::uuid::text,
              $2::timestamptz - make_interval(mins => g * 36), jsonb_build_object('agent', jsonb_build_object('name', 'Agent Name' || (g % 400), 'agentId', 'NPN' || (g % 400)))
         FROM generate_series(1, 14500) g`,
      [deskId, NOW],
    );
    await admin.query(
      `INSERT INTO agent_association (id, desk_id, desk_seq, agent_id, agent_name, agency, case_number, associated_on, operator_id, call_id, consent_record_id, created_at)
       SELECT gen_random_uuid(), $1, 200000 + g, 'NPN' || (g % 400), 'Agent Name' || (g % 400), 'Agency', 'C' || (g % 20000),
              ($2::timestamptz - make_interval(mins => g * 36))::date, 1, md5('call' || (g * 4))::uuid::text, gen_random_uuid(), $2::timestamptz - make_interval(mins => g * 36)
         FROM generate_series(1, 14500) g`,
      [deskId, NOW],
    );
    // Each call's two events (started, closed), and three calls open now: the floor's year.
    await admin.query(
      `INSERT INTO call_event (id, desk_id, desk_seq, call_id, seq, at, type, state, caller_type, operator_id, operator_name, started_at, data)
       SELECT gen_random_uuid(), $1::uuid, 300000 + g * 2 + s, md5('call' || g)::uuid, s, $2::timestamptz - make_interval(mins => g * 9) + make_interval(mins => s * 5),
              'x', CASE WHEN s = 1 THEN 'active' ELSE 'closed' END, 'resident', 1, 'Rep', $2::timestamptz - make_interval(mins => g * 9), '{}'
         FROM generate_series(1, 58000) g, generate_series(1, 2) s`,
      [deskId, NOW],
    );
    await admin.query(
      `INSERT INTO call_event (id, desk_id, desk_seq, call_id, seq, at, type, state, caller_type, operator_id, operator_name, started_at, data)
       SELECT gen_random_uuid(), $1::uuid, 900000 + o, md5('open' || o)::uuid, 1, $2::timestamptz - make_interval(mins => o), 'x', 'active', 'agent', o, 'Rep', $2::timestamptz - make_interval(mins => o), '{}'
         FROM generate_series(1, 3) o`,
      [deskId, NOW],
    );
    await admin.query('ANALYZE');
  } finally {
    await admin.end();
  }
}, 300_000);
afterAll(() => central?.stop());

async function planOf(input: SearchRequestInput): Promise<string> {
  const sql = centralSearchSql(criteriaOf(SearchRequest.parse(input), 'America/New_York'));
  const c = await connectUrl(store.supervisorUrl);
  try {
    const r = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.text}`, sql.values);
    return r.rows.map((x) => x['QUERY PLAN']).join('\n');
  } finally {
    await c.end();
  }
}

async function rowsOf(input: SearchRequestInput) {
  const sql = centralSearchSql(criteriaOf(SearchRequest.parse(input), 'America/New_York'));
  const c = await connectUrl(store.supervisorUrl);
  try {
    return (await c.query(sql.text, sql.values)).rows;
  } finally {
    await c.end();
  }
}

const BIG = /Seq Scan on (call_closed|consent_record|agent_association)/;

describe('search SQL (central migration 3)', () => {
  const cases: [string, SearchRequestInput, RegExp][] = [
    ['calls by case number', { kind: 'calls', caseNumber: 'C42' }, /call_closed_case/],
    ['calls by Agent name', { kind: 'calls', agent: 'agent name123' }, /call_closed_agent_name[\s\S]*agent_association_agent_name[\s\S]*consent_record_agent_name/],
    ['calls by NPN', { kind: 'calls', agent: 'NPN123' }, /agent_association_agent[\s\S]*consent_record_agent/],
    ['calls in a week', { kind: 'calls', from: '2026-06-01', to: '2026-06-07' }, /call_closed_started/],
    ['consent records by case number', { kind: 'consents', caseNumber: 'C42' }, /consent_record_case/],
    ['consent records by Agent', { kind: 'consents', agent: 'Agent Name321' }, /consent_record_agent[\s\S]*consent_record_agent_name/],
    ['consent records in a month', { kind: 'consents', from: '2026-03-01', to: '2026-03-31' }, /consent_record_created/],
    ['associations by case number', { kind: 'associations', caseNumber: 'C42' }, /agent_association_case/],
    ['associations by Agent', { kind: 'associations', agent: 'NPN321' }, /agent_association_agent[\s\S]*agent_association_agent_name/],
    ['associations in a month', { kind: 'associations', from: '2026-03-01', to: '2026-03-31' }, /agent_association_created/],
  ];
  for (const [what, input, index] of cases) {
    it(`reads ${what} through its index`, async () => {
      const plan = await planOf(input);
      expect(plan).toMatch(index);
      expect(plan).not.toMatch(BIG);
    });
  }

  it('finds what plain SQL finds: an Agent’s calls as caller, associated or consented, by name prefix in any case', async () => {
    const rows = await rowsOf({ kind: 'calls', agent: 'AGENT NAME123', page: 1 });
    const direct = await store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM call_closed WHERE (caller_type = 'agent' AND lower(caller_name) LIKE 'agent name123%')
          OR id IN (SELECT call_id::uuid FROM agent_association WHERE lower(agent_name) LIKE 'agent name123%')`,
    );
    expect(direct[0]!.n).toBeGreaterThan(26);
    // A page and one more, to say there is a next page.
    expect(rows).toHaveLength(26);
    // "_" is a letter here, not LIKE's any-character.
    expect(await rowsOf({ kind: 'associations', agent: 'Agent_Name1' })).toHaveLength(0);
  });

  it('plans the floor inside kd_floor for the window asked, through the recent-calls index (auto_explain of the nested query)', async () => {
    const admin = await store.admin();
    const notices: string[] = [];
    admin.on('notice', (n) => notices.push(n.message ?? ''));
    try {
      // auto_explain hands the plan of every statement, nested ones included, back to this session.
      await admin.query(`LOAD 'auto_explain'`);
      for (const set of ['auto_explain.log_min_duration = 0', 'auto_explain.log_nested_statements = on', "auto_explain.log_level = 'notice'", "client_min_messages = 'notice'"])
        await admin.query(`SET ${set}`);
      const rows = (await admin.query(`SELECT * FROM kd_floor($1::timestamptz - interval '12 hours', $1)`, [NOW])).rows;
      expect(rows).toHaveLength(3);
    } finally {
      await admin.end();
    }
    const inner = notices.filter((n) => n.includes('FROM call_event e WHERE e.started_at'));
    expect(inner).toHaveLength(1);
    expect(inner[0]).toMatch(/call_event_recent/);
    expect(inner[0]).not.toMatch(/Seq Scan on call_event/);
  });

  it('plans the week’s figures inside their functions for the window asked, through indexes (central migration 4)', async () => {
    const admin = await store.admin();
    const notices: string[] = [];
    admin.on('notice', (n) => notices.push(n.message ?? ''));
    const week = ['2026-11-29T15:00:00Z', NOW];
    const counts: Record<string, number> = {};
    try {
      await admin.query(`LOAD 'auto_explain'`);
      for (const set of ['auto_explain.log_min_duration = 0', 'auto_explain.log_nested_statements = on', "auto_explain.log_level = 'notice'", "client_min_messages = 'notice'"])
        await admin.query(`SET ${set}`);
      const sum = (rows: Record<string, unknown>[], column: string) => rows.reduce((n, r) => n + Number(r[column]), 0);
      counts.perHour = sum((await admin.query(`SELECT * FROM kd_calls_per_hour($1, $2, 'UTC')`, week)).rows, 'calls');
      counts.dispositions = sum((await admin.query(`SELECT * FROM kd_disposition_mix($1, $2)`, week)).rows, 'calls');
      counts.consents = sum((await admin.query(`SELECT * FROM kd_consent_mix($1, $2)`, week)).rows, 'records');
      counts.ese = sum((await admin.query(`SELECT * FROM kd_ese_by_state($1, $2, $2)`, week)).rows, 'intakes');
    } finally {
      await admin.end();
    }
    // The same answers as plain SQL over the window.
    const direct = await store.query<{ calls: number; consents: number }>(
      `SELECT (SELECT count(*)::int FROM call_closed WHERE started_at >= $1 AND started_at < $2) AS calls,
              (SELECT count(*)::int FROM consent_record WHERE created_at >= $1 AND created_at < $2) AS consents`,
      week,
    );
    expect(direct[0]!.calls).toBeGreaterThan(500);
    expect(counts).toEqual({ perHour: direct[0]!.calls, dispositions: direct[0]!.calls, consents: direct[0]!.consents, ese: 0 });
    // Planned for this window, the scan expects about the rows it reads; a plan made without
    // the values (migration 2's SQL functions) guessed a fixed share of the table (290 and 72 here).
    const nested = (table: string) => notices.filter((n) => n.includes(`FROM ${table} `) && n.includes('$1'));
    for (const [table, index, actual] of [
      ['call_closed c', /call_closed_started|call_closed_disposition|call_closed_caller_type/, direct[0]!.calls],
      ['consent_record r', /consent_record_created|consent_record_method/, direct[0]!.consents],
    ] as const) {
      const plans = nested(table);
      expect(plans).toHaveLength(table.startsWith('call') ? 2 : 1);
      for (const p of plans) {
        expect(p).toMatch(index);
        expect(p).not.toMatch(/Seq Scan on (call_closed|consent_record)/);
        const expected = Number(new RegExp(`on ${table.split(' ')[0]} \\w+ +\\(cost=[\\d.]+ rows=(\\d+)`).exec(p)?.[1]);
        expect(Math.abs(expected - actual) / actual).toBeLessThan(0.25);
      }
    }
  });
});
