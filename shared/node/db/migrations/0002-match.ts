import type { Migration } from './types';

/**
 * Member-match cache (issue 4): cases, applications, members and agent associations
 * imported from the marketplace extracts, and the candidate index.
 *
 * match_key is the blocking index of shared/common/match/blocking.ts: one row per
 * (hashed key, member). WITHOUT ROWID makes the table itself the B-tree on
 * (key, member), so a lookup is a handful of index probes — never a scan of members.
 * Members carry a small integer id so key rows stay small.
 *
 * No SSN is stored in clear (issue 8 §1): SSNs live in match_ssn_block, sealed with
 * AES-256-GCM under the desk key up to 32 to a block (shared/node/security/ssnVault.ts);
 * a member names its block and slot. The SSN blocking keys are keyed HMACs.
 */
export const m0002: Migration = {
  version: 2,
  name: 'match: cases, applications, members, agent associations, candidate index',
  up(db) {
    db.exec(`
      CREATE TABLE match_case (
        case_number  TEXT PRIMARY KEY,
        status       TEXT NOT NULL,
        imported_at  TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE match_application (
        application_number  TEXT PRIMARY KEY,
        case_number         TEXT NOT NULL,
        submitted_on        TEXT,
        imported_at         TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX match_application_case ON match_application (case_number);

      CREATE TABLE match_member (
        id                  INTEGER PRIMARY KEY,
        member_id           TEXT NOT NULL,
        case_number         TEXT NOT NULL,
        application_number  TEXT,
        first_name          TEXT NOT NULL,
        middle_name         TEXT,
        last_name           TEXT NOT NULL,
        suffix              TEXT,
        date_of_birth       TEXT NOT NULL,
        sex                 TEXT NOT NULL CHECK (sex IN ('M', 'F', 'U')),
        ssn_block           INTEGER,
        ssn_slot            INTEGER CHECK ((ssn_block IS NULL) = (ssn_slot IS NULL) AND (ssn_slot IS NULL OR ssn_slot BETWEEN 0 AND 31)),
        head_of_household   INTEGER NOT NULL CHECK (head_of_household IN (0, 1)),
        imported_at         TEXT NOT NULL
      );
      CREATE UNIQUE INDEX match_member_member_id ON match_member (member_id);
      CREATE INDEX match_member_case ON match_member (case_number);
      CREATE INDEX match_member_application ON match_member (application_number) WHERE application_number IS NOT NULL;

      CREATE TABLE match_ssn_block (
        id      INTEGER PRIMARY KEY,
        sealed  BLOB NOT NULL
      );

      CREATE TABLE match_key (
        key     INTEGER NOT NULL,
        member  INTEGER NOT NULL,
        PRIMARY KEY (key, member)
      ) WITHOUT ROWID;

      CREATE TABLE match_association (
        agent_id       TEXT NOT NULL,
        case_number    TEXT NOT NULL,
        agent_name     TEXT NOT NULL,
        associated_on  TEXT NOT NULL,
        imported_at    TEXT NOT NULL,
        PRIMARY KEY (case_number, agent_id)
      ) WITHOUT ROWID;
    `);
  },
};
