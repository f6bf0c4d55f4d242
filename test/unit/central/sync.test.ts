import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DispositionList, defaultDispositions } from '../../../shared/common/calls/dispositions';
import { CenterKey } from '../../../shared/node/central/centerKey';
import { configFromUrl, openClient } from '../../../shared/node/central/connection';
import { loadMembers } from '../../../shared/node/central/memberLoad';
import type { Desk } from '../../../shared/node/host/desk';
import { importChunks } from '../../../shared/node/match/importer';
import { startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';
import { dispatch, doAssociation, doCall, memberPerson, membersCsv, requestConsent } from '../../helpers/deskWork';
import { openTestDesk } from '../../helpers/temp';
import { validIntakeInput } from '../ese/support/intakes';

const CENTER_KEY = Buffer.alloc(32, 0x33).toString('base64');
let central: TestCentral;
let store: TestStore;
const open: ReturnType<typeof openTestDesk>[] = [];

beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
  const csv = path.join(central.cluster.dir, 'members.csv');
  fs.writeFileSync(csv, membersCsv(0, 300));
  const admin = await store.admin();
  const r = await loadMembers(admin, csv, new CenterKey(Buffer.from(CENTER_KEY, 'base64')));
  await admin.end();
  expect(r).toMatchObject({ committed: true, rows: 300, inserted: 300 });
}, 180_000);
afterAll(() => central?.stop());
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

async function desk(env: Record<string, string> = {}) {
  const login = await store.deskLogin();
  const t = openTestDesk({ env: { KYNECT_DESK_KEY: Buffer.alloc(32, 0x5a).toString('base64'), KYNECT_CENTRAL_URL: login.url, KYNECT_CENTRAL_KEY: CENTER_KEY, ...env } });
  open.push(t);
  return t;
}

