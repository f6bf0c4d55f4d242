import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/common/errors';
import { openDesk, type Desk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { ManualClock } from '../../../shared/common/clock';
import { openTestDesk } from '../../helpers/temp';
import { testKeyEnv } from '../../helpers/deskKey';
import { validIntakeInput } from './support/intakes';
import { leaves, parseMime, pdfText } from './support/mime';
import { freePort, startSmtp, type Received } from './support/smtp';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function testDesk() {
  // A desk in Central time (western Kentucky): the email says so.
  const t = openTestDesk({ env: { ...testKeyEnv, KYNECT_TIME_ZONE: 'America/Chicago' } });
  cleanups.push(() => t.close());
  t.desk.operators.save({ name: 'Pat Rivera', role: 'rep', pin: '2468' });
  return t;
}

function configure(desk: Desk, port: number, extra: Record<string, unknown> = {}) {
  desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port, security: 'none', sender: 'desk@contact.kynect.example', ...extra } });
}

async function smtp(options: Parameters<typeof startSmtp>[0] = {}) {
  const s = await startSmtp(options);
  cleanups.push(() => s.close());
  return s;
}

function auditActions(desk: Desk, subject: string): string[] {
  return desk.db.prepare('SELECT action FROM audit_log WHERE subject = ? ORDER BY seq').pluck().all(subject) as string[];
}

function read(m: Received) {
  const mime = parseMime(m.raw);
  const parts = leaves(mime);
  const body = parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'))!.body.toString('utf8');
  const pdf = parts.find((p) => p.headers.get('content-type')?.startsWith('application/pdf'))!;
  return { headers: mime.headers, body, pdf: pdfText(pdf.body).replace(/\s+/g, ' '), pdfName: pdf.headers.get('content-disposition') };
}

describe('ESE submit', () => {
  it('stores the intake and its queued message in one go, audited and put on the call', async () => {
    const { desk } = testDesk();
    const recorded: unknown[] = [];
    desk.useCallActivity({ record: (e) => (recorded.push(e), 'call-7'), language: () => 'en' });
    const r = desk.services.ese.submit({ intake: validIntakeInput(), draftKey: 'call:7' });
    await desk.services.ese.delivery.tick();
    expect(r.created).toBe(true);
    expect(r.reference).toMatch(/^ESE-[0-9A-F]{8}$/);
    expect(r.outbox.state).toBe('queued');
    expect(r.outbox.messageId).toBe(`<ese-intake.${r.id}@localhost.localdomain>`);
    expect(r.callId).toBe('call-7');
    expect(r.window?.lastDay).toBe('2026-12-19');
    expect(r.closingScript).toContain('You will be notified of the decision in writing.');
    expect(recorded).toEqual([
      expect.objectContaining({ kind: 'ese.intake', refId: r.id, summary: expect.stringContaining(`ESE request ${r.reference} forwarded for committee review`) }),
    ]);
    expect(JSON.stringify(recorded)).not.toContain('Whitfield');
    expect(auditActions(desk, `ese:${r.id}`)).toEqual(['ese.intake.submitted', 'ese.outbox.queued']);
    // With no SMTP server configured it waits, untouched, and can be exported.
    expect(desk.services.ese.get(r.id).outbox).toMatchObject({ state: 'queued', attempts: 0 });
    const flushed = await desk.services.ese.flush();
    expect(flushed.skipped).toBe('No SMTP server is configured, so nothing was sent: 1 message waits in the outbox. Set the server in Mail settings, or export a message as .eml.');
    const eml = await desk.services.ese.exportEml(r.id);
    expect(eml.filename).toBe(`${r.reference}.eml`);
    expect(parseMime(eml.eml).headers.get('message-id')).toBe(r.outbox.messageId);
  });

  it('refuses an invalid intake with field errors and writes nothing', () => {
    const { desk } = testDesk();
    let error: unknown;
    try {
      desk.services.ese.submit({ intake: validIntakeInput({ firstName: '', knownDate: '2027-01-01' }) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).fieldErrors).toMatchObject({ firstName: 'First name is required.', knownDate: expect.stringMatching(/future/) });
    expect(desk.db.prepare('SELECT count(*) FROM ese_intake').pluck().get()).toBe(0);
    expect(desk.db.prepare('SELECT count(*) FROM outbox_message').pluck().get()).toBe(0);
  });

  it('rolls back the intake when anything in the transaction fails', () => {
    const { desk } = testDesk();
    desk.useCallActivity({
      language: () => 'en',
      record: () => {
        throw new Error('timeline is broken');
      },
    });
    expect(() => desk.services.ese.submit({ intake: validIntakeInput(), draftKey: 'desk' })).toThrow(/timeline is broken/);
    expect(desk.db.prepare('SELECT count(*) FROM ese_intake').pluck().get()).toBe(0);
    expect(desk.db.prepare('SELECT count(*) FROM outbox_message').pluck().get()).toBe(0);
  });

  it('returns the same intake for the same intakeId instead of making a second one', async () => {
    const { desk } = testDesk();
    const id = '0b7e6a52-1f0c-4a8e-9d3b-2c4f5e6a7b8c';
    const a = desk.services.ese.submit({ intakeId: id, intake: validIntakeInput() });
    const b = desk.services.ese.submit({ intakeId: id, intake: validIntakeInput() });
    await desk.services.ese.delivery.tick();
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.outbox.messageId).toBe(a.outbox.messageId);
    expect(desk.services.ese.store.countIntakes()).toBe(1);
  });

  it('autosaves a draft per call and drops it when the intake is submitted', async () => {
    const { desk } = testDesk();
    const ese = desk.services.ese;
    expect(ese.getDraft('call:9')).toEqual({ draft: null, updatedAt: null, today: '2026-11-22' });
    ese.saveDraft('call:9', { firstName: 'Da', dateOfBirth: '04/17', narrative: 'Her Medicaid' });
    expect(ese.getDraft('call:9').draft).toEqual({ firstName: 'Da', dateOfBirth: '04/17', narrative: 'Her Medicaid' });
    ese.submit({ intake: validIntakeInput(), draftKey: 'call:9' });
    await ese.delivery.tick();
    expect(ese.getDraft('call:9').draft).toBeNull();
    ese.saveDraft('desk', { lastName: 'W' });
    expect(ese.discardDraft('desk')).toEqual({ discarded: true });
    expect(ese.discardDraft('desk')).toEqual({ discarded: false });
  });
});

