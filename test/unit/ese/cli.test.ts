import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDesk } from '../../helpers/temp';
import { validIntakeInput } from './support/intakes';
import { runCli, startSmtp } from './support/smtp';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('CLI: outbox list and outbox flush', () => {
  it('lists waiting messages, flushes them with the password from the environment, and lists them sent', async () => {
    const server = await startSmtp({ auth: { user: 'desk', pass: 'from-env' } });
    cleanups.push(() => server.close());
    const t = openTestDesk();
    const dbPath = path.join(t.dir, 'desk.sqlite3');
    // Submitted while no server is configured, then the server is set up.
    const a = t.desk.services.ese.submit({ intake: validIntakeInput() });
    const b = t.desk.services.ese.submit({ intake: validIntakeInput({ firstName: 'Lee' }) });
    await t.desk.services.ese.delivery.tick();
    t.desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port: server.port, security: 'none', user: 'desk', sender: 'desk@contact.kynect.example' } });
    t.desk.close();
    cleanups.push(() => t.close());

    const list = await runCli(['outbox', 'list', '--db', dbPath, '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { id: string; outbox: { state: string } }[];
    expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(rows.every((r) => r.outbox.state === 'queued')).toBe(true);
    // Dire Need is not an ESE route (003 §9.1): the filter is gone, and asking for it is a usage error.
    expect((await runCli(['outbox', 'list', '--dire-need', '--db', dbPath])).code).toBe(2);

    const flush = await runCli(['outbox', 'flush', '--db', dbPath, '--json'], { KYNECT_DESK_SMTP_PASSWORD: 'from-env' });
    expect(flush.code).toBe(0);
    expect(JSON.parse(flush.stdout)).toEqual({ attempted: 2, sent: 2, queued: 0, failed: 0, skipped: null });
    expect(server.received).toHaveLength(2);

    const sent = JSON.parse((await runCli(['outbox', 'list', '--state', 'sent', '--db', dbPath, '--json'])).stdout) as unknown[];
    expect(sent).toHaveLength(2);
    const text = await runCli(['outbox', 'list', '--db', dbPath]);
    expect(text.stdout).toContain(a.reference);
    expect(text.stdout).toContain('Forwarded');
    expect((await runCli(['outbox', 'list', '--state', 'lost', '--db', dbPath])).code).toBe(2);

    // A desk without the password: the server refuses the login, the message fails with that reason.
    const d = openTestDesk({ dbPath });
    const c = d.desk.services.ese.submit({ intake: validIntakeInput({ firstName: 'Kim' }) });
    await d.desk.services.ese.delivery.tick();
    d.close();
    const failed = await runCli(['outbox', 'list', '--state', 'failed', '--db', dbPath]);
    expect(failed.stdout).toContain(c.reference);
    expect(failed.stdout).toMatch(/last error: The mail server did not accept the user name or password/);
    expect(server.received).toHaveLength(2);
  });
});
