import type BetterSqlite3 from 'better-sqlite3';

/**
 * One schema step. `up` runs inside a transaction opened by the migrator, which
 * also sets `user_version`; a migration never changes a version number once it
 * has shipped — a fix is a new migration.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}
