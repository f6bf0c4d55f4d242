/**
 * The calls behind a bar (issue 18 §3), read where the figures are read: the central
 * store under the supervisor login, or this desk's SQLite when stand-alone. Each query
 * filters exactly as the figure's own aggregate groups, so a bar's list has as many
 * rows as the bar says. Notes are never read; free text is SSN-masked on the way out.
 */
import type pg from 'pg';
import type Database from 'better-sqlite3';
import { maskSsnsInText } from '../../common/privacy/ssnText';
import type { DayFigures } from '../../common/supervisor/contract';
import { DRILL_LIMIT, wallClockHour, type DrillRequest, type DrillRow } from '../../common/supervisor/drill';

export interface Window {
  from: Date;
  to: Date;
  now: Date;
  timeZone: string;
}

const mask = (t: string | null | undefined): string | null => (t ? maskSsnsInText(t) : null);

interface RawRow {
  id: string;
  at: string | Date;
  desk_name: string;
  operator_name: string | null;
  caller_type: string | null;
  caller_name: string | null;
  case_number: string | null;
  disposition: string | null;
  handle_seconds: string | number | null;
  reference?: string | null;
  circumstance?: string | null;
  kind?: string | null;
  agent_name?: string | null;
  agent_id?: string | null;
  organization?: string | null;
  client_name?: string | null;
}

function detailOf(r: RawRow): string | null {
  if (r.reference) return `${r.reference}: ${r.circumstance ?? ''}`.trim();
  if (r.kind === 'agent-association')
    return `Agent association: ${r.agent_name ?? 'Agent'}${r.agent_id ? ` (${r.agent_id})` : ''}${r.client_name ? `, client ${r.client_name}` : ''}`;
  if (r.kind) return `kynect resources partner access: ${r.organization ?? 'partner'}${r.client_name ? `, resident ${r.client_name}` : ''}`;
  return null;
}

function toRow(r: RawRow): DrillRow {
  return {
    id: String(r.id),
    at: r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString(),
    deskName: r.desk_name,
    operatorName: mask(r.operator_name),
    callerType: r.caller_type,
    callerName: mask(r.caller_name),
    caseNumber: r.case_number,
    disposition: r.disposition,
    handleSeconds: r.handle_seconds === null || r.handle_seconds === undefined ? null : Math.round(Number(r.handle_seconds)),
    detail: mask(detailOf(r)),
  };
}

function cut(rows: RawRow[]): { rows: DrillRow[]; truncated: boolean } {
  return { rows: rows.slice(0, DRILL_LIMIT).map(toRow), truncated: rows.length > DRILL_LIMIT };
}

// ── central ─────────────────────────────────────────────────────────────

const UUID_TEXT = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;
// A record's call id is the desk's text; CASE keeps a malformed one from failing the cast.
const callOf = (col: string) => `LEFT JOIN call_closed c ON c.id = CASE WHEN ${col} ~ ${UUID_TEXT} THEN ${col}::uuid END`;

const CENTRAL_CALL_COLUMNS = `c.id::text AS id, c.started_at AS at, d.name AS desk_name, c.operator_name, c.caller_type, c.caller_name, c.case_number, c.disposition, c.handle_seconds`;
// The same age buckets as kd_ese_by_state.
const CENTRAL_AGE = `CASE WHEN $3::timestamptz - s.submitted_at < interval '1 hour' THEN 'under 1 hour'
                          WHEN $3::timestamptz - s.submitted_at < interval '1 day' THEN '1 to 24 hours' ELSE 'over 1 day' END`;

