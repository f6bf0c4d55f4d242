/**
 * The central store's schema, as numbered SQL migrations (`central migrate`). Like the
 * desk's SQLite migrations, a shipped one is never edited: a change is a new number.
 *
 * Records are append-only, and the database says so itself: the desk role is granted
 * INSERT and no UPDATE, DELETE or TRUNCATE, and triggers refuse UPDATE, DELETE and
 * TRUNCATE to everyone, the owner included. A desk may only insert records under a
 * desk id registered by its own login, and an audit entry only where it continues the
 * chain the central store already holds for that desk.
 *
 * Members are the one table that changes: the loader upserts the extract into it.
 * Every row (members and associations) carries the transaction id that wrote it
 * (`txid`, xid8): desks pull changes in (txid, key) order, below the oldest
 * transaction still running, so a change committed late is never skipped.
 */
export interface CentralMigration {
  version: number;
  name: string;
  sql: string;
}

/** Group roles: login roles are made members of one of these (`central user add`). */
export const DESK_ROLE = 'kd_desk';
export const SUPERVISOR_ROLE = 'kd_supervisor';

/** Record tables: append-only, written by desks through the sync outbox. */
export const RECORD_TABLES = ['audit_entry', 'call_event', 'call_closed', 'consent_request', 'consent_record', 'agent_association', 'ese_intake', 'ese_delivery'] as const;

const recordColumns = `
  id           uuid PRIMARY KEY,
  desk_id      uuid NOT NULL REFERENCES desk (desk_id),
  desk_seq     bigint NOT NULL,
  pushed_by    name NOT NULL DEFAULT session_user,
  received_at  timestamptz NOT NULL DEFAULT now()`;

