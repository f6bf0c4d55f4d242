import type { Migration } from './types';

/**
 * Issue 12 §2: a call may close with one primary disposition and more codes where the
 * list marks them combinable. The extra codes are a JSON array beside the primary one
 * (which stays the column reports and the central store group by); calls closed before
 * have none. The closed call goes up to the central store with them: the trigger of
 * migration 0009 is replaced by one whose body also carries `additional_dispositions`
 * (a copy here, so later changes to bodies do not change what this migration wrote).
 */
export const m0022: Migration = {
  version: 22,
  name: 'calls: additional dispositions, pushed with the closed call',
  up(db) {
    db.exec(`
      ALTER TABLE call ADD COLUMN additional_dispositions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(additional_dispositions) AND json_type(additional_dispositions) = 'array');
      DROP TRIGGER call_sync_closed;
      CREATE TRIGGER call_sync_closed AFTER INSERT ON call_timeline
        WHEN (SELECT state FROM call WHERE id = NEW.call_id) = 'closed' AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE id = NEW.call_id)
      BEGIN
        INSERT INTO sync_outbox (id, kind, body, created_at) SELECT c.id, 'call.closed', ${CALL_CLOSED_0022}, ${NOW} FROM call c WHERE c.id = NEW.call_id;
      END;
    `);
  },
};

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const CALL_CLOSED_0022 = `json_object('operator_id', c.operator_id, 'operator_name', (SELECT name FROM operator WHERE id = c.operator_id), 'caller_type', c.caller_type,
      'caller_name', c.caller_name, 'callback_number', c.callback_number, 'case_number', c.case_number, 'started_at', c.started_at, 'ended_at', c.ended_at,
      'closed_at', c.closed_at, 'disposition', c.disposition, 'additional_dispositions', json(c.additional_dispositions), 'follow_up_date', c.follow_up_date, 'notes', c.notes,
      'timeline', (SELECT json_group_array(json_object('at', t.at, 'kind', t.kind, 'summary', t.summary, 'ref_id', t.ref_id, 'details', json(t.details_json)))
                     FROM (SELECT * FROM call_timeline WHERE call_id = c.id ORDER BY id) t),
      'events', (SELECT json_group_array(json(x.data_json)) FROM (SELECT data_json FROM call_event WHERE call_id = c.id ORDER BY seq) x))`;
