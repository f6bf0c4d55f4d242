import type { Migration } from './types';

/**
 * Issue 12 §4. A follow-up date set at wrap-up comes back as a reminder until it is
 * marked done. "Done" is kept beside the call, not in its events: a closed call's
 * record is final, and finishing its follow-up is later work on it. Calls closed
 * before this migration keep their follow-up dates and come back as reminders too
 * (overdue where the date has passed): a rep set each of them to be reminded.
 */
export const m0021: Migration = {
  version: 21,
  name: 'calls: follow-up reminders marked done',
  up(db) {
    db.exec(`
      CREATE TABLE call_follow_up_done (
        call_id      TEXT PRIMARY KEY REFERENCES call (id),
        done_at      TEXT NOT NULL,
        done_by      INTEGER NOT NULL REFERENCES operator (id)
      );
      CREATE INDEX call_follow_up_due ON call (operator_id, follow_up_date) WHERE follow_up_date IS NOT NULL;
    `);
  },
};