const m0001 = `
CREATE TABLE central_schema (
  version     integer PRIMARY KEY,
  name        text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${DESK_ROLE}') THEN CREATE ROLE ${DESK_ROLE} NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${SUPERVISOR_ROLE}') THEN CREATE ROLE ${SUPERVISOR_ROLE} NOLOGIN; END IF;
END $$;

-- A desk registers itself once; its login is the session's, never what the desk says.
CREATE TABLE desk (
  desk_id        uuid PRIMARY KEY,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  login          name NOT NULL DEFAULT session_user,
  app_version    text NOT NULL,
  registered_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX desk_login ON desk (login);

CREATE TABLE audit_entry (${recordColumns},
  seq        bigint NOT NULL CHECK (seq >= 1),
  at         timestamptz NOT NULL,
  actor      text NOT NULL,
  action     text NOT NULL,
  subject    text,
  details    jsonb NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL,
  UNIQUE (desk_id, seq)
);
CREATE INDEX audit_entry_action ON audit_entry (action, at);

-- Every change of a call's state, as it happened (the live floor folds these).
CREATE TABLE call_event (${recordColumns},
  call_id        uuid NOT NULL,
  seq            integer NOT NULL,
  at             timestamptz NOT NULL,
  type           text NOT NULL,
  state          text NOT NULL CHECK (state IN ('active', 'on_hold', 'wrap_up', 'closed')),
  caller_type    text NOT NULL,
  operator_id    integer,
  operator_name  text,
  started_at     timestamptz NOT NULL,
  data           jsonb NOT NULL,
  UNIQUE (call_id, seq)
);
CREATE INDEX call_event_at ON call_event (at);
-- The live floor: the latest event of each call started lately, without reading a year of calls.
CREATE INDEX call_event_recent ON call_event (started_at, call_id, seq DESC);
CREATE INDEX call_event_desk ON call_event (desk_id, at);

-- A closed call, whole: what it was, how it ended, its notes and timeline.
CREATE TABLE call_closed (${recordColumns},
  operator_id      integer,
  operator_name    text,
  caller_type      text NOT NULL,
  caller_name      text,
  callback_number  text,
  case_number      text,
  started_at       timestamptz NOT NULL,
  ended_at         timestamptz,
  closed_at        timestamptz NOT NULL,
  disposition      text NOT NULL,
  follow_up_date   date,
  handle_seconds   numeric GENERATED ALWAYS AS (extract(epoch FROM closed_at - started_at)) STORED,
  notes            text NOT NULL,
  timeline         jsonb NOT NULL,
  events           jsonb NOT NULL
);
CREATE INDEX call_closed_started ON call_closed (started_at);
CREATE INDEX call_closed_closed ON call_closed (closed_at);
CREATE INDEX call_closed_case ON call_closed (case_number) WHERE case_number IS NOT NULL;
CREATE INDEX call_closed_disposition ON call_closed (disposition, closed_at);
CREATE INDEX call_closed_caller_type ON call_closed (caller_type, started_at);

-- Electronic consent requests sent (001: at most 3 per client and Agent while access is not processed).
CREATE TABLE consent_request (${recordColumns},
  case_number  text NOT NULL,
  agent_id     text NOT NULL,
  session_id   text NOT NULL,
  sent_at      timestamptz NOT NULL
);
CREATE INDEX consent_request_pair ON consent_request (case_number, agent_id, sent_at);

CREATE TABLE consent_record (${recordColumns},
  kind         text NOT NULL,
  method       text,
  outcome      text NOT NULL CHECK (outcome IN ('accepted', 'refused')),
  case_number  text,
  agent_id     text,
  session_id   text,
  call_id      text,
  created_at   timestamptz NOT NULL,
  record       jsonb NOT NULL
);
CREATE INDEX consent_record_created ON consent_record (created_at);
CREATE INDEX consent_record_method ON consent_record (method, outcome, created_at);
CREATE INDEX consent_record_case ON consent_record (case_number) WHERE case_number IS NOT NULL;
CREATE INDEX consent_record_agent ON consent_record (agent_id, created_at) WHERE agent_id IS NOT NULL;

CREATE TABLE agent_association (${recordColumns},
  agent_id           text NOT NULL,
  agent_name         text NOT NULL,
  agency             text NOT NULL,
  case_number        text NOT NULL,
  associated_on      date NOT NULL,
  operator_id        integer,
  call_id            text,
  consent_record_id  uuid NOT NULL,
  created_at         timestamptz NOT NULL,
  txid               xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX agent_association_case ON agent_association (case_number, agent_id, created_at);
CREATE INDEX agent_association_agent ON agent_association (agent_id);
CREATE INDEX agent_association_txid ON agent_association (txid, id);

CREATE TABLE ese_intake (${recordColumns},
  reference     text NOT NULL,
  circumstance  text NOT NULL,
  dire_need     boolean NOT NULL,
  submitted_at  timestamptz NOT NULL,
  submitted_on  date NOT NULL,
  operator_id   integer,
  forwarded_by  text NOT NULL,
  call_id       text,
  message_id    text NOT NULL,
  intake        jsonb NOT NULL
);
CREATE INDEX ese_intake_submitted ON ese_intake (submitted_at);
CREATE INDEX ese_intake_reference ON ese_intake (reference);

-- Each state an ESE message went through; the latest per intake is where it stands.
CREATE TABLE ese_delivery (${recordColumns},
  intake_id   uuid NOT NULL,
  state       text NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
  attempts    integer NOT NULL,
  last_error  text,
  sent_at     timestamptz,
  at          timestamptz NOT NULL
);
CREATE INDEX ese_delivery_intake ON ese_delivery (intake_id, at DESC);
CREATE INDEX ese_delivery_state ON ese_delivery (state, at);

-- Where each desk's audit chain stands on the central store.
CREATE VIEW desk_audit_head AS
  SELECT DISTINCT ON (desk_id) desk_id, seq, hash, at FROM audit_entry ORDER BY desk_id, seq DESC;

-- Each call's latest state (closed calls included; the floor filters state <> 'closed').
CREATE VIEW call_latest AS
  SELECT DISTINCT ON (call_id) call_id, desk_id, seq, at AS state_since, state, caller_type, operator_id, operator_name, started_at
    FROM call_event ORDER BY call_id, seq DESC;

-- Each ESE intake with where its message stands.
CREATE VIEW ese_intake_state AS
  SELECT i.id, i.desk_id, i.reference, i.circumstance, i.dire_need, i.submitted_at, d.state, d.attempts, d.last_error, d.at AS state_since
    FROM ese_intake i
    LEFT JOIN LATERAL (SELECT state, attempts, last_error, at FROM ese_delivery WHERE intake_id = i.id ORDER BY at DESC, received_at DESC LIMIT 1) d ON true;

-- The member extract, as loaded (members change; desks only read them).
CREATE TABLE member_load (
  id              bigserial PRIMARY KEY,
  loaded_at       timestamptz NOT NULL DEFAULT now(),
  loaded_by       name NOT NULL DEFAULT session_user,
  file_name       text NOT NULL,
  file_sha256     text NOT NULL,
  rows            integer NOT NULL,
  inserted        integer NOT NULL,
  updated         integer NOT NULL,
  unchanged       integer NOT NULL,
  key_check       text NOT NULL
);

CREATE TABLE member (
  member_id                 text PRIMARY KEY,
  case_number               text NOT NULL,
  application_number        text,
  first_name                text NOT NULL,
  middle_name               text,
  last_name                 text NOT NULL,
  suffix                    text,
  date_of_birth             date NOT NULL,
  sex                       text NOT NULL CHECK (sex IN ('M', 'F', 'U')),
  -- Where the SSN is sealed (member_ssn_block, under the contact-center key); never the SSN in clear.
  ssn_block                 bigint,
  ssn_slot                  smallint CHECK (ssn_slot BETWEEN 0 AND 31),
  -- Keyed fingerprint of (member id, SSN): tells the loader an SSN changed without opening it.
  ssn_check                 bytea,
  head_of_household         boolean NOT NULL,
  case_status               text NOT NULL,
  application_submitted_on  date,
  load_id                   bigint NOT NULL REFERENCES member_load (id),
  txid                      xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CHECK ((ssn_block IS NULL) = (ssn_slot IS NULL) AND (ssn_block IS NULL) = (ssn_check IS NULL))
);
CREATE INDEX member_txid ON member (txid, member_id);
CREATE INDEX member_ssn_block_ref ON member (ssn_block) WHERE ssn_block IS NOT NULL;

-- Up to 32 (member id, SSN) pairs sealed with AES-256-GCM under the contact-center key, the id as additional data.
CREATE TABLE member_ssn_block (
  id      bigint PRIMARY KEY,
  sealed  bytea NOT NULL
);
CREATE SEQUENCE member_ssn_block_id;
CREATE INDEX member_case ON member (case_number);

-- ── append-only, enforced here ──────────────────────────────────────────
CREATE FUNCTION kd_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- Who wrote a record and when it arrived are the server's to say; the desk id must be the login's own.
CREATE FUNCTION kd_record_stamp() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  NEW.pushed_by := session_user;
  NEW.received_at := now();
  IF NOT EXISTS (SELECT 1 FROM desk WHERE desk_id = NEW.desk_id AND login = session_user) THEN
    RAISE EXCEPTION 'desk % is not registered to login %', NEW.desk_id, session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION kd_desk_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.login := session_user;
  NEW.registered_at := now();
  RETURN NEW;
END $$;

-- A desk's audit entries continue the chain the central store holds: a rewritten local chain is refused.
CREATE FUNCTION kd_audit_links() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE prev text;
BEGIN
  IF NEW.seq = 1 THEN
    IF NEW.prev_hash <> repeat('0', 64) THEN
      RAISE EXCEPTION 'audit entry 1 of desk % does not start the chain', NEW.desk_id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  SELECT hash INTO prev FROM audit_entry WHERE desk_id = NEW.desk_id AND seq = NEW.seq - 1;
  IF prev IS NULL OR prev <> NEW.prev_hash THEN
    RAISE EXCEPTION 'audit entry % of desk % does not continue the chain held centrally (entry % is %)', NEW.seq, NEW.desk_id, NEW.seq - 1, coalesce(prev, 'missing')
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER desk_stamp BEFORE INSERT ON desk FOR EACH ROW EXECUTE FUNCTION kd_desk_stamp();
CREATE TRIGGER desk_append_only BEFORE UPDATE OR DELETE ON desk FOR EACH ROW EXECUTE FUNCTION kd_append_only();
CREATE TRIGGER desk_no_truncate BEFORE TRUNCATE ON desk FOR EACH STATEMENT EXECUTE FUNCTION kd_append_only();
CREATE TRIGGER audit_entry_links BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION kd_audit_links();
${RECORD_TABLES.map(
  (t) => `CREATE TRIGGER ${t}_stamp BEFORE INSERT ON ${t} FOR EACH ROW EXECUTE FUNCTION kd_record_stamp();
CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION kd_append_only();
CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION kd_append_only();`,
).join('\n')}
CREATE TRIGGER member_load_append_only BEFORE UPDATE OR DELETE ON member_load FOR EACH ROW EXECUTE FUNCTION kd_append_only();

-- ── what desks may ask without reading other desks' records ─────────────
-- Electronic consent requests other desks sent this client for this Agent since the pair was last associated.
CREATE FUNCTION kd_requests_elsewhere(p_desk uuid, p_case text, p_agent text) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::integer FROM consent_request r
   WHERE r.case_number = p_case AND r.agent_id = p_agent AND r.desk_id <> p_desk
     AND r.sent_at > coalesce((SELECT max(a.created_at) FROM agent_association a WHERE a.case_number = p_case AND a.agent_id = p_agent), '-infinity')
$$;

-- The calling login's own desk's chain as the central store holds it, for central verify.
CREATE FUNCTION kd_audit_chain(p_desk uuid, p_after bigint, p_limit integer) RETURNS TABLE (seq bigint, prev_hash text, hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM desk WHERE desk_id = p_desk AND (login = session_user OR pg_has_role(session_user, '${SUPERVISOR_ROLE}', 'MEMBER'))) THEN
    RAISE EXCEPTION 'desk % is not registered to login %', p_desk, session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY SELECT a.seq, a.prev_hash, a.hash FROM audit_entry a WHERE a.desk_id = p_desk AND a.seq > p_after ORDER BY a.seq LIMIT p_limit;
END $$;

-- ── least privilege ─────────────────────────────────────────────────────
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON FUNCTION kd_requests_elsewhere(uuid, text, text), kd_audit_chain(uuid, bigint, integer) FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${DESK_ROLE}, ${SUPERVISOR_ROLE};

GRANT SELECT ON central_schema TO ${DESK_ROLE}, ${SUPERVISOR_ROLE};
GRANT SELECT (desk_id, name, login, app_version, registered_at), INSERT (desk_id, name, app_version) ON desk TO ${DESK_ROLE};
GRANT INSERT ON ${RECORD_TABLES.join(', ')} TO ${DESK_ROLE};
-- INSERT … ON CONFLICT (id) DO NOTHING needs to see the arbiter column, and only that.
${RECORD_TABLES.map((t) => `GRANT SELECT (id) ON ${t} TO ${DESK_ROLE};`).join('\n')}
-- What desks need: the member extract, and associations recorded anywhere (for lookups).
GRANT SELECT ON member, member_load, member_ssn_block TO ${DESK_ROLE};
GRANT SELECT (id, agent_id, agent_name, case_number, associated_on, created_at, txid) ON agent_association TO ${DESK_ROLE};
GRANT EXECUTE ON FUNCTION kd_requests_elsewhere(uuid, text, text), kd_audit_chain(uuid, bigint, integer) TO ${DESK_ROLE};

-- Supervisors read every desk's records; never members' sealed SSNs; write nothing.
GRANT SELECT ON desk, member_load, ${RECORD_TABLES.join(', ')}, desk_audit_head, call_latest, ese_intake_state TO ${SUPERVISOR_ROLE};
GRANT EXECUTE ON FUNCTION kd_audit_chain(uuid, bigint, integer) TO ${SUPERVISOR_ROLE};
`;

