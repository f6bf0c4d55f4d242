import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eseMessageId, eseReference, parseEseIntake } from '../../../shared/common/ese';
import { migrate, openDatabase, schemaVersion } from '../../../shared/node/db/database';
import { latestSchemaVersion, migrations } from '../../../shared/node/db/migrations';
import { makeTempDir, removeTempDir } from '../../helpers/temp';
import { validIntakeInput } from './support/intakes';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

const WAITING = '55555555-5555-4555-8555-555555555555';
const PUSHED = '66666666-6666-4666-8666-666666666666';
const NEW = '77777777-7777-4777-8777-777777777777';
const closing = (locale: 'en' | 'es') => ({ id: 'ese.closing', version: 3, locale, sha256: locale.repeat(32) });

function insertIntake(db: ReturnType<typeof openDatabase>, id: string, text: object) {
  const intake = parseEseIntake(validIntakeInput(), '2026-12-01');
  const at = '2026-12-01T15:00:00.000Z';
  db.transaction(() => {
    db.prepare(
      `INSERT INTO ese_intake (id, reference, intake_json, resident_name, circumstance, dire_need, submitted_at, submitted_on, operator_id, forwarded_by, call_id)
       VALUES (?, ?, ?, ?, ?, 0, ?, '2026-12-01', NULL, 'Pat Rivera (Contact center rep)', NULL)`,
    ).run(id, eseReference(id), JSON.stringify(intake), `${intake.firstName} ${intake.lastName}`, intake.circumstance, at);
    db.prepare(`INSERT INTO outbox_message (intake_id, message_id, state, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'queued', 0, ?, ?, ?)`).run(
      id,
      eseMessageId(id, 'desk@contact.kynect.example'),
      at,
      at,
      at,
    );
    // As EseService.submit does: the closing text is filled after the rows, in the same transaction.
    db.prepare('UPDATE ese_intake SET closing_text_json = ? WHERE id = ?').run(JSON.stringify(text), id);
  })();
}

const body = (db: ReturnType<typeof openDatabase>, id: string) =>
  JSON.parse((db.prepare("SELECT body FROM sync_outbox WHERE id = ? AND kind = 'ese.intake'").get(id) as { body: string }).body) as Record<string, unknown>;

describe('an ESE intake goes up to the central store with the closing script it was read with (migration 0019)', () => {
  it('fills the waiting rows of intakes taken before it, leaves pushed rows alone, and carries it for every new intake', () => {
    const dir = makeTempDir('closing-sync');
    dirs.push(dir);
    const db = openDatabase(path.join(dir, 'desk.sqlite'), { migrate: false });
    migrate(
      db,
      migrations.filter((m) => m.version <= 18),
    );
    expect(schemaVersion(db)).toBe(18);
    insertIntake(db, WAITING, closing('es'));
    insertIntake(db, PUSHED, closing('en'));
    db.prepare("UPDATE sync_outbox SET pushed_at = '2026-12-01T15:00:01.000Z' WHERE id = ?").run(PUSHED);
    // Before 0019 the waiting row went up without it: the reason for the migration.
    expect(body(db, WAITING)).not.toHaveProperty('closing_text');

    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(body(db, WAITING).closing_text).toEqual(closing('es'));
    // Already central: its row is history, and the central audit entry has the closing text.
    expect(body(db, PUSHED)).not.toHaveProperty('closing_text');

    insertIntake(db, NEW, closing('en'));
    expect(body(db, NEW).closing_text).toEqual(closing('en'));
    expect(body(db, NEW).reference).toBe(eseReference(NEW));
    db.close();
  });
});
