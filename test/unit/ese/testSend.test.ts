import { afterEach, describe, expect, it } from 'vitest';
import { openTestDesk } from '../../helpers/temp';
import { dispatcher } from '../../helpers/dispatch';
import { startSmtp } from './support/smtp';

/** Issue 12.4: mail settings can be tried before a real intake depends on them. */
let t: ReturnType<typeof openTestDesk> | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  t?.close();
});
const { call, refusedBy } = dispatcher(() => t!.desk);

describe('mail settings test-send', () => {
  it("sends one message to the desk's own sender address, never the ESE mailbox, and audits it", async () => {
    t = openTestDesk();
    const smtp = await startSmtp();
    closers.push(() => smtp.close());
    t.desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port: smtp.port, security: 'none', sender: 'desk@contact.kynect.example' } });
    const r = await call('app:ese.settings.test', {});
    expect(r).toEqual({ to: 'desk@contact.kynect.example', message: `Test message sent to desk@contact.kynect.example through 127.0.0.1:${smtp.port}.` });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['desk@contact.kynect.example']);
    expect(smtp.received[0]!.raw.toString()).toContain('Subject: kynect Desk mail test');
    expect(t.desk.audit.recent(5).map((e) => e.action)).toContain('ese.settings.tested');
  });

  it('says why when the server refuses, and when none is saved', async () => {
    t = openTestDesk();
    expect((await refusedBy('app:ese.settings.test', {})).message).toBe('No SMTP server is saved: fill in the server, save, then send a test.');
    const bad = await startSmtp({ reject: { code: 550, message: 'Mailbox unavailable' } });
    closers.push(() => bad.close());
    t.desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port: bad.port, security: 'none', sender: 'desk@contact.kynect.example' } });
    expect((await refusedBy('app:ese.settings.test', {})).message).toBe('The test message was not sent. The mail server refused the message: 550 Mailbox unavailable');
  });
});

describe('the status bar count of ESE messages', () => {
  it('counts messages waiting and failed', async () => {
    t = openTestDesk();
    expect(await call('app:ese.outbox.counts', {})).toEqual({ waiting: 0, failed: 0 });
    const { validIntakeInput } = await import('./support/intakes');
    t.desk.services.ese.submit({ intake: validIntakeInput() });
    t.desk.services.ese.submit({ intake: validIntakeInput({ firstName: 'Lee' }) });
    expect(await call('app:ese.outbox.counts', {})).toEqual({ waiting: 2, failed: 0 });
    const bad = await startSmtp({ reject: { code: 550, message: 'Mailbox unavailable' } });
    closers.push(() => bad.close());
    t.desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port: bad.port, security: 'none', sender: 'desk@contact.kynect.example' } });
    await t.desk.services.ese.flush();
    expect(await call('app:ese.outbox.counts', {})).toEqual({ waiting: 0, failed: 2 });
  });
});
