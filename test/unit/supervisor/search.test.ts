import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CenterKey } from '../../../shared/node/central/centerKey';
import { loadMembers } from '../../../shared/node/central/memberLoad';
import type { Result } from '../../../shared/common/errors';
import type { SearchResult, SearchResultDetail } from '../../../shared/common/supervisor/search';
import type { Desk } from '../../../shared/node/host/desk';
import { importChunks } from '../../../shared/node/match/importer';
import { startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';
import { dispatch, doAssociation, memberPerson, membersCsv } from '../../helpers/deskWork';
import { testKeyEnv } from '../../helpers/deskKey';
import { openTestDesk } from '../../helpers/temp';

/**
 * Search across desks (issue 18 §4) through the router, as the renderer asks: desks
 * write through their real sync path into a real PostgreSQL; a supervisor searches
 * under the supervisor login; every search and every result opened is audited there
 * and on the supervisor's desk. Reps and PSL staff are refused before anything is read.
 */
const CENTER_KEY = Buffer.alloc(32, 0x33).toString('base64');
let central: TestCentral;
let store: TestStore;
beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
  const csv = path.join(central.cluster.dir, 'search-members.csv');
  fs.writeFileSync(csv, membersCsv(0, 120));
  const admin = await store.admin();
  await loadMembers(admin, csv, new CenterKey(Buffer.from(CENTER_KEY, 'base64')));
  await admin.end();
}, 180_000);
afterAll(() => central?.stop());

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function supervisorDesk(env: Record<string, string> = {}, role: 'rep' | 'psl' | 'supervisor' = 'supervisor') {
  const t = openTestDesk({ env: { ...testKeyEnv, KYNECT_CENTRAL_DESK_NAME: 'Supervisor desk', KYNECT_TIME_ZONE: 'UTC', ...env } });
  open.push(t);
  t.desk.operators.save({ name: role === 'supervisor' ? 'Sam Supervisor' : 'Rita Rep', role, pin: '2468' });
  return t;
}

async function repDesk(name: string) {
  const login = await store.deskLogin();
  const t = openTestDesk({ env: { ...testKeyEnv, KYNECT_CENTRAL_URL: login.url, KYNECT_CENTRAL_KEY: CENTER_KEY, KYNECT_CENTRAL_DESK_NAME: name } });
  open.push(t);
  t.desk.operators.save({ name: `Rep of ${name}`, role: 'rep', pin: '2468' });
  return t;
}

/** An Agent calls with a client on the line and is associated with the client's case. */
async function agentCall(desk: Desk, agentName: string, agentId: string, member: number): Promise<string> {
  const person = memberPerson(member);
  const started = await dispatch(desk, 'app:call.start', { callerType: 'agent', callerName: agentName, caseNumber: person.caseNumber });
  await doAssociation(desk, { ...person, agentId });
  return started.call.id as string;
}

const search = (desk: Desk, request: unknown) => desk.router.dispatch('app:supervisor.search', request, { via: 'test' }) as Promise<Result<SearchResult>>;
const result = (desk: Desk, request: unknown) => desk.router.dispatch('app:supervisor.searchResult', request, { via: 'test' }) as Promise<Result<SearchResultDetail>>;
const localAudit = (desk: Desk, like: string) =>
  desk.db.prepare('SELECT action, details FROM audit_log WHERE action LIKE ? ORDER BY seq').all(like) as { action: string; details: string }[];