/**
 * The Supervisor area (issue 18). Supervisors read across desks through these
 * functions only: each takes the clock's "now" and a window from the caller, reads
 * through an index (see test/unit/central/supervisorSql.test.ts), and writes nothing
 * but its own audit entry (supervisor_view), which the supervisor role may add only
 * through kd_supervisor_viewed: the login is the session's, never what the app says.
 */
const m0002 = `
CREATE TABLE supervisor_view (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  login     name NOT NULL DEFAULT session_user,
  operator  text NOT NULL CHECK (length(operator) BETWEEN 1 AND 120),
  view      text NOT NULL CHECK (view ~ '^[a-z][a-z._]{1,60}$'),
  query     jsonb NOT NULL,
  rows      integer NOT NULL CHECK (rows >= 0)
);
CREATE INDEX supervisor_view_at ON supervisor_view (at);
CREATE TRIGGER supervisor_view_append_only BEFORE UPDATE OR DELETE ON supervisor_view FOR EACH ROW EXECUTE FUNCTION kd_append_only();
CREATE TRIGGER supervisor_view_no_truncate BEFORE TRUNCATE ON supervisor_view FOR EACH STATEMENT EXECUTE FUNCTION kd_append_only();

CREATE FUNCTION kd_supervisor_viewed(p_operator text, p_view text, p_query jsonb, p_rows integer) RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO supervisor_view (operator, view, query, rows) VALUES (p_operator, p_view, p_query, p_rows) RETURNING id
$$;

-- Search by Agent across calls needs these; by case number the 0001 indexes serve.
CREATE INDEX call_closed_operator ON call_closed (operator_id, started_at);
CREATE INDEX ese_intake_call ON ese_intake (call_id) WHERE call_id IS NOT NULL;

-- The live floor: each call started since p_since whose latest event is not 'closed',
-- with hold time summed from its events (an open hold counted up to p_now).
CREATE FUNCTION kd_floor(p_since timestamptz, p_now timestamptz)
RETURNS TABLE (call_id uuid, desk_id uuid, desk_name text, operator_id integer, operator_name text, caller_type text,
               state text, state_since timestamptz, started_at timestamptz, hold_seconds numeric)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  WITH latest AS (
    SELECT DISTINCT ON (e.call_id) e.call_id, e.desk_id, e.state, e.at, e.caller_type, e.operator_id, e.operator_name, e.started_at
      FROM call_event e WHERE e.started_at >= p_since
     ORDER BY e.call_id, e.seq DESC
  ), open AS (SELECT * FROM latest WHERE state <> 'closed')
  SELECT o.call_id, o.desk_id, d.name, o.operator_id, o.operator_name, o.caller_type, o.state, o.at, o.started_at,
         coalesce((SELECT sum(extract(epoch FROM coalesce(h.next_at, p_now) - h.at))
                     FROM (SELECT ev.state, ev.at, lead(ev.at) OVER (ORDER BY ev.seq) AS next_at
                             FROM call_event ev WHERE ev.call_id = o.call_id) h
                    WHERE h.state = 'on_hold'), 0)
    FROM open o JOIN desk d ON d.desk_id = o.desk_id
   ORDER BY o.started_at
$$;

-- Closed calls in a window, per hour (in p_tz) and caller type.
CREATE FUNCTION kd_calls_per_hour(p_from timestamptz, p_to timestamptz, p_tz text)
RETURNS TABLE (hour timestamp, caller_type text, calls bigint)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT date_trunc('hour', c.started_at AT TIME ZONE p_tz), c.caller_type, count(*)
    FROM call_closed c WHERE c.started_at >= p_from AND c.started_at < p_to
   GROUP BY 1, 2 ORDER BY 1, 2
$$;

CREATE FUNCTION kd_disposition_mix(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (disposition text, calls bigint, avg_handle_seconds numeric)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT c.disposition, count(*), round(avg(c.handle_seconds), 1)
    FROM call_closed c WHERE c.started_at >= p_from AND c.started_at < p_to
   GROUP BY 1 ORDER BY 2 DESC, 1
$$;

-- ESE intakes submitted in the window, by where their message stands and how old they are.
CREATE FUNCTION kd_ese_by_state(p_from timestamptz, p_to timestamptz, p_now timestamptz)
RETURNS TABLE (state text, age text, intakes bigint)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(s.state, 'queued'),
         CASE WHEN p_now - s.submitted_at < interval '1 hour' THEN 'under 1 hour'
              WHEN p_now - s.submitted_at < interval '1 day' THEN '1 to 24 hours'
              ELSE 'over 1 day' END,
         count(*)
    FROM ese_intake_state s WHERE s.submitted_at >= p_from AND s.submitted_at < p_to
   GROUP BY 1, 2 ORDER BY 1, 2
$$;

CREATE FUNCTION kd_consent_mix(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (method text, outcome text, records bigint)
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(r.method, r.kind), r.outcome, count(*)
    FROM consent_record r WHERE r.created_at >= p_from AND r.created_at < p_to
   GROUP BY 1, 2 ORDER BY 1, 2
$$;

REVOKE ALL ON supervisor_view FROM PUBLIC;
REVOKE ALL ON FUNCTION kd_supervisor_viewed(text, text, jsonb, integer), kd_floor(timestamptz, timestamptz),
  kd_calls_per_hour(timestamptz, timestamptz, text), kd_disposition_mix(timestamptz, timestamptz),
  kd_ese_by_state(timestamptz, timestamptz, timestamptz), kd_consent_mix(timestamptz, timestamptz) FROM PUBLIC;
-- Supervisors read what they are audited for; desks get none of it.
GRANT SELECT ON supervisor_view TO ${SUPERVISOR_ROLE};
GRANT EXECUTE ON FUNCTION kd_supervisor_viewed(text, text, jsonb, integer), kd_floor(timestamptz, timestamptz),
  kd_calls_per_hour(timestamptz, timestamptz, text), kd_disposition_mix(timestamptz, timestamptz),
  kd_ese_by_state(timestamptz, timestamptz, timestamptz), kd_consent_mix(timestamptz, timestamptz) TO ${SUPERVISOR_ROLE};
`;

