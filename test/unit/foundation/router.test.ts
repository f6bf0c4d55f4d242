import { afterEach, describe, expect, it } from 'vitest';
import { channels } from '../../../shared/common/ipc/contract';
import { openTestDesk } from '../../helpers/temp';

let t: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => t?.close());

describe('the IPC router', () => {
  it('answers an unknown channel with a typed error', async () => {
    t = openTestDesk();
    const r = await t.desk.router.dispatch('app:nope', {}, { via: 'test' });
    expect(r).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'There is no channel named "app:nope".' } });
    expect((await t.desk.router.dispatch(42, {}, { via: 'test' })).ok).toBe(false);
  });

  it('refuses an invalid request with a message at each field, and writes nothing', async () => {
    t = openTestDesk();
    const r = await t.desk.router.dispatch('app:operator.save', { name: '   ', role: 'boss' }, { via: 'test' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_request');
    expect(r.error.fieldErrors).toEqual({ name: 'Your name is required.', role: 'Choose a role.' });
    expect(t.desk.operators.current()).toBeNull();
    expect(t.desk.audit.verify()).toMatchObject({ entries: 0 });
  });

  it('refuses keys the contract does not know (strict requests)', async () => {
    t = openTestDesk();
    const r = await t.desk.router.dispatch('app:operator.save', { name: 'Dana', role: 'rep', isAdmin: true }, { via: 'test' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_request');
  });

  it('refuses payloads that are not objects at all', async () => {
    t = openTestDesk();
    for (const payload of [null, undefined, 'x', 7, [], true]) {
      const r = await t.desk.router.dispatch('app:status.get', payload, { via: 'test' });
      expect(r.ok).toBe(false);
    }
  });

  it('saves the operator, audits it and pushes the new status', async () => {
    t = openTestDesk();
    const seen: string[] = [];
    t.desk.events.subscribe((name) => seen.push(name));
    const r = await t.desk.router.dispatch('app:operator.save', { name: '  Dana Rep ', role: 'psl', pin: '2468' }, { via: 'test' });
    expect(r).toMatchObject({ ok: true, value: { name: 'Dana Rep', role: 'psl' } });
    expect(seen).toEqual(['app:status.changed']);
    expect(t.desk.audit.recent(1)[0]).toMatchObject({ action: 'operator.created' });
    const status = await t.desk.router.dispatch('app:status.get', {}, { via: 'test' });
    expect(status).toMatchObject({ ok: true, value: { database: { state: 'ready' }, operator: { name: 'Dana Rep' } } });
  });

  it('every response it gives parses against the contract', async () => {
    t = openTestDesk();
    const info = await t.desk.router.dispatch('app:db.info', {}, { via: 'test' });
    expect(info.ok).toBe(true);
    if (info.ok) expect(channels['app:db.info'].response.safeParse(info.value).success).toBe(true);
  });

  it('turns a response outside its schema into an internal error instead of passing it on', async () => {
    t = openTestDesk();
    // A row that no longer fits the Operator schema (a bug, or a hand-edited file).
    t.desk.db.prepare("INSERT INTO operator (name, role, created_at, updated_at) VALUES ('x', 'rep', 'now', 'now')").run();
    t.desk.db.exec('PRAGMA ignore_check_constraints = ON');
    t.desk.db.prepare("UPDATE operator SET role = 'wizard'").run();
    const r = await t.desk.router.dispatch('app:operator.get', {}, { via: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('the operator PIN', () => {
  it('is required when the profile is created, explained at the field', async () => {
    t = openTestDesk();
    const r = await t.desk.router.dispatch('app:operator.save', { name: 'Dana', role: 'rep' }, { via: 'test' });
    expect(r).toMatchObject({ ok: false, error: { fieldErrors: { pin: expect.stringContaining('Choose a PIN') } } });
    const bad = await t.desk.router.dispatch('app:operator.save', { name: 'Dana', role: 'rep', pin: '12a' }, { via: 'test' });
    expect(bad).toMatchObject({ ok: false, error: { fieldErrors: { pin: 'A PIN is 4 to 8 digits.' } } });
  });

  it('is stored only as a salted scrypt hash and can be kept when the profile changes', async () => {
    t = openTestDesk();
    await t.desk.router.dispatch('app:operator.save', { name: 'Dana', role: 'rep', pin: '2468' }, { via: 'test' });
    const stored = t.desk.db.prepare('SELECT pin_hash FROM operator').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('2468');
    const r = await t.desk.router.dispatch('app:operator.save', { name: 'Dana R', role: 'psl' }, { via: 'test' });
    expect(r).toMatchObject({ ok: true, value: { name: 'Dana R', hasPin: true } });
    expect(t.desk.operators.checkPin('2468')).toBe(true);
    expect(t.desk.operators.checkPin('1357')).toBe(false);
    expect(JSON.stringify(r)).not.toContain('scrypt');
  });
});