async function centralCount(table: string, deskId: string): Promise<number> {
  const rows = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE desk_id = $1`, [deskId]);
  return rows[0]!.n;
}

const localCount = (d: Desk, table: string) => d.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('stand-alone (no central store configured)', () => {
  it('works as before: the status says stand-alone, records wait in the outbox, nothing is sent', async () => {
    const t = openTestDesk();
    open.push(t);
    await doCall(t.desk, 1);
    expect(t.desk.services.central.status()).toMatchObject({ state: 'standalone', why: null });
    expect(t.desk.services.central.outbox.waitingCount()).toBeGreaterThan(0);
    const r = await t.desk.services.central.syncNow();
    expect(r).toMatchObject({ pushed: 0, pull: null });
  });
});

describe('records up', () => {
  it('pushes calls, consent, associations, ESE intakes and audit entries; a repeated push inserts nothing twice; the chain verifies', async () => {
    const t = await desk();
    const d = t.desk;
    // Members first (the association looks the client up in the cache).
    expect((await d.services.central.syncNow()).status.state).toBe('synced');
    await doCall(d, 1);
    const person = memberPerson(30);
    await doAssociation(d, { ...person, agentId: 'NPN1000001' });
    await dispatch(d, 'app:ese.submit', { intake: validIntakeInput() });
    const waiting = d.services.central.outbox.waitingCount();
    expect(waiting).toBeGreaterThan(20);
    expect(d.services.central.status().state).toBe('waiting');

    const r = await d.services.central.syncNow();
    expect(r.status).toMatchObject({ state: 'synced', waiting: 0 });
    expect(r.pushed).toBe(waiting);
    const deskId = d.services.central.deskId();
    const counts = {
      calls: await centralCount('call_closed', deskId),
      consentRecords: await centralCount('consent_record', deskId),
      associations: await centralCount('agent_association', deskId),
      requests: await centralCount('consent_request', deskId),
      intakes: await centralCount('ese_intake', deskId),
      audit: await centralCount('audit_entry', deskId),
    };
    console.log('central after one desk’s push:', counts);
    expect(counts).toEqual({
      calls: localCount(d, "call WHERE state = 'closed'"),
      consentRecords: localCount(d, 'consent_record'),
      associations: localCount(d, 'agent_association'),
      requests: localCount(d, 'consent_request'),
      intakes: localCount(d, 'ese_intake'),
      audit: localCount(d, 'audit_log'),
    });
    expect(counts.calls).toBe(2);
    // The intake went up with the call it was taken in... or none, when no call was open.
    const intake = await store.query<{ closing_text: unknown }>('SELECT reference, dire_need, intake, closing_text FROM ese_intake WHERE desk_id = $1', [deskId]);
    expect(intake[0]).toMatchObject({ dire_need: false, intake: expect.objectContaining({ lastName: 'Whitfield' }) });
    // Which closing script was read (issue 13) is on the central record too, as the desk kept it.
    const kept = d.db.prepare('SELECT closing_text_json AS c FROM ese_intake').get() as { c: string };
    expect(intake[0]!.closing_text).toEqual(JSON.parse(kept.c));
    expect(intake[0]!.closing_text).toMatchObject({ id: 'ese.closing', locale: 'en', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const closed = await store.query<{ disposition: string; handle_seconds: string; timeline: unknown[]; events: unknown[]; notes: string }>(
      'SELECT disposition, handle_seconds, timeline, events, notes FROM call_closed WHERE desk_id = $1 ORDER BY started_at',
      [deskId],
    );
    expect(closed[0]).toMatchObject({ disposition: 'resolved', notes: 'Call 1: asked about renewal.' });
    expect(closed[0]!.timeline.length).toBeGreaterThanOrEqual(5);
    // The closing line, written just after the state changed, is in the record.
    expect(JSON.stringify(closed[0]!.timeline)).toMatch(/Resolved on the call/);
    expect(closed[0]!.events.length).toBe(5); // started, held, resumed, ended, closed
    // The live floor's fold: every call's latest state.
    const latest = await store.query<{ state: string }>('SELECT state FROM call_latest WHERE desk_id = $1', [deskId]);
    expect(latest.map((l) => l.state)).toEqual(['closed', 'closed']);

    // A crash after the central COMMIT and before the local mark: everything is sent again, nothing lands twice.
    d.db.exec('UPDATE sync_outbox SET pushed_at = NULL');
    const again = await d.services.central.syncNow();
    expect(again.inserted).toBe(0);
    expect(again.pushed).toBeGreaterThanOrEqual(waiting);
    expect(await centralCount('audit_entry', deskId)).toBe(counts.audit);
    const v = await d.services.central.verify();
    expect(v).toMatchObject({ ok: true, problems: [], local: { ok: true } });
    expect(v.compared).toBe(counts.audit);
  });

  it('a call closed with combinable dispositions keeps them centrally; one with a single code has none', async () => {
    const t = await desk();
    const d = t.desk;
    expect((await d.services.central.syncNow()).status.state).toBe('synced');
    // The built-in list marks the codes that may go together (a stored list without the flag does not).
    d.settings.set('calls.dispositions', DispositionList, defaultDispositions);
    const single = await doCall(d, 3);
    const s = await dispatch(d, 'app:call.start', { callerType: 'resident' });
    const id = (s as { call: { id: string } }).call.id;
    await dispatch(d, 'app:call.end', { callId: id });
    await dispatch(d, 'app:call.wrapUp', { callId: id, disposition: 'sep_information', additionalDispositions: ['ese_forwarded'] });
    expect((await d.services.central.syncNow()).status).toMatchObject({ state: 'synced', waiting: 0 });
    const rows = await store.query<{ id: string; disposition: string; additional_dispositions: unknown }>(
      'SELECT id, disposition, additional_dispositions FROM call_closed WHERE desk_id = $1 ORDER BY closed_at',
      [d.services.central.deskId()],
    );
    expect(rows).toEqual([
      { id: single, disposition: 'resolved', additional_dispositions: [] },
      { id, disposition: 'sep_information', additional_dispositions: ['ese_forwarded'] },
    ]);
  });

  it('detects a desk whose local chain was replaced (an old copy of the file restored, then new work)', async () => {
    const t = await desk();
    const d = t.desk;
    await doCall(d, 2);
    await d.services.central.syncNow();
    d.db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = path.join(t.dir, 'before.sqlite3');
    fs.copyFileSync(path.join(t.dir, 'desk.sqlite3'), copy);
    await doCall(d, 3);
    expect((await d.services.central.syncNow()).status.state).toBe('synced');
    const env = { KYNECT_DESK_KEY: Buffer.alloc(32, 0x5a).toString('base64'), KYNECT_CENTRAL_URL: d.env.KYNECT_CENTRAL_URL!, KYNECT_CENTRAL_KEY: CENTER_KEY };
    d.close();
    open.splice(open.indexOf(t), 1);
    fs.copyFileSync(copy, path.join(t.dir, 'desk.sqlite3'));
    fs.rmSync(path.join(t.dir, 'desk.sqlite3-wal'), { force: true });
    fs.rmSync(path.join(t.dir, 'desk.sqlite3-shm'), { force: true });
    const restored = openTestDesk({ env });
    open.push(restored);
    // Not the same temp folder: move the restored file in.
    restored.desk.close();
    fs.copyFileSync(copy, path.join(restored.dir, 'desk.sqlite3'));
    const again = openTestDesk({ env, dbPath: path.join(restored.dir, 'desk.sqlite3') });
    open.push(again);
    await doCall(again.desk, 4);
    // The head kept outside the database (issue 14 §9) already says the restored log fell behind it;
    // the central store's copy says so too, even to a desk that lost that head file.
    expect(again.desk.audit.verify()).toMatchObject({ ok: false, firstBroken: { reason: expect.stringContaining('recorded outside the database') } });
    const v = await again.desk.services.central.verify();
    expect(v.ok).toBe(false);
    expect(v.problems.join(' ')).toMatch(/rewritten|cut back/);
    // And the push of the diverging chain is refused, with why; the local records stay waiting.
    const r = await again.desk.services.central.syncNow();
    expect(r.status.state).toBe('refused');
    expect(r.status.why).toMatch(/does not continue the chain|duplicate key/);
    expect(r.status.waiting).toBeGreaterThan(0);
  });
});

describe('members and associations down', () => {
  it('a fresh desk pulls the extract (SSNs sealed under its own key), then only what a new load changed', async () => {
    const t = await desk();
    const d = t.desk;
    const first = await d.services.central.syncNow();
    expect(first.pull?.members).toMatchObject({ rows: 300, first: true, applied: 300 });
    expect(d.services.match.store.memberCount()).toBe(300);
    // Found by SSN: the SSN came through sealed and was sealed again under the desk key.
    const p = memberPerson(7);
    const ssn = (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM member WHERE ssn_block IS NOT NULL'))[0]!.n;
    expect(ssn).toBe(300);
    const found = d.services.match.lookup.lookup({ ...p, ssn: d.services.match.store.ssnOf('M-7') ?? undefined } as never);
    expect(found.level).toBe('full');
    // No SSN in clear in PostgreSQL: the member table holds none of the extract's SSNs as text.
    const dump =
      central.cluster.psql(`SELECT string_agg(m::text, '|') FROM member m`, store.database) +
      central.cluster.psql(`SELECT string_agg(b::text, '|') FROM member_ssn_block b`, store.database);
    expect(dump).not.toContain(d.services.match.store.ssnOf('M-7')!);
    expect(dump).not.toContain(d.services.match.store.ssnOf('M-8')!);

    const csv = path.join(t.dir, 'changed.csv');
    fs.writeFileSync(
      csv,
      membersCsv(0, 300, (n) => (n % 100 === 5 ? 'x' : '')),
    );
    const ssnBefore = d.services.match.store.ssnOf('M-105');
    const admin = await store.admin();
    const load = await loadMembers(admin, csv, new CenterKey(Buffer.from(CENTER_KEY, 'base64')));
    await admin.end();
    expect(load).toMatchObject({ committed: true, inserted: 0, updated: 3, unchanged: 297 });
    // The changed members' SSNs were sealed again in one block of their own: a desk pulling the change opens one, not three.
    const blocks = await store.query<{ n: number }>(`SELECT count(DISTINCT ssn_block)::int AS n FROM member WHERE member_id IN ('M-5', 'M-105', 'M-205')`);
    expect(blocks[0]!.n).toBe(1);
    const delta = await d.services.central.syncNow();
    expect(delta.pull?.members).toMatchObject({ rows: 3, first: false });
    expect(d.services.match.store.ssnOf('M-105')).toBe(ssnBefore);
    expect(d.services.match.lookup.lookup({ ...memberPerson(105), firstName: 'First105x', ssn: d.services.match.store.ssnOf('M-105') ?? undefined } as never).level).toBe('full');
    expect(d.services.match.store.membersOfCase(memberPerson(105).caseNumber).map((m) => m.firstName)).toContain('First105x');
  });

  it('refuses a bad extract whole, with line and column', async () => {
    const csv = path.join(central.cluster.dir, 'bad.csv');
    fs.writeFileSync(csv, membersCsv(1000, 1010).replace('M-1004,', 'M 1004,'));
    const admin = await store.admin();
    const before = (await admin.query('SELECT count(*)::int AS n FROM member')).rows[0].n;
    const r = await loadMembers(admin, csv, new CenterKey(Buffer.from(CENTER_KEY, 'base64')));
    expect(r).toMatchObject({ committed: false, invalid: 1, rows: 10 });
    expect(r.issues[0]).toMatchObject({ line: 6, column: 'member_id' });
    expect((await admin.query('SELECT count(*)::int AS n FROM member')).rows[0].n).toBe(before);
    await admin.end();
  });

  it('an association recorded at one desk reaches the other desk’s lookups', async () => {
    const a = await desk();
    const b = await desk();
    await a.desk.services.central.syncNow();
    await b.desk.services.central.syncNow();
    const person = memberPerson(60);
    await doAssociation(a.desk, { ...person, agentId: 'NPN2000002' });
    await a.desk.services.central.syncNow();
    const pulled = await b.desk.services.central.syncNow();
    expect(pulled.pull?.associations.rows).toBeGreaterThanOrEqual(1);
    const lookup = b.desk.services.match.lookup.lookup({ firstName: '', lastName: '', dateOfBirth: '', sex: '', caseNumber: person.caseNumber } as never);
    expect(lookup.cases[0]!.agents.map((x) => x.agentId)).toContain('NPN2000002');
  });
});

describe('the 3-request limit across desks', () => {
  it('counts other desks’ requests when the central store answers, and says it counted this desk only when it does not', async () => {
    const a = await desk();
    const b = await desk();
    await a.desk.services.central.syncNow();
    await b.desk.services.central.syncNow();
    const pair = { ...memberPerson(90), agentId: 'NPN3000003' };
    await requestConsent(a.desk, pair);
    await requestConsent(a.desk, pair);
    await a.desk.services.central.syncNow();
    // Desk B starts consent for the same client and Agent: 2 already sent elsewhere.
    const view = await requestConsent(b.desk, pair, true);
    expect(view.consent).toMatchObject({ requestsUsed: 3, requestsCounted: 'all-desks' });
    await b.desk.services.central.syncNow();
    const fourth = await requestConsent(a.desk, pair, true);
    expect(fourth.consent.electronic).toMatchObject({ allowed: false });
    expect(fourth.consent.electronic.reason).toMatch(/3 electronic consent requests/);

    // Offline: the local count, and the view says so.
    const c = await desk({ KYNECT_CENTRAL_URL: configFromUrl(store.adminUrl).connectionString!.replace(/:\d+\//, ':1/') });
    importChunks(c.desk.services.match.store, 'members', [membersCsv(90, 91)]);
    expect((await c.desk.services.central.syncNow()).status.state).toBe('offline');
    const local = await requestConsent(c.desk, pair);
    expect(local.consent).toMatchObject({ requestsUsed: 1, requestsCounted: 'this-desk' });
  });
});

describe('bad server answers', () => {
  it('a refused login is a clear status and loses nothing', async () => {
    const login = await store.deskLogin();
    const t = openTestDesk({ env: { KYNECT_CENTRAL_URL: login.url.replace(`:${login.password}@`, ':wrong-password@') } });
    open.push(t);
    await doCall(t.desk, 5);
    const waiting = t.desk.services.central.outbox.waitingCount();
    const r = await t.desk.services.central.syncNow();
    expect(r.status).toMatchObject({ state: 'refused', waiting });
    expect(r.status.why).toMatch(/refused this desk's login/);
    const client = await openClient(configFromUrl(store.adminUrl));
    await client.end();
  });
});