describe('supervisor search: who may, and what is asked', () => {
  it('refuses reps and PSL staff before reading anything, centrally or here', async () => {
    for (const role of ['rep', 'psl'] as const) {
      const { desk } = supervisorDesk({ KYNECT_CENTRAL_SUPERVISOR_URL: store.supervisorUrl }, role);
      expect(await search(desk, { kind: 'calls', caseNumber: '100000001' })).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(await result(desk, { kind: 'calls', id: randomUUID() })).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(localAudit(desk, 'supervisor.%')).toEqual([]);
    }
    expect(await store.query("SELECT * FROM supervisor_view WHERE view LIKE 'search.%' OR view LIKE 'result.%'")).toHaveLength(0);
  });

  it('explains each bad field at the field', async () => {
    const { desk } = supervisorDesk();
    const fieldsOf = async (request: unknown) => {
      const r = await search(desk, request);
      expect(r.ok).toBe(false);
      return r.ok ? {} : r.error.fieldErrors;
    };
    expect(await fieldsOf({ kind: 'calls' })).toEqual({ caseNumber: 'Give a case number, an Agent or a date range to search by.' });
    expect(await fieldsOf({ kind: 'calls', caseNumber: '', agent: '  ' })).toEqual({ caseNumber: expect.stringMatching(/case number, an Agent or a date range/) });
    expect(await fieldsOf({ kind: 'calls', caseNumber: "1'; DROP TABLE call" })).toEqual({ caseNumber: 'A case number is letters, digits and dashes only.' });
    expect(await fieldsOf({ kind: 'consents', agent: 'g' })).toEqual({ agent: expect.stringMatching(/at least 2 characters/) });
    expect(await fieldsOf({ kind: 'associations', from: '2026-02-30' })).toEqual({ from: 'That day does not exist.' });
    expect(await fieldsOf({ kind: 'associations', from: '2026-03-02', to: '2026-03-01' })).toEqual({ to: 'The last day is before the first day.' });
    expect(await fieldsOf({ kind: 'associations', from: '2025-01-01', to: '2026-03-01' })).toEqual({ from: expect.stringMatching(/at most 366 days/) });
    expect(await fieldsOf({ kind: 'calls', caseNumber: '1', page: 0 })).toEqual({ page: 'Pages start at 1.' });
    expect(await fieldsOf({ kind: 'members', caseNumber: '1' })).toHaveProperty('kind');
    expect(localAudit(desk, 'supervisor.%')).toEqual([]);
  });
});

