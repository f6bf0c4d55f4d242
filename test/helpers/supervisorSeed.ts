import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

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