/**
 * Search across desks (issue 18 §4), and the floor planned per call (issue 18 §5). By Agent name, a prefix in any case, needs these
 * (text_pattern_ops, so LIKE 'smi%' reads the index in any collation); by NPN, case
 * number and date the earlier indexes serve, but for associations by date.
 * See shared/node/supervisor/search.ts for the queries and test/unit/supervisor/searchSql.test.ts for their plans.
 */
const m0003 = `
CREATE INDEX call_closed_agent_name ON call_closed (lower(caller_name) text_pattern_ops, started_at) WHERE caller_type = 'agent';
CREATE INDEX consent_record_agent_name ON consent_record (lower(record -> 'agent' ->> 'name') text_pattern_ops);
CREATE INDEX agent_association_agent_name ON agent_association (lower(agent_name) text_pattern_ops);
CREATE INDEX agent_association_created ON agent_association (created_at);

-- The floor, planned for the window it is asked about. As a SQL function with SET
-- search_path, kd_floor was never inlined: its one plan was made for an unknown p_since,
-- and over a year of events that plan reads call_event whole (1.5 s at 300 desks, see
-- bench/results/supervisor.json). EXECUTE plans each call with its values, so the
-- recent-calls index serves; same columns, same grants.
CREATE OR REPLACE FUNCTION kd_floor(p_since timestamptz, p_now timestamptz)
RETURNS TABLE (call_id uuid, desk_id uuid, desk_name text, operator_id integer, operator_name text, caller_type text,
               state text, state_since timestamptz, started_at timestamptz, hold_seconds numeric)
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $fn$
BEGIN
  RETURN QUERY EXECUTE $q$
    WITH latest AS (
      SELECT DISTINCT ON (e.call_id) e.call_id, e.desk_id, e.state, e.at, e.caller_type, e.operator_id, e.operator_name, e.started_at
        FROM call_event e WHERE e.started_at >= $1
       ORDER BY e.call_id, e.seq DESC
    ), open AS (SELECT * FROM latest WHERE state <> 'closed')
    SELECT o.call_id, o.desk_id, d.name, o.operator_id, o.operator_name, o.caller_type, o.state, o.at, o.started_at,
           coalesce((SELECT sum(extract(epoch FROM coalesce(h.next_at, $2) - h.at))
                       FROM (SELECT ev.state, ev.at, lead(ev.at) OVER (ORDER BY ev.seq) AS next_at
                               FROM call_event ev WHERE ev.call_id = o.call_id) h
                      WHERE h.state = 'on_hold'), 0)
      FROM open o JOIN desk d ON d.desk_id = o.desk_id
     ORDER BY o.started_at
  $q$ USING p_since, p_now;
END $fn$;
`;

