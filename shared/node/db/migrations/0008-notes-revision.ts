import type { Migration } from './types';

/**
 * Call notes get a revision (issue 15.2): each save names the revision it was typed
 * on, so a retried or late save can no longer append the rep's text twice ("ABB").
 * Snippets appended by other areas are kept with the revision they made, so a save
 * typed on an older revision is rebased onto them instead of dropping them.
 */
export const m0008: Migration = {
  version: 8,
  name: 'call notes: revision and the appends a late save is rebased on',
  up(db) {
    db.exec(`
      ALTER TABLE call ADD COLUMN notes_revision INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE call_notes_append (
        call_id   TEXT NOT NULL REFERENCES call (id),
        revision  INTEGER NOT NULL,
        snippet   TEXT NOT NULL,
        PRIMARY KEY (call_id, revision)
      ) WITHOUT ROWID;
    `);
  },
};
