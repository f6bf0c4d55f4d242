import type { Migration } from './types';

export const m0001: Migration = {
  version: 1,
  name: 'foundation: operator profile, settings, audit log',
  up(db) {
    db.exec(`
      CREATE TABLE operator (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        role        TEXT NOT NULL CHECK (role IN ('rep', 'psl', 'supervisor')),
        -- scrypt of the PIN that unlocks the idle lock; never the PIN itself.
        pin_hash    TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );

      -- Small typed settings (SMTP, idle lock, dispositions) as JSON per key.
      CREATE TABLE setting (
        key         TEXT PRIMARY KEY,
        value_json  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );

      -- Append-only, each row chained to the one before by SHA-256 (see audit/auditLog.ts).
      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        action      TEXT NOT NULL,
        subject     TEXT,
        details     TEXT NOT NULL,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL UNIQUE
      );
      CREATE INDEX audit_log_action ON audit_log (action, at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
