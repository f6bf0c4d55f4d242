import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { eseMessageId, eseReference, parseEseIntake } from '../../../shared/common/ese';
import { migrate, openDatabase, schemaVersion } from '../../../shared/node/db/database';
import { latestSchemaVersion, migrations } from '../../../shared/node/db/migrations';
import { DIRE_NEED_DISPOSITION, DIRE_NEED_DISPOSITION_0005 } from '../../../shared/node/db/migrations/0011-ese-without-dire-need';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { testKeyEnv } from '../../helpers/deskKey';
import { makeTempDir, removeTempDir } from '../../helpers/temp';
import { validIntakeInput } from './support/intakes';
import { leaves, parseMime } from './support/mime';
import { startSmtp } from './support/smtp';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const IDS = {
  direQueued: '11111111-1111-4111-8111-111111111111',
  plainQueued: '22222222-2222-4222-8222-222222222222',
  direFailed: '33333333-3333-4333-8333-333333333333',
  direSending: '44444444-4444-4444-8444-444444444444',
};

/** A database as the app left it at schema 10, before Dire Need left the ESE intake, with messages in every waiting state. */
function databaseBeforeMigration11(file: string) {
  const db = openDatabase(file, { migrate: false });
  migrate(
    db,
    migrations.filter((m) => m.version <= 10),
  );
  expect(schemaVersion(db)).toBe(10);
  const at = '2026-11-20T10:00:00.000Z';
  const stale = '2026-11-20T10:01:00.000Z';
  const insert = (id: string, dire: boolean, state: string, attempts: number) => {
    const intake = {
      ...parseEseIntake(validIntakeInput({ firstName: dire ? 'Urgent' : 'Plain' }), '2026-11-20'),
      ...(dire ? { direNeed: true, direNeedReason: 'Insulin runs out Friday.' } : { direNeed: false }),
    };
    db.prepare(
      `INSERT INTO ese_intake (id, reference, intake_json, resident_name, circumstance, dire_need, submitted_at, submitted_on, operator_id, forwarded_by, call_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, '2026-11-20', NULL, 'Pat Rivera (Contact center rep)', NULL)`,
    ).run(id, eseReference(id), JSON.stringify(intake), `${intake.firstName} ${intake.lastName}`, intake.circumstance, dire ? 1 : 0, at);
    db.prepare(
      `INSERT INTO outbox_message (intake_id, message_id, state, attempts, next_attempt_at, last_error, recipients_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      eseMessageId(id, 'desk@contact.kynect.example'),
      state,
      attempts,
      at,
      state === 'failed' ? 'The mail server refused the message: 550' : null,
      JSON.stringify(['kynectESE@ky.gov', 'kynectdireneed@ky.gov']),
      at,
      state === 'sending' ? stale : at,
    );
  };
  insert(IDS.direQueued, true, 'queued', 0);
  insert(IDS.plainQueued, false, 'queued', 0);
  insert(IDS.direFailed, true, 'failed', 1);
  insert(IDS.direSending, true, 'sending', 1);
  db.prepare('INSERT INTO ese_draft (key, draft_json, updated_at) VALUES (?, ?, ?)').run(
    'call:7',
    JSON.stringify({ firstName: 'Rosa', narrative: 'Lost coverage in June.', direNeed: true, direNeedReason: 'Surgery on Monday.' }),
    at,
  );
  db.prepare('INSERT INTO ese_draft (key, draft_json, updated_at) VALUES (?, ?, ?)').run('desk', JSON.stringify({ firstName: 'Lee', direNeed: false }), at);
  db.prepare("UPDATE setting SET value_json = ? WHERE key = 'calls.dispositions'").run(
    JSON.stringify([
      { code: 'resolved', label: 'Resolved on the call' },
      { code: 'dire_need', label: DIRE_NEED_DISPOSITION_0005 },
    ]),
  );
  db.close();
}

describe('migration 0011: Dire Need leaves the ESE intake without losing a queued message (issue 11 §7, 003 §9.1)', () => {
  it('keeps every waiting message and delivers each to the ESE mailbox; drafts keep the words typed; the default disposition says what PSL does', async () => {
    const dir = makeTempDir();
    cleanups.push(() => removeTempDir(dir));
    const file = path.join(dir, 'desk.sqlite3');
    databaseBeforeMigration11(file);

    const clock = new ManualClock('2026-11-22T15:00:00Z');
    const desk = openDesk({ dbPath: file, host: 'cli', log: silentLogger, env: { ...testKeyEnv }, clock });
    cleanups.push(() => desk.close());
    expect(schemaVersion(desk.db)).toBe(latestSchemaVersion);
    const ese = desk.services.ese;

    // Nothing lost: four intakes, four messages, their states as they were.
    const rows = ese.list({ limit: 10 });
    expect(rows.map((r) => [r.id, r.outbox.state, r.legacyDireNeed]).sort()).toEqual(
      [
        [IDS.direQueued, 'queued', true],
        [IDS.plainQueued, 'queued', false],
        [IDS.direFailed, 'failed', true],
        [IDS.direSending, 'sending', true],
      ].sort(),
    );

    // The draft's flag is gone, its reason kept where the rep reads it before forwarding.
    expect(ese.getDraft('call:7').draft).toEqual({ firstName: 'Rosa', narrative: 'Lost coverage in June.\n\nUrgency noted by the representative: Surgery on Monday.' });
    expect(ese.getDraft('desk').draft).toEqual({ firstName: 'Lee' });
    expect(desk.services.calls.dispositions().find((d) => d.code === 'dire_need')?.label).toBe(DIRE_NEED_DISPOSITION);

    // Delivered: the queued, the one a dead process left sending, and the failed one once resent.
    const server = await startSmtp();
    cleanups.push(() => server.close());
    ese.saveSettings({ settings: { host: '127.0.0.1', port: server.port, security: 'none', sender: 'desk@contact.kynect.example' } });
    expect(await ese.flush()).toMatchObject({ sent: 3, failed: 0 });
    ese.resend(IDS.direFailed);
    // The resend starts a delivery at once; the flush waits for it.
    await ese.flush();
    expect(server.received).toHaveLength(4);
    expect(server.received.every((m) => m.to.length === 1 && m.to[0] === 'kynectESE@ky.gov')).toBe(true);
    const body = (raw: Buffer) =>
      leaves(parseMime(raw))
        .find((p) => p.headers.get('content-type')?.startsWith('text/plain'))!
        .body.toString('utf8');
    const urgent = server.received.find((m) => parseMime(m.raw).headers.get('x-kynect-ese-intake') === IDS.direQueued)!;
    expect(body(urgent.raw)).toContain('Marked Dire Need when taken: Insulin runs out Friday.');
    const detail = ese.get(IDS.direQueued);
    expect(detail.closingScript.join(' ')).not.toMatch(/Dire Need|24 hours/);
    expect(ese.list({ limit: 10 }).every((r) => r.outbox.state === 'sent')).toBe(true);
  });
});