/**
 * The supervisor figures planned per call, as migration 3 did for kd_floor. As SQL
 * functions with SET search_path they were never inlined, so each call ran a plan made
 * without its window; the week's figures took 7× the baseline's at 300 desks and a year
 * (bench/results/supervisor.json). EXECUTE plans each call with its values; same
 * columns, same grants (CREATE OR REPLACE keeps them).
 */
const m0004 = `
CREATE OR REPLACE FUNCTION kd_calls_per_hour(p_from timestamptz, p_to timestamptz, p_tz text)
RETURNS TABLE (hour timestamp, caller_type text, calls bigint)
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $fn$
BEGIN
  RETURN QUERY EXECUTE $q$
    SELECT date_trunc('hour', c.started_at AT TIME ZONE $3), c.caller_type, count(*)
      FROM call_closed c WHERE c.started_at >= $1 AND c.started_at < $2
     GROUP BY 1, 2 ORDER BY 1, 2
  $q$ USING p_from, p_to, p_tz;
END $fn$;

CREATE OR REPLACE FUNCTION kd_disposition_mix(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (disposition text, calls bigint, avg_handle_seconds numeric)
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $fn$
BEGIN
  RETURN QUERY EXECUTE $q$
    SELECT c.disposition, count(*), round(avg(c.handle_seconds), 1)
      FROM call_closed c WHERE c.started_at >= $1 AND c.started_at < $2
     GROUP BY 1 ORDER BY 2 DESC, 1
  $q$ USING p_from, p_to;
END $fn$;

CREATE OR REPLACE FUNCTION kd_ese_by_state(p_from timestamptz, p_to timestamptz, p_now timestamptz)
RETURNS TABLE (state text, age text, intakes bigint)
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $fn$
BEGIN
  RETURN QUERY EXECUTE $q$
    SELECT coalesce(s.state, 'queued'),
           CASE WHEN $3 - s.submitted_at < interval '1 hour' THEN 'under 1 hour'
                WHEN $3 - s.submitted_at < interval '1 day' THEN '1 to 24 hours'
                ELSE 'over 1 day' END,
           count(*)
      FROM ese_intake_state s WHERE s.submitted_at >= $1 AND s.submitted_at < $2
     GROUP BY 1, 2 ORDER BY 1, 2
  $q$ USING p_from, p_to, p_now;
END $fn$;

CREATE OR REPLACE FUNCTION kd_consent_mix(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (method text, outcome text, records bigint)
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $fn$
BEGIN
  RETURN QUERY EXECUTE $q$
    SELECT coalesce(r.method, r.kind), r.outcome, count(*)
      FROM consent_record r WHERE r.created_at >= $1 AND r.created_at < $2
     GROUP BY 1, 2 ORDER BY 1, 2
  $q$ USING p_from, p_to;
END $fn$;
`;

