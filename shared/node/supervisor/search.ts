/**
 * Search across desks (issue 18 §4): the SQL, central (PostgreSQL) and this desk's
 * (SQLite), built with only the conditions asked for, so each reads through its index
 * (test/unit/supervisor/searchSql.test.ts EXPLAINs these very strings). Pure builders
 * and row mappers: the service runs them, audits them and refuses non-supervisors.
 */
import { maskSsnsInText } from '../../common/privacy/ssnText';
import { SEARCH_PAGE_SIZE, type SearchAssociationRow, type SearchCallRow, type SearchConsentRow, type SearchKind, type SearchRequest } from '../../common/supervisor/search';

export interface Criteria {
  kind: SearchKind;
  caseNumber: string | null;
  /** Exact NPN, and LIKE pattern (lowercase, escaped, '%' appended) for a name. */
  agentId: string | null;
  agentName: string | null;
  /** [from, to) instants. */
  from: Date | null;
  to: Date | null;
  limit: number;
  offset: number;
}

/** Midnight of a calendar day in a time zone, as an instant (DST-safe: the offset is read for that day). */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const offsetAt = (t: number) => {
    const p = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(t))
      .reduce<Record<string, string>>((a, x) => ({ ...a, [x.type]: x.value }), {});
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - t;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function likePrefix(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function criteriaOf(r: SearchRequest, timeZone: string): Criteria {
  const agent = r.agent ?? null;
  return {
    kind: r.kind,
    caseNumber: r.caseNumber ?? null,
    agentId: agent,
    agentName: agent ? likePrefix(agent) : null,
    from: r.from ? startOfDay(r.from, timeZone) : null,
    to: r.to ? startOfDay(nextDay(r.to), timeZone) : null,
    // One more than a page: whether there is a next page, without counting a year.
    limit: SEARCH_PAGE_SIZE + 1,
    offset: (r.page - 1) * SEARCH_PAGE_SIZE,
  };
}

/** What a search is audited with: what was asked, never what was found. */
export function auditQuery(r: SearchRequest): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ kind: r.kind, caseNumber: r.caseNumber, agent: r.agent, from: r.from, to: r.to, page: r.page }).filter(([, v]) => v !== undefined));
}

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly style: 'pg' | 'sqlite') {}
  add(v: unknown): string {
    this.values.push(v instanceof Date && this.style === 'sqlite' ? v.toISOString() : v);
    return this.style === 'pg' ? `$${this.values.length}` : '?';
  }
}

const UUID_TEXT = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;

/**
 * An Agent's records, found first through the Agent's indexes (NPN, name prefix). Left
 * to itself the planner may walk the whole date index backwards hoping to fill a page
 * soon; one Agent has few records a year, so reading them all and sorting costs little.
 */
function agentHits(table: string, condition: string): string {
  return `WITH hit AS MATERIALIZED (SELECT * FROM ${table} WHERE ${condition}) `;
}

