import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * A desk's day and week for the Supervisor charts, written into its real SQLite file:
 * closed calls across hours, caller types and dispositions (handle times that differ by
 * disposition), ESE intakes in each delivery state and age, consent records by method
 * and outcome. Call 0's caller name is a spreadsheet formula and call 1's holds an SSN,
 * so exports and lists are checked on hostile text. Returns nothing: tests count with SQL.
 * No transaction: the e2e harness's database is a proxy into the desk thread, which carries
 * statements and values but not a function to run there.
 */
export const HOSTILE_NAME = '=HYPERLINK("http://evil.example","Click")';
export const NAME_WITH_SSN = 'Ana Ruiz 123-45-6789';

export function seedSupervisorData(db: Database.Database, now: Date, calls = 60): void {
  const operatorId = db.prepare('SELECT id FROM operator ORDER BY id LIMIT 1').pluck().get() as number;
  const types = ['resident', 'agent', 'kynector', 'psl'];
  const dispositions = ['resolved', 'callback_needed', 'transferred'];
  const call = db.prepare(
    `INSERT INTO call (id, operator_id, state, caller_type, caller_name, case_number, started_at, ended_at, closed_at, disposition)
     VALUES (?, ?, 'closed', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids: string[] = [];
  {
    for (let i = 0; i < calls; i++) {
      const started = new Date(now.getTime() - (10 + i * 23) * 60_000);
      const handle = (3 + (i % 3) * 2) * 60_000 + (i % 7) * 1000;
      const id = randomUUID();
      ids.push(id);
      call.run(
        id,
        operatorId,
        types[i % types.length],
        i === 0 ? HOSTILE_NAME : i === 1 ? NAME_WITH_SSN : `Caller ${i}`,
        i % 2 ? `1003001${String(i).padStart(2, '0')}` : null,
        started.toISOString(),
        new Date(started.getTime() + handle - 30_000).toISOString(),
        new Date(started.getTime() + handle).toISOString(),
        dispositions[i % dispositions.length],
      );
    }
    const intake = db.prepare(
      `INSERT INTO ese_intake (id, reference, intake_json, resident_name, circumstance, dire_need, submitted_at, submitted_on, operator_id, forwarded_by, call_id)
       VALUES (?, ?, '{}', 'Resident', ?, 0, ?, ?, ?, 'Rita Rep', ?)`,
    );
    const message = db.prepare(`INSERT INTO outbox_message (intake_id, message_id, state, attempts, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`);
    const states = ['sent', 'queued', 'failed', 'sent', 'sending'];
    const agesMin = [20, 90, 600, 2000, 3000];
    for (let i = 0; i < 10; i++) {
      const at = new Date(now.getTime() - agesMin[i % agesMin.length]! * 60_000 - i * 1000).toISOString();
      const id = randomUUID();
      intake.run(id, `ESE-${String(1000 + i)}`, i % 2 ? 'Hospitalized during open enrollment' : 'Error by the marketplace', at, at.slice(0, 10), operatorId, ids[i] ?? null);
      message.run(id, `<m${i}@test>`, states[i % states.length], at, at);
    }
    const consent = db.prepare(`INSERT INTO consent_record (id, session_id, call_id, outcome, record_json, created_at) VALUES (?, NULL, ?, ?, ?, ?)`);
    for (let i = 0; i < 9; i++) {
      const at = new Date(now.getTime() - (30 + i * 170) * 60_000).toISOString();
      const partner = i % 4 === 3;
      const record = {
        kind: partner ? 'kynect-resources-partner-access' : 'agent-association',
        method: partner || i % 3 === 0 ? 'verbal' : 'electronic',
        client: { name: `Client ${i}`, caseNumber: `10030011${i}`, applicationNumber: null },
        agent: partner ? null : { name: `Agent ${i}`, agentId: `AG${i}`, agency: 'Agency' },
        organization: partner ? 'Community Partner Org' : null,
        rep: { operatorId, name: 'Rita Rep' },
      };
      consent.run(randomUUID(), ids[20 + i] ?? null, i % 5 === 4 ? 'refused' : 'accepted', JSON.stringify(record), at);
    }
  }
}

/**
 * Three desks' week in the central store, written as its owner (the three must already
 * be registered): 700 closed calls every 17 minutes across the desks (call 1's caller name
 * a formula, call 2's holding an SSN, every call's notes holding one), 40 ESE intakes with
 * their deliveries (queued first, most delivered later), 50 consent records.
 */
export async function seedCentralWeek(admin: pg.ClientBase, desks: string[], now: string): Promise<void> {
  await admin.query(
    `INSERT INTO call_closed (id, desk_id, desk_seq, operator_id, operator_name, caller_type, caller_name, case_number, started_at, ended_at, closed_at, disposition, notes, timeline, events)
       SELECT gen_random_uuid(), ($1::uuid[])[1 + (g / 5) % 3], g, 1 + g % 9, 'Rep ' || (g % 9), (ARRAY['resident','agent','kynector','psl'])[1 + g % 4],
              CASE WHEN g = 1 THEN '=HYPERLINK("http://evil.example")' WHEN g = 2 THEN 'Ana 123-45-6789' ELSE 'Caller ' || g END, 'C' || g,
              $2::timestamptz - make_interval(mins => g * 17), $2::timestamptz - make_interval(mins => g * 17) + interval '4 minutes',
              $2::timestamptz - make_interval(mins => g * 17) + make_interval(secs => 240 + (g % 3) * 120), (ARRAY['resolved','callback_needed','transferred'])[1 + g % 3],
              'SSN 123-45-6789 in the notes', '[]', '[]'
         FROM generate_series(1, 700) g`,
    [desks, now],
  );
  // ESE intakes: each queued first, most delivered later (the latest delivery is where it stands).
  await admin.query(
    `INSERT INTO ese_intake (id, desk_id, desk_seq, reference, circumstance, dire_need, submitted_at, submitted_on, operator_id, forwarded_by, call_id, message_id, intake)
       SELECT md5('ese' || g)::uuid, ($1::uuid[])[1 + g % 3], 10000 + g, 'ESE-' || (1000 + g), 'Error by the marketplace', false,
              $2::timestamptz - make_interval(mins => g * 53), ($2::timestamptz - make_interval(mins => g * 53))::date, 1, 'Rita Rep', NULL, '<m' || g || '@t>', '{}'
         FROM generate_series(1, 40) g`,
    [desks, now],
  );
  await admin.query(
    `INSERT INTO ese_delivery (id, desk_id, desk_seq, intake_id, state, attempts, last_error, sent_at, at)
       SELECT gen_random_uuid(), ($1::uuid[])[1 + g % 3], 20000 + g * 2 + s, md5('ese' || g)::uuid,
              CASE WHEN s = 0 THEN 'queued' ELSE (ARRAY['sent','failed','sending'])[1 + g % 3] END, s, NULL, NULL,
              $2::timestamptz - make_interval(mins => g * 53) + make_interval(secs => s)
         FROM generate_series(1, 40) g, generate_series(0, 1) s WHERE s = 0 OR g % 4 <> 0`,
    [desks, now],
  );
  await admin.query(
    `INSERT INTO consent_record (id, desk_id, desk_seq, kind, method, outcome, case_number, agent_id, session_id, call_id, created_at, record)
       SELECT gen_random_uuid(), ($1::uuid[])[1 + g % 3], 30000 + g, CASE WHEN g % 5 = 0 THEN 'kynect-resources-partner-access' ELSE 'agent-association' END,
              CASE WHEN g % 3 = 0 THEN 'verbal' ELSE 'electronic' END, CASE WHEN g % 4 = 0 THEN 'refused' ELSE 'accepted' END, 'C' || g, 'AG' || g, NULL, 'not-a-uuid',
              $2::timestamptz - make_interval(mins => g * 61), jsonb_build_object('client', jsonb_build_object('name', 'Client ' || g), 'agent', jsonb_build_object('name', 'Agent ' || g))
         FROM generate_series(1, 50) g`,
    [desks, now],
  );
}
