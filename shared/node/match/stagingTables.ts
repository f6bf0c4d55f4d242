import type BetterSqlite3 from 'better-sqlite3';

/**
 * The tables a members import writes, and their staging twins (issue 15 §1). A big
 * import is written by its own thread, on its own connection, into `<table>_staging`
 * in short transactions, while the desk keeps answering on its connection; one short
 * transaction on the desk's connection then swaps the staging tables in (drop the live
 * table, rename its twin) with the extract's date and the audit entry. A SIGKILL
 * before that commit leaves the cache as it was, plus staging tables that the next
 * open drops; after it, the import is whole.
 *
 * The twins are made from the live tables' own CREATE statements (sqlite_schema), so
 * whatever migrations did to the live tables, the twin is the same table. Index names
 * are unique across the file, so a twin's indexes take the other of two names
 * (`x` / `x_staged`) and keep it after the swap; nothing looks an index up by name
 * except the bulk loader, which reads them from sqlite_schema.
 */
export const STAGED_TABLES = ['match_member', 'match_key', 'match_ssn_block', 'match_case', 'match_application', 'match_name_count'] as const;
export type StagedTable = (typeof STAGED_TABLES)[number];

export const stagingName = (table: StagedTable): string => `${table}_staging`;

const ALT = '_staged';
/** The other of an index's two names. */
export const otherIndexName = (name: string): string => (name.endsWith(ALT) ? name.slice(0, -ALT.length) : name + ALT);

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface SchemaRow {
  type: 'table' | 'index';
  name: string;
  sql: string | null;
}

/** Drops whatever staging a crash or a failed import left; harmless when there is none. */
export function dropStaging(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    for (const t of STAGED_TABLES) db.exec(`DROP TABLE IF EXISTS ${quote(stagingName(t))}`);
  }).immediate();
}

/** Whether any staging table is in the file (left by a crash, or an import being written). */
export function hasStaging(db: BetterSqlite3.Database): boolean {
  const names = STAGED_TABLES.map(stagingName);
  return (
    (db
      .prepare(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN (${names.map(() => '?').join(',')})`)
      .pluck()
      .get(...names) as number) > 0
  );
}

/** Empty twins of the live tables, with their indexes (built as rows arrive, so the swap builds nothing). */
export function createStaging(db: BetterSqlite3.Database): void {
  const schema = db.prepare('SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? AND sql IS NOT NULL');
  db.transaction(() => {
    for (const t of STAGED_TABLES) {
      const staging = stagingName(t);
      db.exec(`DROP TABLE IF EXISTS ${quote(staging)}`);
      const rows = schema.all(t) as SchemaRow[];
      const table = rows.find((r) => r.type === 'table');
      if (!table?.sql) throw new Error(`The member cache has no ${t} table.`);
      const head = /^CREATE TABLE\s+(?:"[^"]+"|\w+)/i;
      if (!head.test(table.sql)) throw new Error(`Cannot read the definition of ${t}.`);
      db.exec(table.sql.replace(head, `CREATE TABLE ${quote(staging)}`));
      for (const index of rows.filter((r) => r.type === 'index')) {
        const m = /^CREATE\s+(UNIQUE\s+)?INDEX\s+(?:IF NOT EXISTS\s+)?(?:"[^"]+"|\w+)\s+ON\s+(?:"[^"]+"|\w+)\s*([\s\S]*)$/i.exec(index.sql!);
        if (!m) throw new Error(`Cannot read the definition of index ${index.name}.`);
        db.exec(`CREATE ${m[1] ? 'UNIQUE ' : ''}INDEX ${quote(otherIndexName(index.name))} ON ${quote(staging)} ${m[2]}`);
      }
    }
  }).immediate();
}

/**
 * Puts the staging tables in place of the live ones. Runs inside the caller's
 * transaction on the desk's connection; a rename and the drop of a table that an
 * import into an empty cache left empty cost milliseconds however big the import.
 */
export function swapStaging(db: BetterSqlite3.Database): void {
  for (const t of STAGED_TABLES) {
    db.exec(`DROP TABLE ${quote(t)}`);
    db.exec(`ALTER TABLE ${quote(stagingName(t))} RENAME TO ${quote(t)}`);
  }
}
