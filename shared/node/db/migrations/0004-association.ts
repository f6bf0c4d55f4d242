import type { Migration } from './types';

/**
 * Three-way association calls and consent (issue 6). The wizard and consent
 * state live in main, persisted at every step, so a reload or a restart
 * cannot reset a countdown or the request count. Consent records and
 * recorded associations are append-only.
 */
export const m0004: Migration = {
  version: 4,
  name: 'association: wizard sessions, consent requests, consent records, recorded associations',
  up(db) {
    db.exec(`
      CREATE TABLE association_session (
        id            TEXT PRIMARY KEY,
        operator_id   INTEGER,
        call_id       TEXT,
        status        TEXT NOT NULL CHECK (status IN ('open', 'ended')),
        wizard_json   TEXT NOT NULL,
        lookup_json   TEXT,
        consent_json  TEXT,
        consent_meta  TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX association_session_open ON association_session (status, updated_at);

      -- Electronic consent requests per case and Agent: at most 3 while access is not processed (001).
      CREATE TABLE consent_request (
        case_number   TEXT NOT NULL,
        agent_id      TEXT NOT NULL,
        session_id    TEXT NOT NULL REFERENCES association_session (id),
        sent_at       TEXT NOT NULL,
        processed     INTEGER NOT NULL DEFAULT 0 CHECK (processed IN (0, 1))
      );
      CREATE INDEX consent_request_pair ON consent_request (case_number, agent_id, processed);

      CREATE TABLE consent_record (
        id            TEXT PRIMARY KEY,
        session_id    TEXT REFERENCES association_session (id),
        call_id       TEXT,
        outcome       TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused')),
        record_json   TEXT NOT NULL,
        created_at    TEXT NOT NULL
      );
      CREATE TRIGGER consent_record_no_update BEFORE UPDATE ON consent_record
        BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
      CREATE TRIGGER consent_record_no_delete BEFORE DELETE ON consent_record
        BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;

      CREATE TABLE agent_association (
        id                 TEXT PRIMARY KEY,
        agent_id           TEXT NOT NULL,
        agent_name         TEXT NOT NULL,
        agency             TEXT NOT NULL,
        case_number        TEXT NOT NULL,
        associated_on      TEXT NOT NULL,
        operator_id        INTEGER,
        call_id            TEXT,
        consent_record_id  TEXT NOT NULL REFERENCES consent_record (id),
        created_at         TEXT NOT NULL
      );
      CREATE INDEX agent_association_case ON agent_association (case_number);
      CREATE TRIGGER agent_association_no_update BEFORE UPDATE ON agent_association
        BEGIN SELECT RAISE(ABORT, 'recorded associations are append-only'); END;
      CREATE TRIGGER agent_association_no_delete BEFORE DELETE ON agent_association
        BEGIN SELECT RAISE(ABORT, 'recorded associations are append-only'); END;
    `);
  },
};
