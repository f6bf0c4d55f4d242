import type { Migration } from './types';

/**
 * Calls are stored twice on purpose: `call_event` is the record (the state
 * machine replays it; timers come from its times), `call` is the current fold
 * of it for listing and searching. Both change in one transaction.
 */
export const m0005: Migration = {
  version: 5,
  name: 'calls: sessions, their events, timeline and notes; dispositions setting',
  up(db) {
    db.exec(`
      CREATE TABLE call (
        id               TEXT PRIMARY KEY,
        operator_id      INTEGER NOT NULL REFERENCES operator (id),
        state            TEXT NOT NULL CHECK (state IN ('active', 'on_hold', 'wrap_up', 'closed')),
        caller_type      TEXT NOT NULL,
        caller_name      TEXT,
        callback_number  TEXT,
        case_number      TEXT,
        client_on_line   INTEGER NOT NULL DEFAULT 0 CHECK (client_on_line IN (0, 1)),
        started_at       TEXT NOT NULL,
        ended_at         TEXT,
        closed_at        TEXT,
        disposition      TEXT,
        follow_up_date   TEXT,
        notes            TEXT NOT NULL DEFAULT '',
        notes_saved_at   TEXT,
        -- Set when the app came back up with this call open; cleared when the banner is dismissed.
        recovered_at     TEXT,
        CHECK (state <> 'closed' OR disposition IS NOT NULL)
      );
      -- One open call per operator, enforced by the database as well as the service.
      CREATE UNIQUE INDEX call_one_open_per_operator ON call (operator_id) WHERE state <> 'closed';
      CREATE INDEX call_started_at ON call (started_at);
      CREATE INDEX call_case_number ON call (case_number);

      CREATE TABLE call_event (
        call_id    TEXT NOT NULL REFERENCES call (id),
        seq        INTEGER NOT NULL,
        at         TEXT NOT NULL,
        type       TEXT NOT NULL,
        data_json  TEXT NOT NULL,
        PRIMARY KEY (call_id, seq)
      );

      CREATE TABLE call_timeline (
        id            INTEGER PRIMARY KEY,
        call_id       TEXT NOT NULL REFERENCES call (id),
        at            TEXT NOT NULL,
        kind          TEXT NOT NULL,
        summary       TEXT NOT NULL,
        ref_id        TEXT,
        details_json  TEXT
      );
      CREATE INDEX call_timeline_call ON call_timeline (call_id, id);
    `);
    // The dispositions list starts as this release's defaults; a copy, so later
    // changes to the defaults do not change what this migration wrote.
    db.prepare(`INSERT OR IGNORE INTO setting (key, value_json, updated_at) VALUES ('calls.dispositions', ?, ?)`).run(JSON.stringify(DISPOSITIONS_0005), new Date(0).toISOString());
  },
};

const DISPOSITIONS_0005 = [
  { code: 'resolved', label: 'Resolved on the call' },
  { code: 'association_completed', label: 'Agent associated (client on the line)' },
  { code: 'association_not_done', label: 'Association not done: client not on the line (alternatives given)' },
  { code: 'consent_recorded', label: 'Consent recorded' },
  { code: 'ese_forwarded', label: 'ESE request forwarded to KHBE' },
  { code: 'sep_information', label: 'SEP information given' },
  { code: 'member_match_psl', label: 'Member match: handled by or referred to PSL' },
  { code: 'dire_need', label: 'Dire Need: sent to kynectdireneed@ky.gov' },
  { code: 'callback_needed', label: 'Callback needed' },
  { code: 'transferred', label: 'Transferred' },
  { code: 'disconnected', label: 'Call disconnected' },
  { code: 'other', label: 'Other (see notes)' },
];
