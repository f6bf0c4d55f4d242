import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { touchPrivate } from './filePrivacy';
import { migrations, latestSchemaVersion, type Migration } from './migrations';

export type Database = BetterSqlite3.Database;

export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database ${file} has schema version ${found}, but this version of kynect Desk only knows versions up to ${supported}. ` +
        `It was written by a newer kynect Desk; update the app. The file was not changed.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface OpenOptions {
  /** Path of an Electron-ABI build of better-sqlite3 when running inside Electron. */
  nativeBinding?: string;
  /** Run pending migrations (default true). */
  migrate?: boolean;
  /** Custom migration list, for migration tests. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the SQLite cache. WAL lets the harness and the CLI
 * read while the app writes; synchronous=NORMAL in WAL mode can lose the last
 * transactions on power loss but never corrupts the file, which is the right
 * trade for a cache whose source of truth is the marketplace; foreign keys are
 * off by default in SQLite and must be switched on per connection.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const list = options.migrations ?? migrations;
  const latest = list.length ? list[list.length - 1]!.version : 0;
  // Created private, before SQLite makes it: its -wal and -shm take the file's mode (issue 14 §2).
  if (file !== ':memory:' && !fs.existsSync(file)) touchPrivate(path.resolve(file));
  const db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Read the version before anything that writes (journal_mode=WAL rewrites the header).
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > latest) throw new DatabaseTooNewError(file, found, latest);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // The desk holds the file alone (deskLock.ts), so a wait is rare and short; a long one froze the window.
    db.pragma('busy_timeout = 1000');
    if (options.migrate !== false) migrate(db, list);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs every migration newer than the file, each in its own transaction with the
 * version bump, so an interrupted start leaves the file at a whole version.
 */
export function migrate(db: Database, list: readonly Migration[] = migrations): number[] {
  const applied: number[] = [];
  const current = schemaVersion(db);
  const latest = list.length ? list[list.length - 1]!.version : 0;
  if (current > latest) throw new DatabaseTooNewError(db.name, current, latest);
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

export { latestSchemaVersion };

/** User tables with their row counts, for `db info`. */
export function tableCounts(db: Database): { name: string; rows: number }[] {
  // table_list marks FTS shadow tables 'shadow' and FTS tables 'virtual': neither is data of ours.
  const names = db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return names.map((name) => ({
    name,
    rows: db
      .prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number,
  }));
}
