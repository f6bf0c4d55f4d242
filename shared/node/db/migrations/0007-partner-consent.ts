import type { Migration } from './types';

/**
 * kynect resources partner access (issue 6, seed 002): a resident's verbal consent for
 * a community partner organization to view their full record, read by the rep from the
 * versioned script. The open consent lives in main, saved at every step; the decided
 * one becomes a consent_record (migration 0004) like an Agent's.
 */
export const m0007: Migration = {
  version: 7,
  name: 'partner consent: kynect resources partner-access consents in progress',
  up(db) {
    db.exec(`
      CREATE TABLE partner_consent (
        id            TEXT PRIMARY KEY,
        operator_id   INTEGER,
        call_id       TEXT,
        status        TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'refused', 'abandoned')),
        input_json    TEXT NOT NULL,
        consent_json  TEXT NOT NULL,
        record_id     TEXT REFERENCES consent_record (id),
        revision      INTEGER NOT NULL DEFAULT 0,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX partner_consent_open ON partner_consent (status, updated_at);
    `);
  },
};