export async function centralDrill(c: pg.ClientBase, req: DrillRequest, w: Window): Promise<{ rows: DrillRow[]; truncated: boolean }> {
  const limit = DRILL_LIMIT + 1;
  switch (req.figure) {
    case 'callsPerHour': {
      const r = await c.query<RawRow>(
        `SELECT ${CENTRAL_CALL_COLUMNS} FROM call_closed c JOIN desk d ON d.desk_id = c.desk_id
          WHERE c.started_at >= $1 AND c.started_at < $2 AND date_trunc('hour', c.started_at AT TIME ZONE $3) = $4::timestamp AND c.caller_type = $5
          ORDER BY c.started_at, c.id LIMIT $6`,
        [w.from, w.to, w.timeZone, req.hour, req.callerType, limit],
      );
      return cut(r.rows);
    }
    case 'dispositions':
    case 'handleTime': {
      const r = await c.query<RawRow>(
        `SELECT ${CENTRAL_CALL_COLUMNS} FROM call_closed c JOIN desk d ON d.desk_id = c.desk_id
          WHERE c.started_at >= $1 AND c.started_at < $2 AND c.disposition = $3 ORDER BY c.started_at, c.id LIMIT $4`,
        [w.from, w.to, req.disposition, limit],
      );
      return cut(r.rows);
    }
    case 'eseByState': {
      const r = await c.query<RawRow>(
        `SELECT i.id::text AS id, i.submitted_at AS at, d.name AS desk_name, i.forwarded_by AS operator_name, c.caller_type, c.caller_name,
                coalesce(c.case_number, i.intake->>'caseNumber') AS case_number, c.disposition, c.handle_seconds, i.reference, i.circumstance
           FROM ese_intake_state s JOIN ese_intake i ON i.id = s.id JOIN desk d ON d.desk_id = i.desk_id ${callOf('i.call_id')}
          WHERE s.submitted_at >= $1 AND s.submitted_at < $2 AND coalesce(s.state, 'queued') = $4 AND ${CENTRAL_AGE} = $5
          ORDER BY s.submitted_at, i.id LIMIT $6`,
        [w.from, w.to, w.now, req.state, req.age, limit],
      );
      return cut(r.rows);
    }
    case 'consentMix': {
      const r = await c.query<RawRow>(
        `SELECT r.id::text AS id, r.created_at AS at, d.name AS desk_name, coalesce(c.operator_name, r.record->'rep'->>'name') AS operator_name,
                c.caller_type, c.caller_name, r.case_number, c.disposition, c.handle_seconds, r.kind,
                r.record->'agent'->>'name' AS agent_name, r.agent_id, r.record->>'organization' AS organization, r.record->'client'->>'name' AS client_name
           FROM consent_record r JOIN desk d ON d.desk_id = r.desk_id ${callOf('r.call_id')}
          WHERE r.created_at >= $1 AND r.created_at < $2 AND coalesce(r.method, r.kind) = $3 AND r.outcome = $4
          ORDER BY r.created_at, r.id LIMIT $5`,
        [w.from, w.to, req.method, req.outcome, limit],
      );
      return cut(r.rows);
    }
  }
}

// ── this desk only ──────────────────────────────────────────────────────

const LOCAL_CALL_COLUMNS = `c.id, c.started_at AS at, ? AS desk_name, o.name AS operator_name, c.caller_type, c.caller_name, c.case_number, c.disposition,
  round((julianday(c.closed_at) - julianday(c.started_at)) * 86400, 3) AS handle_seconds`;
const LOCAL_CLOSED = `FROM call c LEFT JOIN operator o ON o.id = c.operator_id WHERE c.state = 'closed' AND c.started_at >= ? AND c.started_at < ?`;
const LOCAL_AGE = `CASE WHEN (julianday(?) - julianday(i.submitted_at)) * 86400 < 3600 THEN 'under 1 hour'
                        WHEN (julianday(?) - julianday(i.submitted_at)) * 86400 < 86400 THEN '1 to 24 hours' ELSE 'over 1 day' END`;
const LOCAL_METHOD = `coalesce(json_extract(r.record_json, '$.method'), json_extract(r.record_json, '$.kind'))`;