describe('supervisor search, stand-alone: this desk only', () => {
  it('finds this desk’s calls, consents and associations by case, Agent and day, says so, audits here, masks SSNs', async () => {
    const t = supervisorDesk();
    const d = t.desk;
    importChunks(d.services.match.store, 'members', [membersCsv(0, 30)]);
    const callId = await agentCall(d, 'Grace Hopper', 'NPN7000001', 12);
    const caseNumber = memberPerson(12).caseNumber;
    // Notes stored by an older version could hold a full SSN: the view masks it all the same.
    d.db.prepare('UPDATE call SET notes = ? WHERE id = ?').run('Caller read out 212-45-6789 by mistake.', callId);

    const byCase = await search(d, { kind: 'calls', caseNumber });
    expect(byCase).toMatchObject({ ok: true, value: { kind: 'calls', scope: 'desk', scopeNote: expect.stringMatching(/this desk only/), page: 1, hasMore: false } });
    const calls = byCase.ok && byCase.value.kind === 'calls' ? byCase.value.rows : [];
    expect(calls).toEqual([expect.objectContaining({ id: callId, deskName: 'Supervisor desk', callerName: 'Grace Hopper', disposition: 'association_completed' })]);
    for (const agent of ['grace', 'NPN7000001']) {
      const r = await search(d, { kind: 'calls', agent });
      expect(r.ok && r.value.rows.map((x) => x.id)).toEqual([callId]);
    }
    expect(await search(d, { kind: 'calls', agent: 'gr%' })).toMatchObject({ ok: true, value: { rows: [] } });
    const consents = await search(d, { kind: 'consents', agent: 'NPN7000001', from: '2026-11-22', to: '2026-11-22' });
    expect(consents).toMatchObject({ ok: true, value: { kind: 'consents', rows: [{ outcome: 'accepted', caseNumber, agentName: 'Agent NPN7000001', method: 'electronic' }] } });
    expect(await search(d, { kind: 'consents', caseNumber, from: '2026-11-23' })).toMatchObject({ ok: true, value: { rows: [] } });
    const assoc = await search(d, { kind: 'associations', caseNumber });
    expect(assoc).toMatchObject({ ok: true, value: { rows: [{ agentId: 'NPN7000001', agency: 'Bluegrass Benefits', associatedOn: '2026-11-22' }] } });

    const detail = await result(d, { kind: 'calls', id: callId });
    expect(detail).toMatchObject({ ok: true, value: { kind: 'calls', notes: 'Caller read out ***-**-6789 by mistake.' } });
    expect(JSON.stringify(detail)).not.toMatch(/212-45-6789/);
    const consentId = consents.ok ? consents.value.rows[0]!.id : '';
    expect(await result(d, { kind: 'consents', id: consentId })).toMatchObject({ ok: true, value: { kind: 'consents', repName: 'Sam Supervisor', attempts: 1 } });
    expect(await result(d, { kind: 'associations', id: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found', fieldErrors: { id: expect.any(String) } } });

    expect(localAudit(d, 'supervisor.%').map((a) => a.action)).toEqual([
      'supervisor.search.calls_viewed',
      'supervisor.search.calls_viewed',
      'supervisor.search.calls_viewed',
      'supervisor.search.calls_viewed',
      'supervisor.search.consents_viewed',
      'supervisor.search.consents_viewed',
      'supervisor.search.associations_viewed',
      'supervisor.result.calls_viewed',
      'supervisor.result.consents_viewed',
    ]);
    expect(JSON.parse(localAudit(d, 'supervisor.search.calls_viewed')[0]!.details)).toEqual({ scope: 'desk', kind: 'calls', caseNumber, page: 1, rows: 1 });
  });
});

describe('supervisor search across desks (central store)', () => {
  it('finds records of every desk, pages them, audits each search and view centrally under the supervisor login and here', async () => {
    const east = await repDesk('East desk');
    const west = await repDesk('West desk');
    for (const t of [east, west]) expect((await t.desk.services.central.syncNow()).status.state).toBe('synced');
    const eastCall = await agentCall(east.desk, 'Grace Hopper', 'NPN7000002', 30);
    const westCall = await agentCall(west.desk, 'Ada Lovelace', 'NPN7000003', 60);
    // The same Agent at the second desk for another client: found by NPN across both.
    await agentCall(west.desk, 'Grace Hopper', 'NPN7000002', 90);
    for (const t of [east, west]) expect((await t.desk.services.central.syncNow()).status).toMatchObject({ state: 'synced', waiting: 0 });

    const { desk } = supervisorDesk({ KYNECT_CENTRAL_SUPERVISOR_URL: store.supervisorUrl });
    const byNpn = await search(desk, { kind: 'associations', agent: 'NPN7000002' });
    expect(byNpn).toMatchObject({ ok: true, value: { scope: 'central', scopeNote: 'Every desk, from the central store.' } });
    expect(byNpn.ok && byNpn.value.rows.map((r) => r.deskName).sort()).toEqual(['East desk', 'West desk']);
    const callsByName = await search(desk, { kind: 'calls', agent: 'grace h' });
    expect(callsByName.ok && callsByName.value.rows.map((r) => r.deskName).sort()).toEqual(['East desk', 'West desk']);
    const caseOfWest = memberPerson(60).caseNumber;
    const byCase = await search(desk, { kind: 'calls', caseNumber: caseOfWest });
    expect(byCase).toMatchObject({ ok: true, value: { rows: [{ id: westCall, deskName: 'West desk', callerName: 'Ada Lovelace' }] } });
    const consents = await search(desk, { kind: 'consents', caseNumber: memberPerson(30).caseNumber });
    expect(consents).toMatchObject({ ok: true, value: { rows: [{ deskName: 'East desk', agentId: 'NPN7000002', outcome: 'accepted' }] } });

    const eastCallDetail = await result(desk, { kind: 'calls', id: eastCall });
    expect(eastCallDetail).toMatchObject({
      ok: true,
      value: { kind: 'calls', call: { deskName: 'East desk' }, timeline: expect.arrayContaining([expect.objectContaining({ summary: expect.any(String) })]) },
    });

    const audited = await store.query<{ login: string; operator: string; view: string; query: Record<string, unknown>; rows: number }>(
      "SELECT login, operator, view, query, rows FROM supervisor_view WHERE view LIKE 'search.%' OR view LIKE 'result.%' ORDER BY id",
    );
    expect(audited.map((a) => [a.view, a.rows])).toEqual([
      ['search.associations', 2],
      ['search.calls', 2],
      ['search.calls', 1],
      ['search.consents', 1],
      ['result.calls', 1],
    ]);
    expect(audited[0]).toMatchObject({ operator: 'Sam Supervisor', login: expect.stringMatching(/^supervisor_/), query: { kind: 'associations', agent: 'NPN7000002', page: 1 } });
    expect(audited[4]!.query).toEqual({ kind: 'calls', id: eastCall });
    expect(localAudit(desk, 'supervisor.%').map((a) => JSON.parse(a.details).scope)).toEqual(['central', 'central', 'central', 'central', 'central']);
  });

  it('pages 25 at a time, newest first, and masks an SSN in stored notes', async () => {
    const admin = await store.admin();
    const deskId = randomUUID();
    const ssnCall = randomUUID();
    try {
      await admin.query('INSERT INTO desk (desk_id, name, app_version) VALUES ($1, $2, $3)', [deskId, 'Paging desk', 'test']);
      await admin.query(
        `INSERT INTO call_closed (id, desk_id, desk_seq, operator_id, operator_name, caller_type, caller_name, case_number, started_at, closed_at, disposition, notes, timeline, events)
         SELECT CASE WHEN g = 1 THEN $3::uuid ELSE gen_random_uuid() END, $1, g, 1, 'Rep', 'resident', CASE WHEN g = 1 THEN 'Jo 212-45-6789' END, 'P-777', $2::timestamptz - make_interval(mins => g),
                $2::timestamptz - make_interval(mins => g) + interval '4 minutes', 'resolved',
                CASE WHEN g = 1 THEN 'SSN 212-45-6789 read out' ELSE '' END, '[{"at":"2026-11-22T14:00:00Z","summary":"Call started"}]', '[]'
           FROM generate_series(1, 60) g`,
        [deskId, '2026-11-22T15:00:00Z', ssnCall],
      );
    } finally {
      await admin.end();
    }
    const { desk } = supervisorDesk({ KYNECT_CENTRAL_SUPERVISOR_URL: store.supervisorUrl });
    const pages: SearchResult[] = [];
    for (const page of [1, 2, 3]) {
      const r = await search(desk, { kind: 'calls', caseNumber: 'P-777', page });
      expect(r.ok).toBe(true);
      if (r.ok) pages.push(r.value);
    }
    expect(pages.map((p) => [p.rows.length, p.hasMore])).toEqual([
      [25, true],
      [25, true],
      [10, false],
    ]);
    const starts = pages.flatMap((p) => p.rows.map((r) => (r as { startedAt: string }).startedAt));
    expect(new Set(starts).size).toBe(60);
    expect(JSON.stringify(pages)).not.toMatch(/212-45-6789/);
    expect(pages[0]!.rows[0]).toMatchObject({ callerName: 'Jo ***-**-6789' });
    expect([...starts].sort().reverse()).toEqual(starts);
    const detail = await result(desk, { kind: 'calls', id: ssnCall });
    expect(detail).toMatchObject({ ok: true, value: { notes: 'SSN ***-**-6789 read out', call: { handleSeconds: 240 } } });
    expect(JSON.stringify(detail)).not.toMatch(/212-45-6789/);
  });
});
