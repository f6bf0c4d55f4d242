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
 * An import into a cache that already has members (the daily re-import) stages the
 * whole cache as it will be: every member the file names, merged as MemberStore's
 * upsert merges, and every member it does not name, copied with its id, so that
 * nothing else changes. While it is staged, triggers on the live tables count any
 * write to them (a central pull, a repair) in match_import_guard, and the swap then
 * refuses rather than lose that write. An associations import stages
 * match_association the same way, but the desk writes that table itself (an
 * association recorded on a call), so its triggers copy each such write into the
 * staging twin too: the swap loses nothing and need not refuse.
 *
 * The twins are made from the live tables' own CREATE statements (sqlite_schema), so
 * whatever migrations did to the live tables, the twin is the same table. Index names
 * are unique across the file, so a twin's indexes take the other of two names
 * (`x` / `x_staged`) and keep it after the swap; nothing looks an index up by name
 * except the bulk loader, which reads them from sqlite_schema.
 */
export const STAGED_TABLES = ['match_member', 'match_key', 'match_ssn_block', 'match_case', 'match_application', 'match_name_count'] as const;
export type StagedTable = (typeof STAGED_TABLES)[number] | 'match_association';
export type StagedKind = 'members' | 'associations';

/** The tables each kind of import stages and swaps in. */
export const TABLES_OF: Record<StagedKind, readonly StagedTable[]> = { members: STAGED_TABLES, associations: ['match_association'] };

export const stagingName = (table: StagedTable): string => `${table}_staging`;
/** A live table the swap replaced, emptied and dropped afterwards by a thread of its own (its drop took 100 ms at 100,000 members on the desk's). */
export const retiredName = (table: StagedTable): string => `${table}_retired`;

/** Counts writes to the live members tables while a members import is staged. */
export const GUARD_TABLE = 'match_import_guard';
const triggerName = (table: StagedTable, event: string) => `${table}_import_${event}`;
const EVENTS = ['insert', 'update', 'delete'] as const;

const ALT = '_staged';
/** The other of an index's two names. */
export const otherIndexName = (name: string): string => (name.endsWith(ALT) ? name.slice(0, -ALT.length) : name + ALT);

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface SchemaRow {
  type: 'table' | 'index';
  name: string;
  sql: string | null;
}

function dropTriggers(db: BetterSqlite3.Database, kind: StagedKind): void {
  for (const t of TABLES_OF[kind]) for (const e of EVENTS) db.exec(`DROP TRIGGER IF EXISTS ${quote(triggerName(t, e))}`);
}

/**
 * Drops the staging of one kind of import (or of both): its triggers first, which
 * name the twins, then the twins. Harmless when there is none.
 */
export function dropStaging(db: BetterSqlite3.Database, kind?: StagedKind): void {
  db.transaction(() => {
    for (const k of kind ? [kind] : (['members', 'associations'] as const)) {
      dropTriggers(db, k);
      for (const t of TABLES_OF[k]) db.exec(`DROP TABLE IF EXISTS ${quote(stagingName(t))}`);
      // Only at open (no kind): a retired table's thread may still be emptying it.
      if (!kind) for (const t of TABLES_OF[k]) db.exec(`DROP TABLE IF EXISTS ${quote(retiredName(t))}`);
      if (k === 'members') db.exec(`DROP TABLE IF EXISTS ${GUARD_TABLE}`);
    }
  }).immediate();
}

/** Whether any staging (a twin, the guard, a trigger) is in the file: left by a crash, or an import being written. */
export function hasStaging(db: BetterSqlite3.Database): boolean {
  const names: string[] = [GUARD_TABLE];
  for (const k of ['members', 'associations'] as const) {
    for (const t of TABLES_OF[k]) {
      names.push(stagingName(t), retiredName(t));
      for (const e of EVENTS) names.push(triggerName(t, e));
    }
  }
  return (
    (db
      .prepare(`SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'trigger') AND name IN (${names.map(() => '?').join(',')})`)
      .pluck()
      .get(...names) as number) > 0
  );
}

/**
 * Empty twins of the live tables, with their indexes (built as rows arrive, so the swap
 * builds nothing), and the live tables' triggers: for members, the guard; for
 * associations, the copy of the desk's own writes. In one transaction, before the
 * import reads anything live, so no write slips between what it read and what it knows.
 */