/** The central query for one page: text and values for node-postgres. */
export function centralSearchSql(c: Criteria): { text: string; values: unknown[] } {
  const p = new Params('pg');
  const where: string[] = [];
  const range = (col: string) => {
    if (c.from) where.push(`${col} >= ${p.add(c.from)}`);
    if (c.to) where.push(`${col} < ${p.add(c.to)}`);
  };
  let text: string;
  if (c.kind === 'calls') {
    let hits = '';
    if (c.agentId && c.agentName) {
      const id = p.add(c.agentId);
      const name = p.add(c.agentName);
      // The Agent who called, or the Agent associated or consented on the call: each arm reads its own index.
      hits = `WITH hit AS (
          SELECT x.id FROM call_closed x WHERE x.caller_type = 'agent' AND lower(x.caller_name) LIKE ${name}
          UNION SELECT a.call_id::uuid FROM agent_association a
                 WHERE (a.agent_id = ${id} OR lower(a.agent_name) LIKE ${name}) AND a.call_id ~ ${UUID_TEXT}
          UNION SELECT r.call_id::uuid FROM consent_record r
                 WHERE (r.agent_id = ${id} OR lower(r.record -> 'agent' ->> 'name') LIKE ${name}) AND r.call_id ~ ${UUID_TEXT}
        ) `;
    }
    if (c.caseNumber) where.push(`c.case_number = ${p.add(c.caseNumber)}`);
    range('c.started_at');
    text = `${hits}SELECT c.id, d.name AS desk_name, c.operator_name, c.caller_type, c.caller_name, c.case_number, c.started_at, c.closed_at, c.disposition, c.handle_seconds
      FROM call_closed c JOIN desk d ON d.desk_id = c.desk_id${hits ? ' JOIN hit h ON h.id = c.id' : ''}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY c.started_at DESC, c.id DESC`;
  } else if (c.kind === 'consents') {
    let hits = '';
    if (c.agentId && c.agentName) hits = agentHits('consent_record', `agent_id = ${p.add(c.agentId)} OR lower(record -> 'agent' ->> 'name') LIKE ${p.add(c.agentName)}`);
    if (c.caseNumber) where.push(`r.case_number = ${p.add(c.caseNumber)}`);
    range('r.created_at');
    text = `${hits}SELECT r.id, d.name AS desk_name, r.kind, r.method, r.outcome, r.case_number, r.record -> 'client' ->> 'name' AS client_name,
             r.record -> 'agent' ->> 'name' AS agent_name, r.agent_id, r.record ->> 'organization' AS organization, r.created_at
        FROM ${hits ? 'hit' : 'consent_record'} r JOIN desk d ON d.desk_id = r.desk_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.created_at DESC, r.id DESC`;
  } else {
    let hits = '';
    if (c.agentId && c.agentName) hits = agentHits('agent_association', `agent_id = ${p.add(c.agentId)} OR lower(agent_name) LIKE ${p.add(c.agentName)}`);
    if (c.caseNumber) where.push(`a.case_number = ${p.add(c.caseNumber)}`);
    range('a.created_at');
    text = `${hits}SELECT a.id, d.name AS desk_name, a.agent_name, a.agent_id, a.agency, a.case_number, a.associated_on::text AS associated_on, a.created_at
        FROM ${hits ? 'hit' : 'agent_association'} a JOIN desk d ON d.desk_id = a.desk_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.created_at DESC, a.id DESC`;
  }
  return { text: `${text} LIMIT ${p.add(c.limit)} OFFSET ${p.add(c.offset)}`, values: p.values };
}