describe('ESE delivery to a real SMTP server on 127.0.0.1', () => {
  it('sends headers, body and the PDF to the ESE mailbox and marks it sent', async () => {
    const { desk } = testDesk();
    const server = await smtp();
    configure(desk, server.port);
    const r = desk.services.ese.submit({ intake: validIntakeInput() });
    await desk.services.ese.delivery.tick();

    expect(server.received).toHaveLength(1);
    const m = server.received[0]!;
    expect(m.from).toBe('desk@contact.kynect.example');
    expect(m.to).toEqual(['kynectESE@ky.gov']);
    const { headers, body, pdf, pdfName } = read(m);
    expect(headers.get('message-id')).toBe(`<ese-intake.${r.id}@contact.kynect.example>`);
    expect(headers.get('subject')).toBe(`ESE request ${r.reference}: Whitfield, Dana (case 100300113)`);
    expect(headers.get('x-kynect-ese-intake')).toBe(r.id);
    expect(body).toContain('The representative has not determined eligibility.');
    expect(body).toContain('Forwarded: November 22, 2026 at 9:00 AM CST by Pat Rivera (Contact center rep)');
    expect(desk.db.prepare('SELECT time_zone FROM ese_intake WHERE id = ?').pluck().get(r.id)).toBe('America/Chicago');
    expect(body).toContain('Circumstance: Did not receive timely notice of a triggering event');
    expect(pdfName).toContain(`${r.reference}-intake.pdf`);
    expect(pdf).toContain(`Exceptional Special Enrollment request ${r.reference}`);
    expect(pdf).toContain('Dana Whitfield');

    const row = desk.services.ese.get(r.id).outbox;
    expect(row).toMatchObject({ state: 'sent', attempts: 1, lastError: null, sentAt: '2026-11-22T15:00:00.000Z', recipients: ['kynectESE@ky.gov'] });
    expect(auditActions(desk, `ese:${r.id}`)).toEqual(['ese.intake.submitted', 'ese.outbox.queued', 'ese.outbox.sending', 'ese.outbox.sent', 'ese.intake.viewed']);
  });

  it('refuses a Dire Need flag at the field, saying where Dire Need belongs (003 §9.1: Agents and kynectors email kynectdireneed@ky.gov)', () => {
    const { desk } = testDesk();
    let error: unknown;
    try {
      desk.services.ese.submit({ intake: validIntakeInput({ direNeed: true, direNeedReason: 'Insulin runs out Friday.' } as never) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).fieldErrors?.direNeed).toMatch(/Agents and kynectors may email kynectdireneed@ky.gov/);
    expect(desk.services.ese.store.countIntakes()).toBe(0);
  });

  it('sends oldest first, to the ESE mailbox only', async () => {
    const { desk, clock } = testDesk();
    const first = desk.services.ese.submit({ intake: validIntakeInput({ firstName: 'First' }) });
    clock.advance(1000);
    const second = desk.services.ese.submit({ intake: validIntakeInput({ firstName: 'Second' }) });
    await desk.services.ese.delivery.tick();
    const server = await smtp();
    configure(desk, server.port);
    expect(await desk.services.ese.flush()).toMatchObject({ attempted: 2, sent: 2 });
    expect(server.received.map((m) => read(m).headers.get('x-kynect-ese-intake'))).toEqual([first.id, second.id]);
    expect(server.received.every((m) => m.to.length === 1 && m.to[0] === 'kynectESE@ky.gov')).toBe(true);
  });

  it('logs in with the password from KYNECT_DESK_SMTP_PASSWORD', async () => {
    const server = await smtp({ auth: { user: 'desk', pass: 's3cret-from-env' } });
    const t = openTestDesk({ env: { KYNECT_DESK_SMTP_PASSWORD: 's3cret-from-env' } });
    cleanups.push(() => t.close());
    configure(t.desk, server.port, { user: 'desk' });
    expect(t.desk.services.ese.settingsView().password).toEqual({ source: 'environment variable KYNECT_DESK_SMTP_PASSWORD', present: true, writable: false });
    const r = t.desk.services.ese.submit({ intake: validIntakeInput() });
    await t.desk.services.ese.delivery.tick();
    expect(server.received).toHaveLength(1);
    expect(t.desk.services.ese.store.get(r.id)!.outbox.state).toBe('sent');
    expect(JSON.stringify(t.desk.db.prepare('SELECT value_json FROM setting').pluck().all())).not.toContain('s3cret');
    expect(() => t.desk.services.ese.saveSettings({ settings: {}, password: 'x' })).toThrow(/KYNECT_DESK_SMTP_PASSWORD/);
  });

  it('server down at submit: queued with the reason, then delivered exactly once when it is up', async () => {
    const { desk, clock } = testDesk();
    const port = await freePort();
    configure(desk, port);
    const r = desk.services.ese.submit({ intake: validIntakeInput() });
    await desk.services.ese.delivery.tick();
    let row = desk.services.ese.get(r.id).outbox;
    expect(row.state).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/Could not reach the mail server \(ECONNECTION|ECONNREFUSED/);
    expect(row.nextAttemptAt).toBe('2026-11-22T15:00:30.000Z');

    const server = await smtp({ port });
    // Not due yet: the back-off holds it.
    expect(await desk.services.ese.delivery.tick()).toMatchObject({ attempted: 0 });
    expect(server.received).toHaveLength(0);
    clock.advance(31_000);
    expect(await desk.services.ese.delivery.tick()).toMatchObject({ attempted: 1, sent: 1 });
    // Further ticks and a flush find nothing to send.
    clock.advance(3_600_000);
    await desk.services.ese.delivery.tick();
    expect(await desk.services.ese.flush()).toMatchObject({ attempted: 0 });
    expect(server.received).toHaveLength(1);
    row = desk.services.ese.get(r.id).outbox;
    expect(row).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    expect(desk.services.ese.store.countIntakes()).toBe(1);
    expect(auditActions(desk, `ese:${r.id}`)).toContain('ese.outbox.retry_scheduled');
  });

  it('5xx from the server: failed with the reason shown; resend puts it back and it goes', async () => {
    const { desk } = testDesk();
    const bad = await smtp({ reject: { code: 550, message: 'Mailbox kynectESE@ky.gov unavailable' } });
    configure(desk, bad.port);
    const r = desk.services.ese.submit({ intake: validIntakeInput() });
    await desk.services.ese.delivery.tick();
    const [row] = desk.services.ese.list({ state: 'failed', limit: 100 });
    expect(row?.id).toBe(r.id);
    expect(row?.outbox.state).toBe('failed');
    expect(row?.outbox.lastError).toBe('The mail server refused the message: 550 Mailbox kynectESE@ky.gov unavailable');
    expect(row?.outbox.nextAttemptAt).toBeNull();
    // A failed message is not retried on its own.
    await desk.services.ese.delivery.tick();
    expect(bad.received).toHaveLength(1);

    const good = await smtp();
    configure(desk, good.port);
    expect(desk.services.ese.resend(r.id).outbox.state).toBe('queued');
    await desk.services.ese.delivery.tick();
    expect(good.received).toHaveLength(1);
    expect(read(good.received[0]!).headers.get('message-id')).toBe(r.outbox.messageId);
    expect(desk.services.ese.get(r.id).outbox).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    expect(() => desk.services.ese.resend(r.id)).toThrow(/already forwarded/);
    expect(auditActions(desk, `ese:${r.id}`)).toEqual(expect.arrayContaining(['ese.outbox.failed', 'ese.outbox.resend_requested', 'ese.outbox.sent']));
  });

  it('process killed between send and marking sent: resent with the same Message-ID, never a new intake', async () => {
    const { desk, dir } = testDesk();
    let child: ReturnType<typeof spawn> | undefined;
    const server = await smtp({
      // The message is in; kill the sender before it hears 250.
      onMessage: () => {
        if (server.received.length === 1) {
          child?.kill('SIGKILL');
          return false;
        }
      },
    });
    // Submit with no server configured so this desk does not send: the child is the one that crashes.
    configure(desk, server.port, { host: '' });
    const r = desk.services.ese.submit({ intake: validIntakeInput() });
    await desk.services.ese.delivery.tick();
    configure(desk, server.port);
    const dbPath = path.join(dir, 'desk.sqlite3');
    desk.close();

    const exit = await new Promise<{ signal: string | null; out: string }>((resolve) => {
      child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support/deliverChild.ts'), dbPath, '2026-11-22T15:01:00.000Z'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout!.on('data', (c) => (out += String(c)));
      child.on('exit', (_code, signal) => resolve({ signal, out }));
    });
    expect(exit.signal).toBe('SIGKILL');
    expect(exit.out).not.toContain('"sent":1');
    expect(server.received).toHaveLength(1);

    // Restart: the row is still 'sending'; within the lease nobody touches it, after it the message goes again.
    const clock = new ManualClock('2026-11-22T15:01:30.000Z');
    const again = openDesk({ dbPath, host: 'cli', clock, log: silentLogger, env: {} });
    cleanups.push(() => again.close());
    expect(again.services.ese.store.get(r.id)!.outbox).toMatchObject({ state: 'sending', attempts: 1 });
    expect(await again.services.ese.delivery.tick()).toMatchObject({ attempted: 0 });
    clock.set('2026-11-22T15:03:30.000Z');
    expect(await again.services.ese.delivery.tick()).toMatchObject({ attempted: 1, sent: 1 });

    expect(server.received).toHaveLength(2);
    const ids = server.received.map((m) => read(m).headers.get('message-id'));
    expect(ids[1]).toBe(ids[0]);
    expect(ids[0]).toBe(r.outbox.messageId);
    expect(again.services.ese.store.countIntakes()).toBe(1);
    expect(again.db.prepare('SELECT count(*) FROM outbox_message').pluck().get()).toBe(1);
    expect(again.services.ese.store.get(r.id)!.outbox).toMatchObject({ state: 'sent', attempts: 2 });
    expect(auditActions(again, `ese:${r.id}`)).toEqual(['ese.intake.submitted', 'ese.outbox.queued', 'ese.outbox.sending', 'ese.outbox.resumed', 'ese.outbox.sent']);
  });
});
