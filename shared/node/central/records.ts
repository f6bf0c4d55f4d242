/**
 * What each kind of outbox row becomes centrally: its table and its columns with their
 * PostgreSQL types. A push turns a batch of bodies into rows with jsonb_to_recordset,
 * so the server does the typing and one statement per kind inserts them all.
 * The keys of the bodies written by the SQLite triggers (migration 0009) are these names.
 */
export interface RecordKind {
  table: string;
  columns: string;
}

export const recordKinds: Record<string, RecordKind> = {
  audit: {
    table: 'audit_entry',
    columns: 'seq bigint, at timestamptz, actor text, action text, subject text, details jsonb, prev_hash text, hash text',
  },
  'call.event': {
    table: 'call_event',
    columns: 'call_id uuid, seq integer, at timestamptz, type text, state text, caller_type text, operator_id integer, operator_name text, started_at timestamptz, data jsonb',
  },
  'call.closed': {
    table: 'call_closed',
    columns:
      'operator_id integer, operator_name text, caller_type text, caller_name text, callback_number text, case_number text, started_at timestamptz, ended_at timestamptz, closed_at timestamptz, disposition text, additional_dispositions jsonb, follow_up_date date, notes text, timeline jsonb, events jsonb',
  },
  'consent.request': { table: 'consent_request', columns: 'case_number text, agent_id text, session_id text, sent_at timestamptz' },
  'consent.record': {
    table: 'consent_record',
    columns: 'kind text, method text, outcome text, case_number text, agent_id text, session_id text, call_id text, created_at timestamptz, record jsonb',
  },
  association: {
    table: 'agent_association',
    columns: 'agent_id text, agent_name text, agency text, case_number text, associated_on date, operator_id integer, call_id text, consent_record_id uuid, created_at timestamptz',
  },
  'ese.intake': {
    table: 'ese_intake',
    columns:
      'reference text, circumstance text, dire_need boolean, submitted_at timestamptz, submitted_on date, operator_id integer, forwarded_by text, call_id text, message_id text, intake jsonb, closing_text jsonb',
  },
  'ese.delivery': { table: 'ese_delivery', columns: 'intake_id uuid, state text, attempts integer, last_error text, sent_at timestamptz, at timestamptz' },
};

/** The INSERT for one kind: $1 the desk id, $2 a JSON array of {id, desk_seq, …body}. */
export function insertSql(kind: string): string {
  const k = recordKinds[kind];
  if (!k) throw new Error(`No central table for outbox rows of kind ${kind}.`);
  const names = k.columns.split(',').map((c) => c.trim().split(' ')[0]!);
  return `INSERT INTO ${k.table} (id, desk_id, desk_seq, ${names.join(', ')})
    SELECT x.id, $1::uuid, x.desk_seq, ${names.map((n) => `x.${n}`).join(', ')}
      FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, desk_seq bigint, ${k.columns})
     ORDER BY x.desk_seq
    ON CONFLICT (id) DO NOTHING`;
}
