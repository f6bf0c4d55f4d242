import type { Migration } from './types';

/**
 * The sync outbox (issue 17 §3): every record the central store keeps is also written
 * here, in the same transaction as the record itself — by triggers, so no code path
 * that writes a record can forget it, and a rollback takes both away. The sync worker
 * (shared/node/central/syncWorker.ts) pushes waiting rows in `seq` order and marks
 * them pushed; a row's `id` is the record's UUID centrally, so a push repeated after
 * a crash inserts nothing twice.
 *
 * Bodies are JSON whose keys are the central columns (shared/node/central/records.ts).
 * Records that already exist when this migration runs are queued too, oldest first,
 * so nothing recorded before the upgrade is missing centrally.
 */
const UUID = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const bool = (e: string) => `json(CASE WHEN ${e} THEN 'true' ELSE 'false' END)`;

const bodies = {
  audit: `json_object('seq', a.seq, 'at', a.at, 'actor', a.actor, 'action', a.action, 'subject', a.subject, 'details', json(a.details), 'prev_hash', a.prev_hash, 'hash', a.hash)`,
  consentRequest: `json_object('case_number', q.case_number, 'agent_id', q.agent_id, 'session_id', q.session_id, 'sent_at', q.sent_at)`,
  consentRecord: `json_object('kind', json_extract(r.record_json, '$.kind'), 'method', json_extract(r.record_json, '$.method'), 'outcome', r.outcome,
      'case_number', json_extract(r.record_json, '$.client.caseNumber'), 'agent_id', json_extract(r.record_json, '$.agent.agentId'),
      'session_id', r.session_id, 'call_id', r.call_id, 'created_at', r.created_at, 'record', json(r.record_json))`,
  association: `json_object('agent_id', s.agent_id, 'agent_name', s.agent_name, 'agency', s.agency, 'case_number', s.case_number, 'associated_on', s.associated_on,
      'operator_id', s.operator_id, 'call_id', s.call_id, 'consent_record_id', s.consent_record_id, 'created_at', s.created_at)`,
  eseIntake: `json_object('reference', i.reference, 'circumstance', i.circumstance, 'dire_need', ${bool('i.dire_need')}, 'submitted_at', i.submitted_at,
      'submitted_on', i.submitted_on, 'operator_id', i.operator_id, 'forwarded_by', i.forwarded_by, 'call_id', i.call_id,
      'message_id', (SELECT message_id FROM outbox_message WHERE intake_id = i.id), 'intake', json(i.intake_json))`,
  eseDelivery: `json_object('intake_id', o.intake_id, 'state', o.state, 'attempts', o.attempts, 'last_error', o.last_error, 'sent_at', o.sent_at, 'at', o.updated_at)`,
  callEvent: `json_object('call_id', c.id, 'seq', e.seq, 'at', e.at, 'type', e.type, 'state', c.state, 'caller_type', c.caller_type, 'operator_id', c.operator_id,
      'operator_name', (SELECT name FROM operator WHERE id = c.operator_id), 'started_at', c.started_at, 'data', json(e.data_json))`,
  callClosed: `json_object('operator_id', c.operator_id, 'operator_name', (SELECT name FROM operator WHERE id = c.operator_id), 'caller_type', c.caller_type,
      'caller_name', c.caller_name, 'callback_number', c.callback_number, 'case_number', c.case_number, 'started_at', c.started_at, 'ended_at', c.ended_at,
      'closed_at', c.closed_at, 'disposition', c.disposition, 'follow_up_date', c.follow_up_date, 'notes', c.notes,
      'timeline', (SELECT json_group_array(json_object('at', t.at, 'kind', t.kind, 'summary', t.summary, 'ref_id', t.ref_id, 'details', json(t.details_json)))
                     FROM (SELECT * FROM call_timeline WHERE call_id = c.id ORDER BY id) t),
      'events', (SELECT json_group_array(json(x.data_json)) FROM (SELECT data_json FROM call_event WHERE call_id = c.id ORDER BY seq) x))`,
};

const INSERT = 'INSERT INTO sync_outbox (id, kind, body, created_at)';

