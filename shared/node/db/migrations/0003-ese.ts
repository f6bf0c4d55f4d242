import type { Migration } from './types';

export const m0003: Migration = {
  version: 3,
  name: 'ese: intakes, drafts and the outbox of their emails',
  up(db) {
    db.exec(`
      -- A forwarded ESE request. No eligibility column: reps do not decide (003 §7.6).
      CREATE TABLE ese_intake (
        id            TEXT PRIMARY KEY,                 -- UUID, unique across desks
        reference     TEXT NOT NULL UNIQUE,             -- ESE-XXXXXXXX, read to the resident
        intake_json   TEXT NOT NULL,                    -- the validated intake
        resident_name TEXT NOT NULL,                    -- for the list and its search
        circumstance  TEXT NOT NULL,
        dire_need     INTEGER NOT NULL CHECK (dire_need IN (0, 1)),
        submitted_at  TEXT NOT NULL,
        submitted_on  TEXT NOT NULL,                    -- desk-local day, for the window
        operator_id   INTEGER REFERENCES operator(id),
        forwarded_by  TEXT NOT NULL,
        call_id       TEXT
      );
      CREATE INDEX ese_intake_submitted ON ese_intake (submitted_at);

      -- What the rep has typed so far, one per call (or 'desk').
      CREATE TABLE ese_draft (
        key         TEXT PRIMARY KEY,
        draft_json  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );

      -- One email per intake, written in the same transaction as the intake.
      CREATE TABLE outbox_message (
        id              INTEGER PRIMARY KEY,
        intake_id       TEXT NOT NULL UNIQUE REFERENCES ese_intake(id),
        message_id      TEXT NOT NULL UNIQUE,           -- fixed at submit; every retry reuses it
        state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        last_error      TEXT,
        recipients_json TEXT NOT NULL DEFAULT '[]',     -- who it went to on the last attempt
        sent_at         TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX outbox_message_due ON outbox_message (state, next_attempt_at);
    `);
  },
};
