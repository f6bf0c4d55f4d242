import { afterEach, describe, expect, it } from 'vitest';
import { openTestDesk } from '../../helpers/temp';
import type { Desk } from '../../../shared/node/host/desk';
import { otherLanguage } from '../../../shared/common/calls/language';

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function deskWithOperator() {
  const t = openTestDesk();
  open.push(t);
  t.desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
  return t;
}

async function call(desk: Desk, channel: Parameters<Desk['router']['dispatch']>[0], request: unknown) {
  return desk.router.dispatch(channel, request, { via: 'test' });
}

async function startCall(desk: Desk): Promise<string> {
  const started = await call(desk, 'app:call.start', { callerType: 'resident', callerName: 'María López' });
  expect(started.ok).toBe(true);
  return (started as { value: { call: { id: string } } }).value.call.id;
}

describe('call language', () => {
  it('starts in English, is set to Spanish on the call, stored in SQLite, audited and on the timeline', async () => {
    const { desk } = deskWithOperator();
    const callId = await startCall(desk);
    expect((await call(desk, 'app:call.current', {})) as unknown).toMatchObject({ ok: true, value: { call: { language: 'en' } } });

    const set = await call(desk, 'app:call.language.set', { callId, language: 'es' });
    expect(set).toMatchObject({ ok: true, value: { call: { id: callId, language: 'es' } } });
    expect(desk.db.prepare('SELECT language FROM call WHERE id = ?').pluck().get(callId)).toBe('es');

    const audit = desk.db.prepare("SELECT details FROM audit_log WHERE action = 'call.language_changed'").pluck().all() as string[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!)).toEqual({ from: 'en', to: 'es' });
    const timeline = desk.db.prepare("SELECT summary FROM call_timeline WHERE call_id = ? AND kind = 'call.language'").pluck().all(callId);
    expect(timeline).toEqual(['Call language: Spanish (Español)']);

    // Setting the same language again changes nothing and is not audited twice.
    expect(await call(desk, 'app:call.language.set', { callId, language: 'es' })).toMatchObject({ ok: true });
    expect(desk.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'call.language_changed'").pluck().get()).toBe(1);
  });

  it('rejects a language other than en/es at the field', async () => {
    const { desk } = deskWithOperator();
    const callId = await startCall(desk);
    const bad = await call(desk, 'app:call.language.set', { callId, language: 'fr' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request', fieldErrors: { language: 'Choose English or Spanish.' } } });
    expect(desk.db.prepare('SELECT language FROM call WHERE id = ?').pluck().get(callId)).toBe('en');
  });

  it('is remembered through wrap-up and in history, and refused once the call is closed', async () => {
    const { desk } = deskWithOperator();
    const callId = await startCall(desk);
    await call(desk, 'app:call.language.set', { callId, language: 'es' });
    expect(await call(desk, 'app:call.end', { callId })).toMatchObject({ ok: true, value: { call: { state: 'wrap_up', language: 'es' } } });
    expect(await call(desk, 'app:call.wrapUp', { callId, disposition: 'association_completed' })).toMatchObject({ ok: true });
    expect(await call(desk, 'app:call.history.get', { callId })).toMatchObject({ ok: true, value: { call: { language: 'es' } } });
    const exported = await call(desk, 'app:call.history.export', { callId });
    expect((exported as { value: { text: string } }).value.text).toContain('Language: Spanish (Español)');
    expect(await call(desk, 'app:call.language.set', { callId, language: 'en' })).toMatchObject({ ok: false });
  });

  it('the database refuses a language outside en/es even without the service', () => {
    const { desk } = deskWithOperator();
    expect(() => desk.db.prepare("UPDATE call SET language = 'fr'").run()).not.toThrow(); // no rows yet
    const db = desk.db;
    db.prepare(
      "INSERT INTO call (id, operator_id, state, caller_type, started_at) VALUES ('x', (SELECT id FROM operator LIMIT 1), 'active', 'resident', '2026-12-03T00:00:00Z')",
    ).run();
    expect(() => db.prepare("UPDATE call SET language = 'fr' WHERE id = 'x'").run()).toThrow(/CHECK/);
    expect(otherLanguage('en')).toBe('es');
    expect(otherLanguage('es')).toBe('en');
  });
});
