/**
 * The Supervisor area's reads (issue 18): the live floor and the day's figures, across
 * desks from the central store, or this desk only when none is configured. Electron-free:
 * the database, clock, audit log and the way to reach the store are handed in.
 */
import type pg from 'pg';
import type Database from 'better-sqlite3';
import type { Clock } from '../../common/clock';
import { DeskError } from '../../common/errors';
import type { Operator } from '../../common/foundation/operator';
import { LONG_HOLD_SECONDS, LONG_WRAP_UP_SECONDS, type DayFigures, type Floor, type FloorCall } from '../../common/supervisor/contract';
import { hostname } from 'node:os';
import type { AuditInput } from '../audit/auditLog';
import { configFromUrl, openClient } from '../central/connection';
import type { Disposition } from '../../common/calls/dispositions';
import {
  DRILL_LIMIT,
  drillHeader,
  drillTableRows,
  drillTitle,
  figureTable,
  type DrillList,
  type DrillRequest,
  type ExportFile,
  type ExportRequest,
} from '../../common/supervisor/drill';
import { centralDrill, localDrill, localFigures } from './drill';
import { tableCsv, tablePdf, type ExportTable } from './exportFile';
import { maskSsnsInText } from '../../common/privacy/ssnText';
import { SEARCH_PAGE_SIZE, SearchRequest, SearchResultRequest, type SearchCallRow, type SearchResult, type SearchResultDetail } from '../../common/supervisor/search';
import { associationRow, auditQuery, callRow, centralSearchSql, consentRow, criteriaOf, localSearchSql, textOf } from './search';
import { deskTimeZone } from '../host/timeZone';

export const CENTRAL_SUPERVISOR_URL_ENV = 'KYNECT_CENTRAL_SUPERVISOR_URL';

export interface SupervisorDeps {
  db: Database.Database;
  clock: Clock;
  audit: { append(input: AuditInput): unknown };
  operators: { current(): Operator | null };
  /** A connection under a supervisor login (kd_supervisor), or null: no central store here. */
  connect: (() => Promise<pg.ClientBase & { end(): Promise<void> }>) | null;
  deskName: string;
  /** The contact center's time zone, for "today" and hours. */
  timeZone?: string;
  /** The disposition list, for its labels in exports. */
  dispositions?: () => readonly Disposition[];
}

/** How far back an open call is looked for: a call open longer is a desk left running, not the floor. */
const FLOOR_WINDOW_MS = 12 * 3600_000;

export function flagFor(state: FloorCall['state'], stateSeconds: number): string | null {
  if (state === 'on_hold' && stateSeconds >= LONG_HOLD_SECONDS) return 'Long hold';
  if (state === 'wrap_up' && stateSeconds >= LONG_WRAP_UP_SECONDS) return 'Long wrap-up';
  return null;
}

function floorCall(
  r: { callId: string; deskName: string; operatorName: string | null; callerType: string; state: FloorCall['state']; startedAt: Date; stateSince: Date; holdSeconds: number },
  now: Date,
): FloorCall {
  const total = Math.max(0, (now.getTime() - r.startedAt.getTime()) / 1000);
  const inState = Math.max(0, (now.getTime() - r.stateSince.getTime()) / 1000);
  const wrapUp = r.state === 'wrap_up' ? inState : 0;
  return {
    callId: r.callId,
    deskName: r.deskName,
    operatorName: r.operatorName,
    callerType: r.callerType,
    state: r.state,
    startedAt: r.startedAt.toISOString(),
    stateSince: r.stateSince.toISOString(),
    talkSeconds: Math.round(Math.max(0, total - r.holdSeconds - wrapUp)),
    holdSeconds: Math.round(r.holdSeconds),
    wrapUpSeconds: Math.round(wrapUp),
    flag: flagFor(r.state, inState),
  };
}

export class SupervisorService {
  constructor(private readonly deps: SupervisorDeps) {}

  /** Reps and PSL staff never see other desks' data: refused here, before anything is read. */
  private supervisor(): Operator {
    const op = this.deps.operators.current();
    if (op?.role !== 'supervisor') throw new DeskError('refused', 'Only a supervisor can open the Supervisor area.');
    return op;
  }

