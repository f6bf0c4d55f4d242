import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/common/errors';
import { openTestDesk } from '../../helpers/temp';
import type { Desk } from '../../../shared/node/host/desk';
import { ManualClock } from '../../../shared/common/clock';

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function deskWithOperator(role: 'rep' | 'psl' | 'supervisor' = 'rep') {
  const t = openTestDesk();
  open.push(t);
  t.desk.operators.save({ name: 'Rita Rep', role, pin: '2468' });
  return t;
}

async function call<K extends Parameters<Desk['router']['dispatch']>[0]>(desk: Desk, channel: K & string, request: unknown) {
  return desk.router.dispatch(channel, request, { via: 'test' });
}

function auditActions(desk: Desk): string[] {
  return desk.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];
}

describe('call service', () => {
  it('runs a whole call through the router, persisting and pushing each change', async () => {
    const { desk, clock } = deskWithOperator();
    const pushed: unknown[] = [];
    desk.events.subscribe((name, payload) => name === 'app:call.changed' && pushed.push(payload));

    const started = await call(desk, 'app:call.start', { callerType: 'agent_three_way', callerName: 'Pat Agent', callbackNumber: '502-555-0134', caseNumber: '13002543' });
    expect(started.ok).toBe(true);
    const callId = (started as { value: { call: { id: string } } }).value.call.id;
    clock.advance(60_000);
    expect((await call(desk, 'app:call.hold', { callId })).ok).toBe(true);
    clock.advance(20_000);
    expect((await call(desk, 'app:call.resume', { callId })).ok).toBe(true);
    desk.callActivity.record({ kind: 'association', summary: 'Agent associated with case 13002543' });
    expect((await call(desk, 'app:call.notes.save', { callId, notes: 'Confirmed with the client.', baseRevision: 0 })).ok).toBe(true);
    clock.advance(30_000);
    expect((await call(desk, 'app:call.end', { callId })).ok).toBe(true);

    const noDisposition = await call(desk, 'app:call.wrapUp', { callId, disposition: '' });
    expect(noDisposition).toMatchObject({ ok: false, error: { code: 'invalid_request', fieldErrors: { disposition: 'Choose a disposition.' } } });
    clock.advance(15_000);
    const closed = await call(desk, 'app:call.wrapUp', { callId, disposition: 'association_completed', followUpDate: '2026-11-30' });
    expect(closed).toMatchObject({ ok: true, value: { call: null } });

    const row = desk.db.prepare('SELECT * FROM call WHERE id = ?').get(callId) as Record<string, unknown>;
    expect(row).toMatchObject({
      state: 'closed',
      disposition: 'association_completed',
      follow_up_date: '2026-11-30',
      notes: 'Confirmed with the client.',
      callback_number: '5025550134',
    });
    const kinds = desk.db.prepare('SELECT kind FROM call_timeline WHERE call_id = ? ORDER BY id').pluck().all(callId);
    expect(kinds).toEqual(['call.started', 'call.held', 'call.resumed', 'association', 'call.ended', 'call.closed']);
    expect(auditActions(desk)).toEqual(expect.arrayContaining(['call.started', 'call.held', 'call.resumed', 'call.ended', 'call.closed']));
    // Every state change was pushed; the last push says no call is open.
    expect(pushed.length).toBeGreaterThanOrEqual(6);
    expect(pushed.at(-1)).toMatchObject({ call: null });

    const view = await call(desk, 'app:call.history.get', { callId });
    expect(view).toMatchObject({ ok: true, value: { call: { id: callId, state: 'closed', disposition: 'association_completed' } } });
    expect(desk.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses illegal transitions with a clear message and keeps the call as it was', async () => {
    const { desk } = deskWithOperator();
    const s = await call(desk, 'app:call.start', { callerType: 'resident' });
    const callId = (s as { value: { call: { id: string } } }).value.call.id;
    expect(await call(desk, 'app:call.resume', { callId })).toMatchObject({ ok: false, error: { code: 'refused', message: 'The call is not on hold.' } });
    expect(await call(desk, 'app:call.clientJoined', { callId })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await call(desk, 'app:call.wrapUp', { callId, disposition: 'resolved' })).toMatchObject({ ok: false, error: { message: 'End the call before completing wrap-up.' } });
    expect(await call(desk, 'app:call.start', { callerType: 'resident' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: 'A call is already in progress. End it and finish wrap-up before starting another.' },
    });
    expect(desk.db.prepare('SELECT COUNT(*) FROM call').pluck().get()).toBe(1);
    expect(desk.db.prepare('SELECT COUNT(*) FROM call_event').pluck().get()).toBe(1);
  });

  it('refuses a disposition not in the list, at the field, and takes a supervisor-changed list', async () => {
    const { desk } = deskWithOperator();
    const s = await call(desk, 'app:call.start', { callerType: 'psl' });
    const callId = (s as { value: { call: { id: string } } }).value.call.id;
    await call(desk, 'app:call.end', { callId });
    expect(await call(desk, 'app:call.wrapUp', { callId, disposition: 'escalated' })).toMatchObject({
      ok: false,
      error: { code: 'refused', fieldErrors: { disposition: '"escalated" is not in the disposition list.' } },
    });
    expect(await call(desk, 'app:call.dispositions.save', { dispositions: [{ code: 'escalated', label: 'Escalated' }] })).toMatchObject({
      ok: false,
      error: { message: 'Only a supervisor can change the disposition list.' },
    });
    desk.operators.save({ name: 'Sam Supervisor', role: 'supervisor' });
    expect(await call(desk, 'app:call.dispositions.save', { dispositions: [{ code: 'escalated', label: 'Escalated' }] })).toMatchObject({ ok: true });
    expect(await call(desk, 'app:call.wrapUp', { callId, disposition: 'escalated' })).toMatchObject({ ok: true });
  });

  it('refuses calls before there is an operator profile', async () => {
    const t = openTestDesk();
    open.push(t);
    expect(await call(t.desk, 'app:call.start', { callerType: 'resident' })).toMatchObject({ ok: false, error: { message: 'Create your operator profile before taking calls.' } });
    expect(t.desk.callActivity.record({ kind: 'note', summary: 'x' })).toBeNull();
  });

  it('drops activity when no call is open and puts it on the open call otherwise', () => {
    const { desk } = deskWithOperator();
    expect(desk.callActivity.record({ kind: 'sep.summary', summary: 'Marriage: 60 days' })).toBeNull();
    const id = desk.services.calls.start({ callerType: 'resident' }).call!.id;
    expect(desk.callActivity.record({ kind: 'sep.summary', summary: 'Marriage: 60 days', refId: 'sep-marriage', details: { days: 60 } })).toBe(id);
    const entry = desk.services.calls.current().call!.timeline.at(-1);
    expect(entry).toMatchObject({ kind: 'sep.summary', summary: 'Marriage: 60 days', refId: 'sep-marriage', details: { days: 60 } });
    expect(() => desk.callActivity.record({ kind: 'bogus' as 'note', summary: 'x' })).toThrow(DeskError);
  });

  it('appends snippets from other areas to the notes and the timeline', async () => {
    const { desk } = deskWithOperator();
    expect(await call(desk, 'app:call.notes.append', { text: 'x' })).toMatchObject({ ok: false, error: { message: 'Start a call first: notes belong to a call.' } });
    const id = desk.services.calls.start({ callerType: 'resident' }).call!.id;
    desk.services.calls.saveNotes(id, 'Typed first.', 0);
    const r = await call(desk, 'app:call.notes.append', { text: 'SEP: Marriage, window 60 days' });
    expect(r).toMatchObject({ ok: true, value: { call: { notes: 'Typed first.\n\nSEP: Marriage, window 60 days\n' } } });
  });

  it('searches history by date, caller, case number and disposition, and exports a masked summary', async () => {
    const { desk, clock } = deskWithOperator();
    const calls = desk.services.calls;
    const make = (input: Record<string, string>, disposition: string, notes = '') => {
      const id = calls.start(input).call!.id;
      if (notes) calls.saveNotes(id, notes, 0);
      clock.advance(60_000);
      calls.command(id, { type: 'end' });
      calls.command(id, { type: 'close', disposition });
      clock.advance(24 * 3600_000);
      return id;
    };
    const a = make({ callerType: 'resident', callerName: 'Ann Lee', caseNumber: '13002543' }, 'resolved', 'SSN 123-45-6789 given');
    const b = make({ callerType: 'agent', callerName: 'Pat Agent', callbackNumber: '5025550134' }, 'ese_forwarded');
    const c = make({ callerType: 'kynector', callerName: 'Kim %Ky' }, 'resolved');

    const ids = async (q: Record<string, unknown>) => {
      const r = await call(desk, 'app:call.history.search', q);
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { id: string }[]).map((x) => x.id);
    };
    expect(await ids({})).toEqual([c, b, a]);
    expect(await ids({ caller: 'lee' })).toEqual([a]);
    expect(await ids({ caller: '555-0134' })).toEqual([b]);
    expect(await ids({ caller: '%' })).toEqual([c]);
    expect(await ids({ caseNumber: '13002543' })).toEqual([a]);
    expect(await ids({ disposition: 'resolved' })).toEqual([c, a]);
    expect(await ids({ from: '2026-11-23', to: '2026-11-23' })).toEqual([b]);
    expect(await call(desk, 'app:call.history.search', { from: '2026-11-24', to: '2026-11-20' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { to: 'The end date is before the start date.' } },
    });

    const exported = await call(desk, 'app:call.history.export', { callId: a });
    expect(exported.ok).toBe(true);
    const text = (exported as { value: { text: string; fileName: string } }).value.text;
    expect(text).toContain('Caller: Resident / client: Ann Lee');
    expect(text).toContain('SSN ***-**-6789 given');
    expect(text).not.toContain('123-45-6789');
    expect(auditActions(desk)).toEqual(expect.arrayContaining(['call.history_searched', 'call.exported']));
    // The audit log never holds the caller's name or numbers.
    const details = desk.db.prepare('SELECT details FROM audit_log').pluck().all().join('\n');
    expect(details).not.toMatch(/Ann Lee|Pat Agent|5025550134|13002543/);
  });

  it('recovers an open call at start: banner flag, timeline line, audit entry; timers from stored times', () => {
    const clock = new ManualClock('2026-11-22T15:00:00.000Z');
    const first = openTestDesk({ clock });
    first.desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
    const id = first.desk.services.calls.start({ callerType: 'resident' }).call!.id;
    clock.advance(30_000);
    first.desk.services.calls.command(id, { type: 'hold' });
    const file = first.desk.dbPath;
    first.desk.close();
    clock.advance(45_000);
    // Reopen the same file: the same code path the app takes after a crash.
    const second = openTestDesk({ clock, dbPath: file });
    open.push({ close: () => second.desk.close() });
    second.desk.start();
    const snap = second.desk.services.calls.current();
    expect(snap.call).toMatchObject({ id, state: 'on_hold', recoveredAt: '2026-11-22T15:01:15.000Z' });
    expect(snap.call!.timeline.at(-1)!.kind).toBe('call.recovered');
    second.desk.services.calls.dismissRecovery(id);
    expect(second.desk.services.calls.current().call!.recoveredAt).toBeNull();
    first.close = () => {};
  });
});