/**
 * Which closing script each ESE intake was read to the resident with (issue 13): text id,
 * version, language and the SHA-256 of its words, as the desk keeps it (SQLite 0017,
 * carried into the sync row by 0019). NULL for intakes from desks before this version;
 * their closing text is in their ese.intake.submitted audit entry.
 */
const m0005 = `
ALTER TABLE ese_intake ADD COLUMN closing_text jsonb
  CHECK (closing_text IS NULL OR (closing_text ? 'id' AND closing_text ? 'version' AND closing_text ? 'locale' AND closing_text ? 'sha256'));
`;

// A call may close with one primary disposition and more codes the list marks combinable
// (desk migration 0022); a call pushed by a desk from before that carries none (NULL).
const m0006 = `
ALTER TABLE call_closed ADD COLUMN additional_dispositions jsonb
  CHECK (additional_dispositions IS NULL OR jsonb_typeof(additional_dispositions) = 'array');
CREATE INDEX call_closed_additional_dispositions ON call_closed USING gin (additional_dispositions) WHERE additional_dispositions IS NOT NULL;
`;

export const centralMigrations: readonly CentralMigration[] = [
  { version: 1, name: 'records, members, roles', sql: m0001 },
  { version: 2, name: 'supervisor floor, aggregates, view audit', sql: m0002 },
  { version: 3, name: 'supervisor search indexes, floor planned per call', sql: m0003 },
  { version: 4, name: 'supervisor figures planned per call', sql: m0004 },
  { version: 5, name: 'ESE intakes keep the closing script they were read with', sql: m0005 },
  { version: 6, name: 'closed calls keep their additional dispositions', sql: m0006 },
];

export const latestCentralVersion = centralMigrations[centralMigrations.length - 1]!.version;
