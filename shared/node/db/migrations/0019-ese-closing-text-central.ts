import type { Migration } from './types';

/**
 * The central store keeps which closing script an ESE intake was read with (issue 13).
 * The intake's sync row is written by the outbox trigger when its message row is
 * inserted, before the service fills closing_text_json in the same transaction; this
 * trigger carries the value into the row while it still waits. Intakes already pushed
 * keep their closing text centrally in their `ese.intake.submitted` audit entry.
 */
export const m0019: Migration = {
  version: 19,
  name: 'sync: an ESE intake goes up with the closing script it was read with',
  up(db) {
    db.exec(`
      CREATE TRIGGER ese_intake_sync_closing AFTER UPDATE OF closing_text_json ON ese_intake BEGIN
        UPDATE sync_outbox SET body = json_set(body, '$.closing_text', json(NEW.closing_text_json)) WHERE id = NEW.id AND pushed_at IS NULL;
      END;
      UPDATE sync_outbox
         SET body = json_set(body, '$.closing_text', json((SELECT i.closing_text_json FROM ese_intake i WHERE i.id = sync_outbox.id)))
       WHERE kind = 'ese.intake' AND pushed_at IS NULL
         AND (SELECT i.closing_text_json FROM ese_intake i WHERE i.id = sync_outbox.id) IS NOT NULL;
    `);
  },
};