export const m0009: Migration = {
  version: 9,
  name: 'sync outbox: records waiting for the central store, written by triggers in the same transaction',
  up(db) {
    db.exec(`
      CREATE TABLE sync_outbox (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,          -- the record's UUID centrally
        kind        TEXT NOT NULL,
        body        TEXT NOT NULL,                 -- JSON, keys = central columns
        created_at  TEXT NOT NULL,                 -- wall clock of the local commit (push lag)
        pushed_at   TEXT
      );
      CREATE INDEX sync_outbox_waiting ON sync_outbox (seq) WHERE pushed_at IS NULL;

      -- What the central store handed down, kept until applied (see central/memberPull.ts).
      CREATE TABLE central_member_stage (
        member_id                 TEXT PRIMARY KEY,
        case_number               TEXT NOT NULL,
        application_number        TEXT,
        first_name                TEXT NOT NULL,
        middle_name               TEXT,
        last_name                 TEXT NOT NULL,
        suffix                    TEXT,
        date_of_birth             TEXT NOT NULL,
        sex                       TEXT NOT NULL,
        ssn_block                 INTEGER,           -- a block of central_block_stage
        ssn_slot                  INTEGER,
        head_of_household         INTEGER NOT NULL,
        case_status               TEXT NOT NULL,
        application_submitted_on  TEXT
      ) WITHOUT ROWID;
      -- SSN blocks as the central store sealed them, still under the contact-center key: never in clear here.
      CREATE TABLE central_block_stage (
        id      INTEGER PRIMARY KEY,
        sealed  BLOB NOT NULL
      );

      -- Backfill, oldest first: the audit chain in its order, then the records.
      ${INSERT} SELECT ${UUID}, 'audit', ${bodies.audit}, ${NOW} FROM audit_log a ORDER BY a.seq;
      ${INSERT} SELECT ${UUID}, 'consent.request', ${bodies.consentRequest}, ${NOW} FROM consent_request q ORDER BY q.sent_at;
      ${INSERT} SELECT r.id, 'consent.record', ${bodies.consentRecord}, ${NOW} FROM consent_record r ORDER BY r.created_at, r.rowid;
      ${INSERT} SELECT s.id, 'association', ${bodies.association}, ${NOW} FROM agent_association s ORDER BY s.created_at, s.rowid;
      ${INSERT} SELECT i.id, 'ese.intake', ${bodies.eseIntake}, ${NOW} FROM ese_intake i JOIN outbox_message o ON o.intake_id = i.id ORDER BY i.submitted_at;
      ${INSERT} SELECT ${UUID}, 'ese.delivery', ${bodies.eseDelivery}, ${NOW} FROM outbox_message o ORDER BY o.created_at, o.id;
      ${INSERT} SELECT c.id, 'call.closed', ${bodies.callClosed}, ${NOW} FROM call c WHERE c.state = 'closed' ORDER BY c.closed_at;

      CREATE TRIGGER audit_log_sync AFTER INSERT ON audit_log BEGIN
        ${INSERT} SELECT ${UUID}, 'audit', ${bodies.audit}, ${NOW} FROM audit_log a WHERE a.seq = NEW.seq;
      END;
      CREATE TRIGGER consent_request_sync AFTER INSERT ON consent_request BEGIN
        ${INSERT} SELECT ${UUID}, 'consent.request', ${bodies.consentRequest}, ${NOW} FROM consent_request q WHERE q.rowid = NEW.rowid;
      END;
      CREATE TRIGGER consent_record_sync AFTER INSERT ON consent_record BEGIN
        ${INSERT} SELECT r.id, 'consent.record', ${bodies.consentRecord}, ${NOW} FROM consent_record r WHERE r.id = NEW.id;
      END;
      CREATE TRIGGER agent_association_sync AFTER INSERT ON agent_association BEGIN
        ${INSERT} SELECT s.id, 'association', ${bodies.association}, ${NOW} FROM agent_association s WHERE s.id = NEW.id;
      END;
      -- The intake and its message are inserted together; the message row comes second.
      CREATE TRIGGER outbox_message_sync_new AFTER INSERT ON outbox_message BEGIN
        ${INSERT} SELECT i.id, 'ese.intake', ${bodies.eseIntake}, ${NOW} FROM ese_intake i WHERE i.id = NEW.intake_id;
        ${INSERT} SELECT ${UUID}, 'ese.delivery', ${bodies.eseDelivery}, ${NOW} FROM outbox_message o WHERE o.id = NEW.id;
      END;
      CREATE TRIGGER outbox_message_sync_state AFTER UPDATE OF state ON outbox_message BEGIN
        ${INSERT} SELECT ${UUID}, 'ese.delivery', ${bodies.eseDelivery}, ${NOW} FROM outbox_message o WHERE o.id = NEW.id;
      END;
      -- The intake learns its call a moment after it is written, in the same transaction.
      CREATE TRIGGER ese_intake_sync_call AFTER UPDATE OF call_id ON ese_intake BEGIN
        UPDATE sync_outbox SET body = json_set(body, '$.call_id', NEW.call_id) WHERE id = NEW.id AND pushed_at IS NULL;
      END;
      -- Every call event updates the call's state: the event goes up with the state it led to.
      CREATE TRIGGER call_sync_event AFTER UPDATE OF state ON call BEGIN
        ${INSERT} SELECT ${UUID}, 'call.event', ${bodies.callEvent}, ${NOW}
          FROM call c JOIN call_event e ON e.call_id = c.id WHERE c.id = NEW.id ORDER BY e.seq DESC LIMIT 1;
      END;
      -- A closed call goes up whole once its closing line is on the timeline (written just after the state).
      CREATE TRIGGER call_sync_closed AFTER INSERT ON call_timeline
        WHEN (SELECT state FROM call WHERE id = NEW.call_id) = 'closed' AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE id = NEW.call_id)
      BEGIN
        ${INSERT} SELECT c.id, 'call.closed', ${bodies.callClosed}, ${NOW} FROM call c WHERE c.id = NEW.call_id;
      END;
    `);
  },
};