describe('audit of calls', () => {
  it('chains every call change; editing one call entry is caught by `audit verify` naming it', () => {
    const { desk } = deskWithOperator();
    const calls = desk.services.calls;
    const id = calls.start({ callerType: 'resident' }).call!.id;
    calls.command(id, { type: 'hold' });
    calls.command(id, { type: 'end' });
    calls.command(id, { type: 'close', disposition: 'resolved' });
    expect(desk.audit.verify()).toMatchObject({ ok: true });
    const held = desk.db.prepare("SELECT seq FROM audit_log WHERE action = 'call.held'").pluck().get() as number;
    // The triggers refuse the edit; someone with the file can drop them, the chain still catches it.
    expect(() => desk.db.prepare("UPDATE audit_log SET action = 'call.resumed' WHERE seq = ?").run(held)).toThrow(/append-only/);
    desk.db.exec('DROP TRIGGER audit_log_no_update');
    desk.db.prepare('UPDATE audit_log SET details = \'{"state":"active"}\' WHERE seq = ?').run(held);
    expect(desk.audit.verify()).toMatchObject({ ok: false, firstBroken: { seq: held } });
  });
});

describe('notes autosave with snippets from other areas (issue 15.2)', () => {
  it('keeps a snippet appended in main since the window last synced, after the window text, once', () => {
    const { desk } = deskWithOperator();
    const calls = desk.services.calls;
    const id = calls.start({ callerType: 'resident' }).call!.id;
    const first = calls.saveNotes(id, 'First line.', 0);
    expect(first).toMatchObject({ notes: 'First line.', revision: 1 });
    calls.appendNote('SEP: Marriage, 60 days');
    // The window had "First line." (revision 1) and typed more without seeing the snippet.
    const r = calls.saveNotes(id, 'First line. And more.', 1);
    expect(r).toMatchObject({ notes: 'First line. And more.\n\nSEP: Marriage, 60 days\n', revision: 3 });
    expect(calls.current().call).toMatchObject({ notes: r.notes, notesRevision: 3 });
    // The same save again (a retry, or a second flush with the same base) changes nothing.
    expect(calls.saveNotes(id, 'First line. And more.', 1)).toMatchObject({ notes: r.notes, revision: 3 });
    // A window that rewrote the text on the latest revision wins.
    expect(calls.saveNotes(id, 'Rewritten.', 3)).toMatchObject({ notes: 'Rewritten.', revision: 4 });
  });

  it('never stores the text twice when two saves share a base ("ABB")', () => {
    const { desk } = deskWithOperator();
    const calls = desk.services.calls;
    const id = calls.start({ callerType: 'resident' }).call!.id;
    calls.saveNotes(id, 'A', 0);
    expect(calls.saveNotes(id, 'AB', 1).notes).toBe('AB');
    expect(calls.saveNotes(id, 'AB', 1).notes).toBe('AB');
    expect(calls.current().call!.notes).toBe('AB');
  });

  it('refuses a save based on a revision the notes never had, at the field', async () => {
    const { desk } = deskWithOperator();
    const id = desk.services.calls.start({ callerType: 'resident' }).call!.id;
    expect(await call(desk, 'app:call.notes.save', { callId: id, notes: 'x', baseRevision: 5 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', fieldErrors: { baseRevision: expect.stringContaining('revision 0') } },
    });
    expect(await call(desk, 'app:call.notes.save', { callId: id, notes: 'x', base: 'old' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(desk.services.calls.current().call!.notes).toBe('');
  });
});

describe('records made inside another feature transaction', () => {
  it('land with the transaction and are pushed only after it ends; a rollback takes the line away', async () => {
    const { desk } = deskWithOperator();
    const id = desk.services.calls.start({ callerType: 'resident' }).call!.id;
    const pushed: { call: { timeline: { summary: string }[] } | null }[] = [];
    desk.events.subscribe((name, payload) => name === 'app:call.changed' && pushed.push(payload as (typeof pushed)[number]));
    expect(() =>
      desk.db.transaction(() => {
        expect(desk.callActivity.record({ kind: 'ese.intake', summary: 'ESE intake saved' })).toBe(id);
        throw new Error('the feature failed after recording');
      })(),
    ).toThrow('the feature failed');
    desk.db.transaction(() => desk.callActivity.record({ kind: 'consent.record', summary: 'Consent recorded' }))();
    expect(pushed).toEqual([]);
    await new Promise((r) => setImmediate(r));
    const summaries = desk.services.calls.current().call!.timeline.map((e) => e.summary);
    expect(summaries).not.toContain('ESE intake saved');
    expect(summaries).toContain('Consent recorded');
    expect(pushed.length).toBe(2);
    expect(pushed.at(-1)!.call!.timeline.map((e) => e.summary)).toContain('Consent recorded');
  });
});