  private open(): Promise<pg.ClientBase & { end(): Promise<void> }> {
    return this.deps.connect!().catch((error: unknown) => {
      throw new DeskError('unavailable', `The central store cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private async central<T>(op: Operator, view: string, query: Record<string, unknown>, read: (c: pg.ClientBase) => Promise<{ value: T; rows: number }>): Promise<T> {
    const c = await this.open();
    try {
      const { value, rows } = await read(c);
      // The view is audited where the data lives, under the supervisor's login, and on this desk.
      await c.query('SELECT kd_supervisor_viewed($1, $2, $3, $4)', [op.name, view, JSON.stringify(query), rows]);
      this.deps.audit.append({ action: `supervisor.${view}_viewed`, details: { scope: 'central', ...query, rows } });
      return value;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  async floor(): Promise<Floor> {
    const op = this.supervisor();
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - FLOOR_WINDOW_MS);
    if (!this.deps.connect) {
      const calls = this.localFloor(since, now);
      this.deps.audit.append({ action: 'supervisor.floor_viewed', details: { scope: 'desk', rows: calls.length } });
      return { scope: 'desk', scopeNote: 'No central store is configured: this is this desk only.', serverNow: now.toISOString(), calls };
    }
    return this.central(op, 'floor', {}, async (c) => {
      const r = await c.query<{
        call_id: string;
        desk_name: string;
        operator_name: string | null;
        caller_type: string;
        state: FloorCall['state'];
        state_since: Date;
        started_at: Date;
        hold_seconds: string;
      }>('SELECT * FROM kd_floor($1, $2)', [since, now]);
      const calls = r.rows.map((x) =>
        floorCall(
          {
            callId: x.call_id,
            deskName: x.desk_name,
            operatorName: x.operator_name,
            callerType: x.caller_type,
            state: x.state,
            startedAt: x.started_at,
            stateSince: x.state_since,
            holdSeconds: Number(x.hold_seconds),
          },
          now,
        ),
      );
      return { value: { scope: 'central' as const, scopeNote: 'Every desk, from the central store.', serverNow: now.toISOString(), calls }, rows: calls.length };
    });
  }

  private localFloor(since: Date, now: Date): FloorCall[] {
    const rows = this.deps.db
      .prepare(
        `SELECT c.id, o.name AS operator_name, c.caller_type, c.state, c.started_at,
                (SELECT max(e.at) FROM call_event e WHERE e.call_id = c.id) AS state_since
           FROM call c LEFT JOIN operator o ON o.id = c.operator_id
          WHERE c.state <> 'closed' AND c.started_at >= ? ORDER BY c.started_at`,
      )
      .all(since.toISOString()) as { id: string; operator_name: string | null; caller_type: string; state: FloorCall['state']; started_at: string; state_since: string | null }[];
    const events = this.deps.db.prepare(`SELECT type, at FROM call_event WHERE call_id = ? ORDER BY seq`);
    return rows.map((r) => {
      let hold = 0;
      let heldAt: number | null = null;
      for (const e of events.all(r.id) as { type: string; at: string }[]) {
        if (e.type === 'held') heldAt = Date.parse(e.at);
        else if (e.type === 'resumed' && heldAt !== null) {
          hold += (Date.parse(e.at) - heldAt) / 1000;
          heldAt = null;
        }
      }
      if (heldAt !== null) hold += (now.getTime() - heldAt) / 1000;
      return floorCall(
        {
          callId: r.id,
          deskName: this.deps.deskName,
          operatorName: r.operator_name,
          callerType: r.caller_type,
          state: r.state,
          startedAt: new Date(r.started_at),
          stateSince: new Date(r.state_since ?? r.started_at),
          holdSeconds: hold,
        },
        now,
      );
    });
  }

  /**
   * Consent records, associations or calls by case number, Agent and dates, one page
   * (issue 18 §4). The search is audited with what was asked and how many rows came
   * back, centrally under the supervisor's login and on this desk.
   */
  async search(request: SearchRequest): Promise<SearchResult> {
    const op = this.supervisor();
    const r = SearchRequest.parse(request);
    const criteria = criteriaOf(r, this.deps.timeZone ?? 'UTC');
    const query = auditQuery(r);
    const page = (scope: 'central' | 'desk', rows: Record<string, unknown>[]): SearchResult => {
      const base = {
        scope,
        scopeNote: scope === 'central' ? 'Every desk, from the central store.' : 'No central store is configured: this is this desk only.',
        page: r.page,
        pageSize: SEARCH_PAGE_SIZE,
        hasMore: rows.length > SEARCH_PAGE_SIZE,
      };
      const shown = rows.slice(0, SEARCH_PAGE_SIZE);
      const desk = this.deps.deskName;
      if (r.kind === 'calls') return { kind: 'calls', ...base, rows: shown.map((x) => callRow(x, desk)) };
      if (r.kind === 'consents') return { kind: 'consents', ...base, rows: shown.map((x) => consentRow(x, desk)) };
      return { kind: 'associations', ...base, rows: shown.map((x) => associationRow(x, desk)) };
    };
    if (!this.deps.connect) {
      const sql = localSearchSql(criteria);
      const result = page('desk', this.deps.db.prepare(sql.text).all(...sql.values) as Record<string, unknown>[]);
      this.deps.audit.append({ action: `supervisor.search.${r.kind}_viewed`, details: { scope: 'desk', ...query, rows: result.rows.length } });
      return result;
    }
    return this.central(op, `search.${r.kind}`, query, async (c) => {
      const sql = centralSearchSql(criteria);
      const result = page('central', (await c.query<Record<string, unknown>>(sql.text, sql.values)).rows);
      return { value: result, rows: result.rows.length };
    });
  }

  /** One result in full, SSNs masked; opening it is a view of its own, audited like a search. */
  async searchResult(request: { kind: SearchResult['kind']; id: string }): Promise<SearchResultDetail> {
    const op = this.supervisor();
    const { kind, id } = SearchResultRequest.parse(request);
    const query = { kind, id };
    const missing = () => DeskError.atField('id', 'There is no such result (it may be on a desk that has not synced yet).', 'not_found');
    if (!this.deps.connect) {
      const detail = this.localResult(kind, id);
      if (!detail) throw missing();
      this.deps.audit.append({ action: `supervisor.result.${kind}_viewed`, subject: `${kind}:${id}`, details: { scope: 'desk', ...query } });
      return detail;
    }
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw missing();
    return this.central(op, `result.${kind}`, query, async (c) => {
      const detail = await centralResult(c, kind, id);
      if (!detail) throw missing();
      return { value: detail, rows: 1 };
    });
  }

  private localResult(kind: SearchResult['kind'], id: string): SearchResultDetail | null {
    const db = this.deps.db;
    const desk = this.deps.deskName;
    if (kind === 'calls') {
      const sql = `SELECT c.id, o.name AS operator_name, c.caller_type, c.caller_name, c.case_number, c.started_at, c.closed_at, c.disposition, c.notes,
                          CASE WHEN c.closed_at IS NULL THEN NULL ELSE round((julianday(c.closed_at) - julianday(c.started_at)) * 86400) END AS handle_seconds
                     FROM call c LEFT JOIN operator o ON o.id = c.operator_id WHERE c.id = ?`;
      const row = db.prepare(sql).get(id) as Record<string, unknown> | undefined;
      if (!row) return null;
      const timeline = db.prepare('SELECT at, summary FROM call_timeline WHERE call_id = ? ORDER BY id').all(id) as { at: string; summary: string }[];
      return callDetail(callRow(row, desk), textOf(row.notes), timeline);
    }
    if (kind === 'consents') {
      const row = db.prepare('SELECT id, outcome, record_json, created_at FROM consent_record WHERE id = ?').get(id) as { record_json: string } | undefined;
      if (!row) return null;
      return consentDetail(JSON.parse(row.record_json) as Record<string, unknown>, { id, desk_name: desk });
    }
    const row = db.prepare('SELECT * FROM agent_association WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!row) return null;
    return { kind: 'associations', association: associationRow(row, desk), consentRecordId: textOf(row.consent_record_id), callId: (row.call_id as string | null) ?? null };
  }

  /** Today (from local midnight) or this week (from Monday), in the contact center's zone. */
  window(period: 'today' | 'week'): { from: Date; to: Date } {
    const now = this.deps.clock.now();
    const tz = this.deps.timeZone ?? 'UTC';
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(now)
      .reduce<Record<string, string>>((a, p) => ({ ...a, [p.type]: p.value }), {});
    const sinceMidnight = (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000 + now.getMilliseconds();
    const dayIndex = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? 'Mon');
    const back = period === 'today' ? sinceMidnight : sinceMidnight + dayIndex * 86_400_000;
    return { from: new Date(now.getTime() - back), to: now };
  }

  async figures(period: 'today' | 'week'): Promise<DayFigures> {
    const op = this.supervisor();
    const { from, to } = this.window(period);
    const tz = this.deps.timeZone ?? 'UTC';
    const now = this.deps.clock.now();
    const base = { from: from.toISOString(), to: to.toISOString() };
    if (!this.deps.connect) {
      const figures = this.localFigures(from, to);
      this.deps.audit.append({ action: 'supervisor.figures_viewed', details: { scope: 'desk', period } });
      return { scope: 'desk', ...base, ...figures };
    }
    return this.central(op, 'figures', { period }, async (c) => {
      // One after another: a pg client runs one query at a time (queuing them is deprecated in pg 8, gone in 9).
      const hours = await c.query<{ hour: Date; caller_type: string; calls: string }>('SELECT * FROM kd_calls_per_hour($1, $2, $3)', [from, to, tz]);
      const mix = await c.query<{ disposition: string; calls: string; avg_handle_seconds: string }>('SELECT * FROM kd_disposition_mix($1, $2)', [from, to]);
      const ese = await c.query<{ state: string; age: string; intakes: string }>('SELECT * FROM kd_ese_by_state($1, $2, $3)', [from, to, now]);
      const consent = await c.query<{ method: string; outcome: string; records: string }>('SELECT * FROM kd_consent_mix($1, $2)', [from, to]);
      const value: DayFigures = {
        scope: 'central',
        ...base,
        // `hour` is a timestamp without zone, already in the contact center's zone: said as its wall-clock text.
        callsPerHour: hours.rows.map((r) => ({ hour: wallClock(r.hour), callerType: String(r.caller_type), calls: Number(r.calls) })),
        dispositions: mix.rows.map((r) => ({ disposition: String(r.disposition), calls: Number(r.calls), avgHandleSeconds: Number(r.avg_handle_seconds) })),
        eseByState: ese.rows.map((r) => ({ state: String(r.state), age: String(r.age), intakes: Number(r.intakes) })),
        consentMix: consent.rows.map((r) => ({ method: String(r.method), outcome: String(r.outcome), records: Number(r.records) })),
      };
      return { value, rows: hours.rowCount ?? 0 };
    });
  }

  private tz(): string {
    return this.deps.timeZone ?? 'UTC';
  }

  private localFigures(from: Date, to: Date): Omit<DayFigures, 'scope' | 'from' | 'to'> {
    return localFigures(this.deps.db, { from, to, now: this.deps.clock.now(), timeZone: this.tz() });
  }

  /** The calls behind one bar or segment, read where its figure was read, and audited as a view. */
  async drill(req: DrillRequest): Promise<DrillList> {
    const op = this.supervisor();
    const { from, to } = this.window(req.period);
    const w = { from, to, now: this.deps.clock.now(), timeZone: this.tz() };
    if (!this.deps.connect) {
      const list = localDrill(this.deps.db, this.deps.deskName, req, w);
      this.deps.audit.append({ action: 'supervisor.drill_viewed', details: { scope: 'desk', ...req, rows: list.rows.length } });
      return { scope: 'desk', request: req, timeZone: this.tz(), ...list };
    }
    return this.central(op, 'drill', { ...req }, async (c) => {
      const list = await centralDrill(c, req, w);
      return { value: { scope: 'central' as const, request: req, timeZone: this.tz(), ...list }, rows: list.rows.length };
    });
  }

  /**
   * A figure or a drill-down list as CSV or PDF. The data is read again here (and that
   * read audited as any view is), never taken from the page; the export is audited too.
   */
  async export(req: ExportRequest): Promise<ExportFile> {
    const op = this.supervisor();
    const labels = { dispositions: this.deps.dispositions?.() ?? [] };
    const source = req.source;
    const period = source.kind === 'figure' ? source.period : source.drill.period;
    let table: ExportTable;
    let scope: 'central' | 'desk';
    let name: string;
    if (source.kind === 'figure') {
      const figures = await this.figures(period);
      const t = figureTable(figures, source.figure, period, labels);
      scope = figures.scope;
      name = source.figure;
      table = { ...t, subtitle: this.subtitle(scope, figures.from, figures.to) };
    } else {
      const list = await this.drill(source.drill);
      const { from, to } = this.window(period);
      scope = list.scope;
      name = `${source.drill.figure}-calls`;
      const rows = drillTableRows(list.rows, labels, (iso) => this.local(iso));
      table = {
        title: drillTitle(source.drill, labels),
        subtitle: this.subtitle(scope, from.toISOString(), to.toISOString()),
        summary: `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}${list.truncated ? ` (the first ${DRILL_LIMIT}; there are more)` : ''}. Times in ${this.tz()}. No Social Security number is ever included.`,
        header: [...drillHeader],
        rows,
      };
    }
    const now = this.deps.clock.now();
    const stamp = this.local(now.toISOString()).replace(/[-:]/g, '').replace(' ', '-');
    const fileName = `kynect-supervisor-${name}-${period}-${stamp}.${req.format}`;
    const file: ExportFile =
      req.format === 'csv'
        ? { fileName, mimeType: 'text/csv', encoding: 'utf8', data: tableCsv(table), rows: table.rows.length }
        : { fileName, mimeType: 'application/pdf', encoding: 'base64', data: (await tablePdf(table, now)).toString('base64'), rows: table.rows.length };
    const query = { format: req.format, ...(source.kind === 'figure' ? { figure: source.figure, period } : source.drill) };
    if (scope === 'central') await this.auditCentral(op, 'export', query, file.rows);
    this.deps.audit.append({ action: 'supervisor.exported', details: { scope, ...query, rows: file.rows, fileName } });
    return file;
  }

  private async auditCentral(op: Operator, view: string, query: Record<string, unknown>, rows: number): Promise<void> {
    if (!this.deps.connect) return;
    const c = await this.open();
    try {
      await c.query('SELECT kd_supervisor_viewed($1, $2, $3, $4)', [op.name, view, JSON.stringify(query), rows]);
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  private subtitle(scope: 'central' | 'desk', from: string, to: string): string {
    const where = scope === 'central' ? 'Every desk, from the central store' : `This desk only (${this.deps.deskName}): no central store is configured`;
    return `${where}. From ${this.local(from)} to ${this.local(to)} (${this.tz()}).`;
  }

  /** An instant as the contact center's wall clock, "YYYY-MM-DD HH:MM". */
  private local(iso: string): string {
    const p = new Intl.DateTimeFormat('en-CA', { timeZone: this.tz(), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .reduce<Record<string, string>>((a, x) => ({ ...a, [x.type]: x.value }), {});
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  }
}

async function centralResult(c: pg.ClientBase, kind: SearchResult['kind'], id: string): Promise<SearchResultDetail | null> {
  if (kind === 'calls') {
    const r = await c.query(
      `SELECT c.id, d.name AS desk_name, c.operator_name, c.caller_type, c.caller_name, c.case_number, c.started_at, c.closed_at, c.disposition, c.handle_seconds, c.notes, c.timeline
         FROM call_closed c JOIN desk d ON d.desk_id = c.desk_id WHERE c.id = $1`,
      [id],
    );
    const row = r.rows[0] as Record<string, unknown> | undefined;
    if (!row) return null;
    const timeline = Array.isArray(row.timeline) ? (row.timeline as { at?: unknown; summary?: unknown }[]) : [];
    return callDetail(
      callRow(row, ''),
      textOf(row.notes),
      timeline.map((t) => ({ at: textOf(t.at), summary: textOf(t.summary) })),
    );
  }
  if (kind === 'consents') {
    const r = await c.query('SELECT r.id, d.name AS desk_name, r.record FROM consent_record r JOIN desk d ON d.desk_id = r.desk_id WHERE r.id = $1', [id]);
    const row = r.rows[0] as { id: string; desk_name: string; record: Record<string, unknown> } | undefined;
    return row ? consentDetail(row.record, row) : null;
  }
  const r = await c.query(
    `SELECT a.id, d.name AS desk_name, a.agent_name, a.agent_id, a.agency, a.case_number, a.associated_on::text AS associated_on, a.created_at, a.consent_record_id, a.call_id
       FROM agent_association a JOIN desk d ON d.desk_id = a.desk_id WHERE a.id = $1`,
    [id],
  );
  const row = r.rows[0] as Record<string, unknown> | undefined;
  return row
    ? { kind: 'associations', association: associationRow(row, ''), consentRecordId: textOf(row.consent_record_id), callId: (row.call_id as string | null) ?? null }
    : null;
}

/** A call's notes and timeline as a supervisor reads them: any SSN masked to its last 4 (the call's own case number kept). */
function callDetail(call: SearchCallRow, notes: string, timeline: { at: string; summary: string }[]): SearchResultDetail {
  const keep = [call.caseNumber];
  return {
    kind: 'calls',
    call: { ...call, callerName: call.callerName === null ? null : maskSsnsInText(call.callerName, { keep }) },
    notes: maskSsnsInText(notes, { keep }),
    timeline: timeline.map((t) => ({ at: t.at, summary: maskSsnsInText(t.summary, { keep }) })),
  };
}

function consentDetail(record: Record<string, unknown>, row: { id: string; desk_name: string }): SearchResultDetail {
  const client = (record.client ?? {}) as { name?: string; caseNumber?: string | null };
  const agent = record.agent as { name?: string; agentId?: string } | null | undefined;
  const rep = record.rep as { name?: string } | null | undefined;
  const acks = Array.isArray(record.acknowledgments) ? (record.acknowledgments as { text?: unknown; answer?: unknown }[]) : [];
  const keep = [client.caseNumber ?? null];
  return {
    kind: 'consents',
    consent: consentRow(
      {
        id: row.id,
        desk_name: row.desk_name,
        kind: record.kind,
        method: record.method ?? null,
        outcome: record.outcome,
        case_number: client.caseNumber ?? null,
        client_name: client.name ?? null,
        agent_name: agent?.name ?? null,
        agent_id: agent?.agentId ?? null,
        organization: record.organization ?? null,
        created_at: record.createdAt,
      },
      row.desk_name,
    ),
    repName: rep?.name ?? null,
    attempts: Array.isArray(record.attempts) ? record.attempts.length : 0,
    acknowledgments: acks.map((a) => ({ text: maskSsnsInText(textOf(a.text), { keep }), answer: a.answer === null || a.answer === undefined ? null : textOf(a.answer) })),
    refusal: typeof record.refusal === 'string' ? maskSsnsInText(record.refusal, { keep }) : null,
    callId: typeof record.callId === 'string' ? record.callId : null,
  };
}

function wallClock(d: Date): string {
  // node-postgres reads a timestamp without zone as local time; its local fields are the wall clock.
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:00`;
}

/**
 * The service as a desk builds it: a supervisor login from KYNECT_CENTRAL_SUPERVISOR_URL
 * (the desk's own login is kd_desk, which may read no other desk's records).
 */
export function supervisorFor(core: {
  db: Database.Database;
  clock: Clock;
  audit: SupervisorDeps['audit'];
  operators: SupervisorDeps['operators'];
  env: NodeJS.ProcessEnv;
  dispositions?: SupervisorDeps['dispositions'];
}): SupervisorService {
  const url = core.env[CENTRAL_SUPERVISOR_URL_ENV];
  return new SupervisorService({
    db: core.db,
    clock: core.clock,
    audit: core.audit,
    operators: core.operators,
    dispositions: core.dispositions,
    deskName: core.env.KYNECT_CENTRAL_DESK_NAME || hostname(),
    timeZone: deskTimeZone(core.env),
    connect: url ? () => openClient(configFromUrl(url)) : null,
  });
}