/** The same page from this desk's SQLite (stand-alone): calls open or closed, as the desk holds them. */
export function localSearchSql(c: Criteria): { text: string; values: unknown[] } {
  const p = new Params('sqlite');
  const where: string[] = [];
  const range = (col: string) => {
    if (c.from) where.push(`${col} >= ${p.add(c.from)}`);
    if (c.to) where.push(`${col} < ${p.add(c.to)}`);
  };
  const w = () => (where.length ? `WHERE ${where.join(' AND ')}` : '');
  let text: string;
  if (c.kind === 'calls') {
    if (c.caseNumber) where.push(`c.case_number = ${p.add(c.caseNumber)}`);
    if (c.agentId && c.agentName) {
      const name = c.agentName;
      where.push(`((c.caller_type = 'agent' AND lower(c.caller_name) LIKE ${p.add(name)} ESCAPE '\\')
        OR c.id IN (SELECT a.call_id FROM agent_association a WHERE a.agent_id = ${p.add(c.agentId)} OR lower(a.agent_name) LIKE ${p.add(name)} ESCAPE '\\')
        OR c.id IN (SELECT r.call_id FROM consent_record r WHERE json_extract(r.record_json, '$.agent.agentId') = ${p.add(c.agentId)}
                     OR lower(json_extract(r.record_json, '$.agent.name')) LIKE ${p.add(name)} ESCAPE '\\'))`);
    }
    range('c.started_at');
    text = `SELECT c.id, o.name AS operator_name, c.caller_type, c.caller_name, c.case_number, c.started_at, c.closed_at, c.disposition,
             CASE WHEN c.closed_at IS NULL THEN NULL ELSE round((julianday(c.closed_at) - julianday(c.started_at)) * 86400) END AS handle_seconds
        FROM call c LEFT JOIN operator o ON o.id = c.operator_id ${w()} ORDER BY c.started_at DESC, c.id DESC`;
  } else if (c.kind === 'consents') {
    if (c.caseNumber) where.push(`json_extract(r.record_json, '$.client.caseNumber') = ${p.add(c.caseNumber)}`);
    if (c.agentId && c.agentName)
      where.push(
        `(json_extract(r.record_json, '$.agent.agentId') = ${p.add(c.agentId)} OR lower(json_extract(r.record_json, '$.agent.name')) LIKE ${p.add(c.agentName)} ESCAPE '\\')`,
      );
    range('r.created_at');
    text = `SELECT r.id, json_extract(r.record_json, '$.kind') AS kind, json_extract(r.record_json, '$.method') AS method, r.outcome,
             json_extract(r.record_json, '$.client.caseNumber') AS case_number, json_extract(r.record_json, '$.client.name') AS client_name,
             json_extract(r.record_json, '$.agent.name') AS agent_name, json_extract(r.record_json, '$.agent.agentId') AS agent_id,
             json_extract(r.record_json, '$.organization') AS organization, r.created_at
        FROM consent_record r ${w()} ORDER BY r.created_at DESC, r.id DESC`;
  } else {
    if (c.caseNumber) where.push(`a.case_number = ${p.add(c.caseNumber)}`);
    if (c.agentId && c.agentName) where.push(`(a.agent_id = ${p.add(c.agentId)} OR lower(a.agent_name) LIKE ${p.add(c.agentName)} ESCAPE '\\')`);
    range('a.created_at');
    text = `SELECT a.id, a.agent_name, a.agent_id, a.agency, a.case_number, a.associated_on, a.created_at FROM agent_association a ${w()} ORDER BY a.created_at DESC, a.id DESC`;
  }
  return { text: `${text} LIMIT ${p.add(c.limit)} OFFSET ${p.add(c.offset)}`, values: p.values };
}

type Raw = Record<string, unknown>;
/** A column or JSON value as text: strings, numbers and dates as themselves, anything else as nothing. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return '';
}
const str = (v: unknown): string | null => (v === null || v === undefined ? null : textOf(v));
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(textOf(v)).toISOString());

export function callRow(r: Raw, deskName: string): SearchCallRow {
  return {
    id: textOf(r.id),
    deskName: str(r.desk_name) ?? deskName,
    operatorName: str(r.operator_name),
    callerType: textOf(r.caller_type),
    // A name typed by a rep before names refused SSNs could hold one: masked in every list.
    callerName: r.caller_name === null || r.caller_name === undefined ? null : maskSsnsInText(textOf(r.caller_name), { keep: [str(r.case_number)] }),
    caseNumber: str(r.case_number),
    startedAt: iso(r.started_at)!,
    closedAt: iso(r.closed_at),
    disposition: str(r.disposition),
    handleSeconds: r.handle_seconds === null || r.handle_seconds === undefined ? null : Math.round(Number(r.handle_seconds)),
  };
}

export function consentRow(r: Raw, deskName: string): SearchConsentRow {
  return {
    id: textOf(r.id),
    deskName: str(r.desk_name) ?? deskName,
    kind: textOf(r.kind),
    method: str(r.method),
    outcome: r.outcome === 'accepted' ? 'accepted' : 'refused',
    caseNumber: str(r.case_number),
    clientName: str(r.client_name),
    agentName: str(r.agent_name),
    agentId: str(r.agent_id),
    organization: str(r.organization),
    createdAt: iso(r.created_at)!,
  };
}

export function associationRow(r: Raw, deskName: string): SearchAssociationRow {
  return {
    id: textOf(r.id),
    deskName: str(r.desk_name) ?? deskName,
    agentName: textOf(r.agent_name),
    agentId: textOf(r.agent_id),
    agency: textOf(r.agency),
    caseNumber: textOf(r.case_number),
    associatedOn: textOf(r.associated_on).slice(0, 10),
    createdAt: iso(r.created_at)!,
  };
}