export function localDrill(db: Database.Database, deskName: string, req: DrillRequest, w: Window): { rows: DrillRow[]; truncated: boolean } {
  const range = [w.from.toISOString(), w.to.toISOString()];
  const now = w.now.toISOString();
  switch (req.figure) {
    case 'callsPerHour': {
      // SQLite has no time zones: the window and type narrow it, the hour is the zone's wall clock as centrally.
      const rows = db.prepare(`SELECT ${LOCAL_CALL_COLUMNS} ${LOCAL_CLOSED} AND c.caller_type = ? ORDER BY c.started_at, c.id`).all(deskName, ...range, req.callerType) as RawRow[];
      return cut(rows.filter((r) => wallClockHour(String(r.at), w.timeZone) === req.hour));
    }
    case 'dispositions':
    case 'handleTime':
      return cut(
        db
          .prepare(`SELECT ${LOCAL_CALL_COLUMNS} ${LOCAL_CLOSED} AND c.disposition = ? ORDER BY c.started_at, c.id LIMIT ?`)
          .all(deskName, ...range, req.disposition, DRILL_LIMIT + 1) as RawRow[],
      );
    case 'eseByState':
      return cut(
        db
          .prepare(
            `SELECT i.id, i.submitted_at AS at, ? AS desk_name, i.forwarded_by AS operator_name, c.caller_type, c.caller_name,
                    coalesce(c.case_number, json_extract(i.intake_json, '$.caseNumber')) AS case_number, c.disposition,
                    CASE WHEN c.closed_at IS NOT NULL THEN round((julianday(c.closed_at) - julianday(c.started_at)) * 86400, 3) END AS handle_seconds,
                    i.reference, i.circumstance
               FROM ese_intake i LEFT JOIN outbox_message m ON m.intake_id = i.id LEFT JOIN call c ON c.id = i.call_id
              WHERE i.submitted_at >= ? AND i.submitted_at < ? AND coalesce(m.state, 'queued') = ? AND ${LOCAL_AGE} = ?
              ORDER BY i.submitted_at, i.id LIMIT ?`,
          )
          .all(deskName, ...range, req.state, now, now, req.age, DRILL_LIMIT + 1) as RawRow[],
      );
    case 'consentMix':
      return cut(
        db
          .prepare(
            `SELECT r.id, r.created_at AS at, ? AS desk_name, coalesce(o.name, json_extract(r.record_json, '$.rep.name')) AS operator_name,
                    c.caller_type, c.caller_name, json_extract(r.record_json, '$.client.caseNumber') AS case_number, c.disposition,
                    CASE WHEN c.closed_at IS NOT NULL THEN round((julianday(c.closed_at) - julianday(c.started_at)) * 86400, 3) END AS handle_seconds,
                    json_extract(r.record_json, '$.kind') AS kind, json_extract(r.record_json, '$.agent.name') AS agent_name,
                    json_extract(r.record_json, '$.agent.agentId') AS agent_id, json_extract(r.record_json, '$.organization') AS organization,
                    json_extract(r.record_json, '$.client.name') AS client_name
               FROM consent_record r LEFT JOIN call c ON c.id = r.call_id LEFT JOIN operator o ON o.id = c.operator_id
              WHERE r.created_at >= ? AND r.created_at < ? AND ${LOCAL_METHOD} = ? AND r.outcome = ?
              ORDER BY r.created_at, r.id LIMIT ?`,
          )
          .all(deskName, ...range, req.method, req.outcome, DRILL_LIMIT + 1) as RawRow[],
      );
  }
}

/** This desk's figures, grouped as the central functions group (migration 2), hours in the contact center's zone. */
export function localFigures(db: Database.Database, w: Window): Omit<DayFigures, 'scope' | 'from' | 'to'> {
  const range = [w.from.toISOString(), w.to.toISOString()];
  const now = w.now.toISOString();
  const closed = `FROM call WHERE state = 'closed' AND started_at >= ? AND started_at < ?`;
  // Grouped by UTC hour in SQL, then each UTC hour named by its wall-clock hour (merged where DST folds two into one).
  const utcHours = db.prepare(`SELECT substr(started_at, 1, 13) AS hour, caller_type, count(*) AS calls ${closed} GROUP BY 1, 2`).all(...range) as {
    hour: string;
    caller_type: string;
    calls: number;
  }[];
  const perHour = new Map<string, { hour: string; callerType: string; calls: number }>();
  for (const r of utcHours) {
    const hour = wallClockHour(`${r.hour}:00:00Z`, w.timeZone);
    const key = `${hour}\u0000${r.caller_type}`;
    const at = perHour.get(key);
    if (at) at.calls += r.calls;
    else perHour.set(key, { hour, callerType: r.caller_type, calls: r.calls });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    callsPerHour: [...perHour.values()].sort((a, b) => order(a.hour, b.hour) || order(a.callerType, b.callerType)),
    dispositions: (
      db
        .prepare(`SELECT disposition, count(*) AS calls, round(avg((julianday(closed_at) - julianday(started_at)) * 86400), 1) AS avg ${closed} GROUP BY 1 ORDER BY 2 DESC, 1`)
        .all(...range) as { disposition: string; calls: number; avg: number }[]
    ).map((r) => ({ disposition: r.disposition, calls: r.calls, avgHandleSeconds: r.avg })),
    eseByState: (
      db
        .prepare(
          `SELECT coalesce(m.state, 'queued') AS state, ${LOCAL_AGE} AS age, count(*) AS intakes
             FROM ese_intake i LEFT JOIN outbox_message m ON m.intake_id = i.id
            WHERE i.submitted_at >= ? AND i.submitted_at < ? GROUP BY 1, 2 ORDER BY 1, 2`,
        )
        .all(now, now, ...range) as { state: string; age: string; intakes: number }[]
    ).map((r) => ({ state: r.state, age: r.age, intakes: r.intakes })),
    consentMix: (
      db
        .prepare(`SELECT ${LOCAL_METHOD} AS method, r.outcome, count(*) AS records FROM consent_record r WHERE r.created_at >= ? AND r.created_at < ? GROUP BY 1, 2 ORDER BY 1, 2`)
        .all(...range) as { method: string; outcome: string; records: number }[]
    ).map((r) => ({ method: r.method, outcome: r.outcome, records: r.records })),
  };
}
