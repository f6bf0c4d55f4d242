import type pg from 'pg';
import { DeskError } from '../../common/errors';
import { centralMigrations, DESK_ROLE, latestCentralVersion, SUPERVISOR_ROLE, type CentralMigration } from './migrations';

/** Any key for the advisory lock that serialises migrations (and member loads) on one database. */
export const MIGRATE_LOCK = 0x6b640001;

export class CentralTooNewError extends DeskError {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      'refused',
      `The central store has schema version ${found}, but this kynect Desk knows versions up to ${supported}: it was migrated by a newer kynect Desk. Update this desk; nothing was sent or changed.`,
    );
  }
}

export class CentralTooOldError extends DeskError {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super('refused', `The central store has schema version ${found}; this kynect Desk needs ${supported}. Run \`central migrate\` on it first.`);
  }
}

/** The central store's schema version (0 when it has none yet). */
export async function centralVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('public.central_schema')::text AS t`);
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM central_schema');
  return r.rows[0]?.v ?? 0;
}

/** Refuses a central store this desk cannot write to (too new, or not migrated). */
export async function assertCentralVersion(client: pg.ClientBase, supported = latestCentralVersion): Promise<number> {
  const found = await centralVersion(client);
  if (found > supported) throw new CentralTooNewError(found, supported);
  if (found < supported) throw new CentralTooOldError(found, supported);
  return found;
}

/**
 * Runs every migration newer than the store, each in its own transaction with its
 * row in central_schema, under an advisory lock so two admins cannot run one twice.
 * A store newer than this app is refused untouched.
 */
export async function migrateCentral(client: pg.ClientBase, list: readonly CentralMigration[] = centralMigrations): Promise<{ from: number; to: number; applied: number[] }> {
  const latest = list.length ? list[list.length - 1]!.version : 0;
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
  try {
    const from = await centralVersion(client);
    if (from > latest) throw new CentralTooNewError(from, latest);
    const applied: number[] = [];
    for (const m of list) {
      if (m.version <= from) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO central_schema (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new DeskError('internal', `Central migration ${m.version} (${m.name}) failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`);
      }
      applied.push(m.version);
    }
    return { from, to: Math.max(from, ...applied), applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]);
  }
}

export type CentralRole = 'desk' | 'supervisor';
export const groupRole: Record<CentralRole, string> = { desk: DESK_ROLE, supervisor: SUPERVISOR_ROLE };

const LOGIN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates a login role in one of the two groups (run by the store's owner). */
export async function addLogin(client: pg.ClientBase, login: string, role: CentralRole, password: string): Promise<void> {
  if (!LOGIN.test(login)) throw DeskError.atField('login', 'A login is lower-case letters, digits and _ (at most 63), starting with a letter or _.');
  if (password.length < 12) throw DeskError.atField('password', 'The password must be at least 12 characters.');
  const c = client as pg.Client;
  // CREATE ROLE takes no parameters: the name and password are quoted by the driver's own escaping.
  await client.query(`CREATE ROLE ${c.escapeIdentifier(login)} LOGIN PASSWORD ${c.escapeLiteral(password)} IN ROLE ${groupRole[role]}`);
}