export function createStaging(db: BetterSqlite3.Database, kind: StagedKind = 'members'): void {
  const schema = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('table', 'index') AND sql IS NOT NULL");
  db.transaction(() => {
    dropTriggers(db, kind);
    for (const t of TABLES_OF[kind]) {
      const staging = stagingName(t);
      db.exec(`DROP TABLE IF EXISTS ${quote(staging)}`);
      // A retired table a stopped thread left holds the index names the twin is about to take.
      db.exec(`DROP TABLE IF EXISTS ${quote(retiredName(t))}`);
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
    if (kind === 'members') {
      db.exec(`DROP TABLE IF EXISTS ${GUARD_TABLE}; CREATE TABLE ${GUARD_TABLE} (writes INTEGER NOT NULL); INSERT INTO ${GUARD_TABLE} VALUES (0);`);
      for (const t of STAGED_TABLES) {
        for (const e of EVENTS)
          db.exec(`CREATE TRIGGER ${quote(triggerName(t, e))} AFTER ${e.toUpperCase()} ON ${quote(t)} BEGIN UPDATE ${GUARD_TABLE} SET writes = writes + 1; END`);
      }
    } else {
      const t = 'match_association';
      const staging = quote(stagingName(t));
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(t) as string[]).map(quote);
      const key = (row: 'OLD' | 'NEW') => `case_number = ${row}.case_number AND agent_id = ${row}.agent_id`;
      const copy = `INSERT OR REPLACE INTO ${staging} (${columns.join(', ')}) VALUES (${columns.map((c) => `NEW.${c}`).join(', ')});`;
      db.exec(`CREATE TRIGGER ${quote(triggerName(t, 'insert'))} AFTER INSERT ON ${t} BEGIN ${copy} END`);
      db.exec(`CREATE TRIGGER ${quote(triggerName(t, 'update'))} AFTER UPDATE ON ${t} BEGIN DELETE FROM ${staging} WHERE ${key('OLD')}; ${copy} END`);
      db.exec(`CREATE TRIGGER ${quote(triggerName(t, 'delete'))} AFTER DELETE ON ${t} BEGIN DELETE FROM ${staging} WHERE ${key('OLD')}; END`);
    }
  }).immediate();
}

/** Writes to the live members tables since the members import was staged (0: none). */
export function liveWrites(db: BetterSqlite3.Database): number {
  return db.prepare(`SELECT writes FROM ${GUARD_TABLE}`).pluck().get() as number;
}

/**
 * Puts the staging tables in place of the live ones. Runs inside the caller's
 * transaction on the desk's connection, so it costs renames only, whatever the size:
 * the triggers go first (they name the twins), then each live table is renamed
 * retired (retireTables empties and drops it on the import's thread) and its twin
 * takes its name. A retired table left by an earlier import is dropped first (none,
 * unless that thread was stopped).
 */
export function swapStaging(db: BetterSqlite3.Database, kind: StagedKind = 'members'): void {
  dropTriggers(db, kind);
  if (kind === 'members') db.exec(`DROP TABLE IF EXISTS ${GUARD_TABLE}`);
  for (const t of TABLES_OF[kind]) {
    db.exec(`DROP TABLE IF EXISTS ${quote(retiredName(t))}`);
    db.exec(`ALTER TABLE ${quote(t)} RENAME TO ${quote(retiredName(t))}`);
    db.exec(`ALTER TABLE ${quote(stagingName(t))} RENAME TO ${quote(t)}`);
  }
}

/** The retired tables of a kind of import still in the file. */
export function retiredTables(db: BetterSqlite3.Database, kind: StagedKind): string[] {
  const names = TABLES_OF[kind].map(retiredName);
  return db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN (${names.map(() => '?').join(',')})`)
    .pluck()
    .all(...names) as string[];
}

/**
 * Empties a retired table a slice at a time (each slice its own short transaction,
 * run by `write` when the desk serves no request), then drops it: one DROP of a
 * million members held the file's write lock, and so every audit entry the desk
 * writes, for as long as it freed pages.
 */
export function retireTable(db: BetterSqlite3.Database, table: string, write: (fn: () => void) => void, slice = 20_000): void {
  const q = quote(table);
  const withoutRowid = (db.prepare('SELECT wr FROM pragma_table_list WHERE schema = ? AND name = ?').pluck().get('main', table) as number | undefined) === 1;
  const key = withoutRowid ? (db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(table) as string[]).map(quote) : ['rowid'];
  const list = key.join(', ');
  const nth = db.prepare(`SELECT ${list} FROM ${q} ORDER BY ${list} LIMIT 1 OFFSET ?`).raw();
  const below = db.prepare(`DELETE FROM ${q} WHERE (${list}) < (${key.map(() => '?').join(', ')})`);
  for (;;) {
    const edge = nth.get(slice) as unknown[] | undefined;
    if (!edge) break;
    write(() => below.run(...edge));
  }
  write(() => db.exec(`DROP TABLE ${q}`));
}
