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
/**
 * 'pull' is a central first pull (central/pullStaging.ts): the members tables staged by
 * a thread of its own, as an import stages them, under names of its own, so that an
 * import and a pull never drop or swap each other's twins.
 */
export type StagedKind = 'members' | 'associations' | 'pull';
export const STAGED_KINDS: readonly StagedKind[] = ['members', 'associations', 'pull'];

/** The tables each kind of import stages and swaps in. */
export const TABLES_OF: Record<StagedKind, readonly StagedTable[]> = { members: STAGED_TABLES, associations: ['match_association'], pull: STAGED_TABLES };

export const stagingName = (table: StagedTable, kind: StagedKind = 'members'): string => (kind === 'pull' ? `${table}_pull_staging` : `${table}_staging`);
/** A live table the swap replaced, emptied and dropped afterwards by a thread of its own (its drop took 100 ms at 100,000 members on the desk's). */
export const retiredName = (table: StagedTable, kind: StagedKind = 'members'): string => (kind === 'pull' ? `${table}_pull_retired` : `${table}_retired`);

/** Counts writes to the live members tables while a members import is staged. */
export const GUARD_TABLE = 'match_import_guard';
/** The same, while a central first pull is staged. */
export const PULL_GUARD_TABLE = 'match_pull_guard';
/**
 * A first pull's progress (central/pullWorker.ts): the cursor of the last page its thread
 * committed to the twins, with its ids, in one row written in that page's transaction. A
 * desk killed mid-pull keeps the twins and this row at its next open, and the next pull
 * resumes after that page instead of starting over.
 */
export const PULL_PROGRESS_TABLE = 'match_pull_progress';
export const guardTable = (kind: StagedKind): string | null => (kind === 'members' ? GUARD_TABLE : kind === 'pull' ? PULL_GUARD_TABLE : null);
const triggerName = (table: StagedTable, event: string, kind: StagedKind) => (kind === 'pull' ? `${table}_pull_${event}` : `${table}_import_${event}`);
const EVENTS = ['insert', 'update', 'delete'] as const;

const ALT = '_staged';
const PULL_ALT = '_pulled';
/**
 * The name a twin's index takes: an import's toggles between `x` and `x_staged`, a
 * pull's between `x_pulled` and `x`, so the twins of an import and of a pull staged at
 * the same time never take the same name, whichever of the three the live index has.
 */
