import type { Migration } from './types';

/**
 * Consent scripts as data (issue 11 §5): a supervisor loads the official wording as a
 * new version (id, version, locale, text, effective date); the built-in versions in
 * shared/common/consent/scripts.ts stay the seed-backed defaults and are not copied
 * here. A loaded version is never edited or deleted: a record names the version it was
 * read from and the SHA-256 of the text shown.
 *
 * Electronic consent requests also keep how they ended, so a new association for the
 * same client and Agent knows whether the last of the 3 (001:72) ran out or failed,
 * which is when verbal consent is offered (001:7), and not a dead end.
 */
export const m0010: Migration = {
  version: 10,
  name: 'consent scripts as versioned data; how each electronic consent request ended',
  up(db) {
    db.exec(`
      CREATE TABLE consent_script (
        script_id       TEXT NOT NULL,
        version         INTEGER NOT NULL CHECK (version >= 1),
        locale          TEXT NOT NULL,
        effective_from  TEXT NOT NULL,                 -- YYYY-MM-DD, desk time
        script_json     TEXT NOT NULL,                 -- the whole script, validated with zod when loaded and when read
        script_sha256   TEXT NOT NULL,                 -- of script_json, to show what was loaded
        loaded_at       TEXT NOT NULL,
        loaded_by       INTEGER REFERENCES operator (id),
        PRIMARY KEY (script_id, version, locale)
      );
      CREATE TRIGGER consent_script_no_update BEFORE UPDATE ON consent_script
        BEGIN SELECT RAISE(ABORT, 'a loaded consent script version is never edited: load a new version'); END;
      CREATE TRIGGER consent_script_no_delete BEFORE DELETE ON consent_script
        BEGIN SELECT RAISE(ABORT, 'a loaded consent script version is never deleted: load a new version'); END;

      -- NULL: sent before this column existed, or still waiting.
      ALTER TABLE consent_request ADD COLUMN outcome TEXT;
    `);
  },
};
