import { afterEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../../shared/common/ipc/contract';
import { openTestDesk } from '../../helpers/temp';
import { validIntakeInput } from './support/intakes';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function desk() {
  const t = openTestDesk();
  cleanups.push(() => t.close());
  return t.desk;
}

const via = { via: 'test' as const };

describe('ESE over the IPC contract', () => {
  it('declares its channels with the app:ese. prefix', () => {
    expect(channelNames.filter((c) => c.startsWith('app:ese.')).sort()).toEqual([
      'app:ese.draft.discard',
      'app:ese.draft.get',
      'app:ese.draft.save',
      'app:ese.intake.get',
      'app:ese.intake.list',
      'app:ese.outbox.counts',
      'app:ese.outbox.export',
      'app:ese.outbox.flush',
      'app:ese.outbox.resend',
      'app:ese.settings.get',
      'app:ese.settings.save',
      'app:ese.settings.test',
      'app:ese.submit',
    ]);
  });

  it('returns every intake error at the form’s own field path', async () => {
    const d = desk();
    const r = await d.router.dispatch('app:ese.submit', { intake: validIntakeInput({ lastName: '', phone: '5', circumstance: 'eligible' }) }, via);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_request');
    expect(r.error.fieldErrors).toEqual({
      lastName: 'Last name is required.',
      phone: 'A phone number has 10 digits, for example 502-555-0123.',
      circumstance: 'Choose the circumstance the resident describes.',
    });
  });

  it('refuses unknown request keys, a bad intake id and a draft with an eligibility answer', async () => {
    const d = desk();
    const extra = await d.router.dispatch('app:ese.submit', { intake: validIntakeInput(), eligible: true }, via);
    expect(extra.ok).toBe(false);
    const badId = await d.router.dispatch('app:ese.submit', { intakeId: '42', intake: validIntakeInput() }, via);
    expect(badId.ok ? null : badId.error.fieldErrors).toEqual({ intakeId: 'The intake id is not a UUID.' });
    const draft = await d.router.dispatch('app:ese.draft.save', { key: 'desk', draft: { eligible: 'yes' } }, via);
    expect(draft.ok).toBe(false);
  });

  it('submits, lists, views and exports through the router, auditing each view', async () => {
    const d = desk();
    const submit = await d.router.dispatch('app:ese.submit', { intake: validIntakeInput(), draftKey: 'desk' }, via);
    expect(submit.ok).toBe(true);
    const id = (submit as { value: { id: string } }).value.id;
    await d.services.ese.delivery.tick();
    const list = await d.router.dispatch('app:ese.intake.list', { search: 'whit' }, via);
    expect(list.ok && (list.value as { id: string }[]).map((r) => r.id)).toEqual([id]);
    const none = await d.router.dispatch('app:ese.intake.list', { search: '100%_' }, via);
    expect(none.ok && none.value).toEqual([]);
    const view = await d.router.dispatch('app:ese.intake.get', { id }, via);
    expect(view.ok).toBe(true);
    const eml = await d.router.dispatch('app:ese.outbox.export', { id }, via);
    expect(eml.ok && (eml.value as { eml: string }).eml).toContain('Content-Type: application/pdf');
    const missing = await d.router.dispatch('app:ese.intake.get', { id: '0b7e6a52-1f0c-4a8e-9d3b-2c4f5e6a7b8c' }, via);
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
    const actions = d.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'ese.%' ORDER BY seq").pluck().all();
    expect(actions).toEqual(['ese.intake.submitted', 'ese.outbox.queued', 'ese.intake.listed', 'ese.intake.listed', 'ese.intake.viewed', 'ese.outbox.exported']);
  });

  it('saves mail settings with errors at the field and never stores a password', async () => {
    const d = desk();
    const bad = await d.router.dispatch('app:ese.settings.save', { settings: { port: 'abc', sender: 'nobody' } }, via);
    expect(bad.ok ? null : bad.error.fieldErrors).toEqual({
      port: 'Port is a number from 1 to 65535.',
      sender: 'Sender address: write an address like name@example.com.',
    });
    const pw = await d.router.dispatch('app:ese.settings.save', { settings: {}, password: 'hunter2' }, via);
    expect(pw.ok ? null : pw.error.fieldErrors?.password).toMatch(/KYNECT_DESK_SMTP_PASSWORD/);
    const ok = await d.router.dispatch('app:ese.settings.save', { settings: { host: 'smtp.example.org', port: '465', security: 'tls', eseMailbox: 'ese@test.example' } }, via);
    expect(ok.ok && ok.value).toMatchObject({ host: 'smtp.example.org', port: 465, security: 'tls', eseMailbox: 'ese@test.example' });
    expect(ok.ok && ok.value).not.toHaveProperty('direNeedMailbox');
    expect(JSON.stringify(d.db.prepare('SELECT * FROM setting').all())).not.toContain('hunter2');
    expect(d.audit.recent(1)[0]).toMatchObject({ action: 'ese.settings.changed' });
  });

  it('audits opening a saved draft', async () => {
    const d = desk();
    await d.router.dispatch('app:ese.draft.save', { key: 'desk', draft: { firstName: 'Dana' } }, via);
    const got = await d.router.dispatch('app:ese.draft.get', { key: 'desk' }, via);
    expect(got.ok && got.value).toMatchObject({ draft: { firstName: 'Dana' }, today: '2026-11-22' });
    expect(d.audit.recent(1)[0]).toMatchObject({ action: 'ese.draft.opened', subject: 'ese-draft:desk' });
  });
});