export const otherIndexName = (name: string, kind: StagedKind = 'members'): string => {
  const base = name.endsWith(ALT) ? name.slice(0, -ALT.length) : name.endsWith(PULL_ALT) ? name.slice(0, -PULL_ALT.length) : name;
  const alt = kind === 'pull' ? PULL_ALT : ALT;
  return name === base + alt ? base : base + alt;
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface SchemaRow {
  type: 'table' | 'index';
  name: string;
  sql: string | null;
}

function dropTriggers(db: BetterSqlite3.Database, kind: StagedKind): void {
  for (const t of TABLES_OF[kind]) for (const e of EVENTS) db.exec(`DROP TRIGGER IF EXISTS ${quote(triggerName(t, e, kind))}`);
}

/**
 * Drops the staging of one kind of import (or of both): its triggers first, which
 * name the twins, then the twins. Harmless when there is none.
 */
export function dropStaging(db: BetterSqlite3.Database, kind?: StagedKind): void {
  db.transaction(() => {
    for (const k of kind ? [kind] : STAGED_KINDS) {
      dropTriggers(db, k);
      for (const t of TABLES_OF[k]) db.exec(`DROP TABLE IF EXISTS ${quote(stagingName(t, k))}`);
      // Only at open (no kind): a retired table's thread may still be emptying it.
      if (!kind) for (const t of TABLES_OF[k]) db.exec(`DROP TABLE IF EXISTS ${quote(retiredName(t, k))}`);
      const guard = guardTable(k);
      if (guard) db.exec(`DROP TABLE IF EXISTS ${guard}`);
      if (k === 'pull') db.exec(`DROP TABLE IF EXISTS ${PULL_PROGRESS_TABLE}`);
    }
  }).immediate();
}

/** Whether a first pull's staging can be resumed: every twin, the guard and a progress row are in the file. */
export function resumablePull(db: BetterSqlite3.Database): boolean {
  const names = [...STAGED_TABLES.map((t) => stagingName(t, 'pull')), PULL_GUARD_TABLE, PULL_PROGRESS_TABLE];
  const present = db
    .prepare(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN (${names.map(() => '?').join(',')})`)
    .pluck()
    .get(...names) as number;
  return present === names.length && db.prepare(`SELECT EXISTS (SELECT 1 FROM ${PULL_PROGRESS_TABLE})`).pluck().get() === 1;
}

/** Whether any staging (a twin, the guard, a trigger) is in the file: left by a crash, or an import being written. */
export function hasStaging(db: BetterSqlite3.Database): boolean {
  const names: string[] = [GUARD_TABLE, PULL_GUARD_TABLE, PULL_PROGRESS_TABLE];
  for (const k of STAGED_KINDS) {
    for (const t of TABLES_OF[k]) {
      names.push(stagingName(t, k), retiredName(t, k));
      for (const e of EVENTS) names.push(triggerName(t, e, k));
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
      const staging = stagingName(t, kind);
      db.exec(`DROP TABLE IF EXISTS ${quote(staging)}`);
      // A retired table a stopped thread left holds the index names the twin is about to take.
      db.exec(`DROP TABLE IF EXISTS ${quote(retiredName(t, kind))}`);
      const rows = schema.all(t) as SchemaRow[];
      const table = rows.find((r) => r.type === 'table');
      if (!table?.sql) throw new Error(`The member cache has no ${t} table.`);
      const head = /^CREATE TABLE\s+(?:"[^"]+"|\w+)/i;
      if (!head.test(table.sql)) throw new Error(`Cannot read the definition of ${t}.`);
      db.exec(table.sql.replace(head, `CREATE TABLE ${quote(staging)}`));
      for (const index of rows.filter((r) => r.type === 'index')) {
        const m = /^CREATE\s+(UNIQUE\s+)?INDEX\s+(?:IF NOT EXISTS\s+)?(?:"[^"]+"|\w+)\s+ON\s+(?:"[^"]+"|\w+)\s*([\s\S]*)$/i.exec(index.sql!);
        if (!m) throw new Error(`Cannot read the definition of index ${index.name}.`);
        db.exec(`CREATE ${m[1] ? 'UNIQUE ' : ''}INDEX ${quote(otherIndexName(index.name, kind))} ON ${quote(staging)} ${m[2]}`);
      }
    }
    const guard = guardTable(kind);
    if (guard) {
      db.exec(`DROP TABLE IF EXISTS ${guard}; CREATE TABLE ${guard} (writes INTEGER NOT NULL); INSERT INTO ${guard} VALUES (0);`);
      for (const t of STAGED_TABLES) {
        for (const e of EVENTS)
          db.exec(`CREATE TRIGGER ${quote(triggerName(t, e, kind))} AFTER ${e.toUpperCase()} ON ${quote(t)} BEGIN UPDATE ${guard} SET writes = writes + 1; END`);
      }
    } else {
      const t = 'match_association';
      const staging = quote(stagingName(t));
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(t) as string[]).map(quote);
      const key = (row: 'OLD' | 'NEW') => `case_number = ${row}.case_number AND agent_id = ${row}.agent_id`;
      const copy = `INSERT OR REPLACE INTO ${staging} (${columns.join(', ')}) VALUES (${columns.map((c) => `NEW.${c}`).join(', ')});`;
      db.exec(`CREATE TRIGGER ${quote(triggerName(t, 'insert', kind))} AFTER INSERT ON ${t} BEGIN ${copy} END`);
      db.exec(`CREATE TRIGGER ${quote(triggerName(t, 'update', kind))} AFTER UPDATE ON ${t} BEGIN DELETE FROM ${staging} WHERE ${key('OLD')}; ${copy} END`);
      db.exec(`CREATE TRIGGER ${quote(triggerName(t, 'delete', kind))} AFTER DELETE ON ${t} BEGIN DELETE FROM ${staging} WHERE ${key('OLD')}; END`);
    }
  }).immediate();
}

/** Writes to the live members tables since the members import (or the first pull) was staged (0: none). */
export function liveWrites(db: BetterSqlite3.Database, kind: 'members' | 'pull' = 'members'): number {
  return db
    .prepare(`SELECT writes FROM ${guardTable(kind)}`)
    .pluck()
    .get() as number;
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
  const guard = guardTable(kind);
  if (guard) db.exec(`DROP TABLE IF EXISTS ${guard}`);
  if (kind === 'pull') db.exec(`DROP TABLE IF EXISTS ${PULL_PROGRESS_TABLE}`);
  // A rename fires no trigger: the other members staging (an import while a pull is staged, or
  // the other way round) is told here, and its swap then refuses rather than undo this one.
  const other = kind === 'members' ? PULL_GUARD_TABLE : kind === 'pull' ? GUARD_TABLE : null;
  if (other && db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(other)) db.exec(`UPDATE ${other} SET writes = writes + 1`);
  for (const t of TABLES_OF[kind]) {
    db.exec(`DROP TABLE IF EXISTS ${quote(retiredName(t, kind))}`);
    db.exec(`ALTER TABLE ${quote(t)} RENAME TO ${quote(retiredName(t, kind))}`);
    db.exec(`ALTER TABLE ${quote(stagingName(t, kind))} RENAME TO ${quote(t)}`);
  }
}

/** The retired tables of a kind of import still in the file. */
export function retiredTables(db: BetterSqlite3.Database, kind: StagedKind): string[] {
  const names = TABLES_OF[kind].map((t) => retiredName(t, kind));
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
