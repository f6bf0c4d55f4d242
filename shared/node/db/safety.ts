import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'date-fns';
import type { Clock } from '../../common/clock';
import type { Database } from './database';
import { ensurePrivate, makePrivateDir } from './filePrivacy';
import { m0006 } from './migrations/0006-sep-rules';
import { m0012 } from './migrations/0012-sep-source-table';
import { m0018 } from './migrations/0018-sep-spanish-index';

/**
 * Keeping the cache whole: an integrity check at start, a daily copy made with
 * SQLite's online backup API (consistent even while the app writes), and a way
 * back when the file is damaged — move it aside (never delete: it may still be
 * evidence) and restore the backup with the most recent content; or, when only
 * data that can be made again is damaged (the SEP rule book, the member-match
 * index, SQL indexes), make it again and lose nothing (issue 14 §4–6).
 */

/** What a damaged file's problems touch. */
export interface Damage {
  /** Tables and indexes named by the problems; '(unknown)' when a problem names none. */
  objects: string[];
  /** Every object is data kynect Desk can make again from what is left. */
  rebuildable: boolean;
}

export class CorruptDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
    readonly backups: BackupFile[],
    readonly damage: Damage | null = null,
  ) {
    const latest = backups[0];
    super(
      `The database ${file} is damaged (${problems.slice(0, 2).join('; ')}). ` +
        (damage?.rebuildable
          ? `Only data kynect Desk can make again is affected (${damage.objects.join(', ')}). Run \`npm run --silent cli -- db recover --rebuild --db "${file}"\` to rebuild it; nothing else is lost.`
          : latest
            ? `The backup with the most recent content is ${latest.file} (${latest.madeAt}). Run \`npm run --silent cli -- db recover --db "${file}"\` to move the damaged file aside and restore it.`
            : `There is no backup. Run \`npm run --silent cli -- db recover --empty --db "${file}"\` to move the damaged file aside and start empty.`),
    );
    this.name = 'CorruptDatabaseError';
  }
}

export interface BackupFile {
  file: string;
  /** When the backup was made, as recorded inside it (ISO instant); for older backups, the day in their name. */
  madeAt: string;
  /** YYYY-MM-DD of madeAt, for messages. */
  day: string;
  bytes: number;
  /** The last audit entry in it: how far its content goes (null when it cannot be read). */
  auditSeq: number | null;
}

/** kynect-desk-2026-11-22.sqlite3 (older) or kynect-desk-20261122T090000-a1b2.sqlite3. */
const BACKUP_NAME = /^kynect-desk-(\d{4}-\d{2}-\d{2}|\d{8}T\d{6}-[0-9a-f]{4})\.sqlite3$/;
const MADE_AT_SETTING = 'backup.madeAt';

export function backupsDir(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

/** Reads a backup's own record of when it was made and how far its audit log goes. */
function readBackup(file: string, fallbackDay: string): Pick<BackupFile, 'madeAt' | 'auditSeq'> {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const made = db.prepare('SELECT value_json FROM setting WHERE key = ?').pluck().get(MADE_AT_SETTING) as string | undefined;
    const seq = db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number | null;
    return { madeAt: made ? (JSON.parse(made) as string) : `${fallbackDay}T00:00:00.000Z`, auditSeq: seq ?? 0 };
  } catch {
    return { madeAt: `${fallbackDay}T00:00:00.000Z`, auditSeq: null };
  } finally {
    db?.close();
  }
}

/** Newest first, by the time each backup recorded when it was made (never by its name or today's clock). */
export function listBackups(dbFile: string): BackupFile[] {
  const dir = backupsDir(dbFile);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: BACKUP_NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => {
      const file = path.join(dir, name);
      const nameDay = m[1]!.includes('T') ? `${m[1]!.slice(0, 4)}-${m[1]!.slice(4, 6)}-${m[1]!.slice(6, 8)}` : m[1]!;
      const info = readBackup(file, nameDay);
      return { file, madeAt: info.madeAt, day: info.madeAt.slice(0, 10), bytes: fs.statSync(file).size, auditSeq: info.auditSeq };
    })
    .sort((a, b) => b.madeAt.localeCompare(a.madeAt) || b.file.localeCompare(a.file));
}

/**
 * The backup to restore: chosen by content, not by date — the one whose audit log goes
 * furthest (the log only grows), among those that open and pass a quick check; a clock
 * that was once wrong cannot make an old copy look new.
 */
export function chooseBackup(dbFile: string): BackupFile | null {
  const sound = listBackups(dbFile).filter((b) => b.auditSeq !== null && backupIsSound(b.file));
  sound.sort((a, b) => (b.auditSeq ?? 0) - (a.auditSeq ?? 0) || b.madeAt.localeCompare(a.madeAt));
  return sound[0] ?? null;
}

function backupIsSound(file: string): boolean {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    return checkIntegrity(db).length === 0;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * `quick_check` at start: it finds damaged pages and broken b-trees in a
 * fraction of `integrity_check`'s time (it skips index-vs-table cross checks),
 * which matters on a million-member cache; `db check` runs the full one.
 */
export function checkIntegrity(db: Database, mode: 'quick' | 'full' = 'quick'): string[] {
  const rows = db.pragma(mode === 'quick' ? 'quick_check' : 'integrity_check') as { quick_check?: string; integrity_check?: string }[];
  const problems = rows.map((r) => r.quick_check ?? r.integrity_check ?? '').filter((p) => p !== 'ok');
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`${fk.length} rows break a foreign key`);
  return problems;
}

/** Data made from the rest (or from the app's own bundle): losing it loses nothing. */
function isRebuildable(name: string, type: string): boolean {
  return type === 'index' || name === 'match_key' || /^sep_rule/.test(name);
}

/** Which tables and indexes the integrity problems name (by root page, or by index name). */
export function describeDamage(db: Database, problems: string[]): Damage {
  let schema: { name: string; type: string; rootpage: number; tbl_name: string }[];
  try {
    schema = db.prepare('SELECT name, type, rootpage, tbl_name FROM sqlite_schema').all() as typeof schema;
  } catch {
    return { objects: ['(unknown)'], rebuildable: false };
  }
  const byRoot = new Map(schema.map((s) => [s.rootpage, s]));
  const byName = new Map(schema.map((s) => [s.name, s]));
  const objects = new Set<string>();
  let unknown = false;
  for (const p of problems) {
    const tree = /Tree (\d+) page/.exec(p);
    const index = /(?:index|from index) ([A-Za-z0-9_]+)/.exec(p);
    const hit = tree ? byRoot.get(Number(tree[1])) : index ? byName.get(index[1]!) : undefined;
    if (hit) objects.add(hit.name);
    else unknown = true;
  }
  if (unknown || objects.size === 0) return { objects: [...objects, '(unknown)'], rebuildable: false };
  return { objects: [...objects].sort(), rebuildable: [...objects].every((n) => isRebuildable(n, byName.get(n)!.type)) };
}

/**
 * Makes the rebuildable objects again in place: indexes with REINDEX; the member index
 * dropped and re-created empty (the caller fills it from the members, with the desk key);
 * the SEP rule book dropped and re-created empty (SepService loads the bundle on open).
 * Returns whether the member index needs filling.
 */
export function rebuildDamaged(db: Database, damage: Damage): { matchKeys: boolean; sepRules: boolean } {
  if (!damage.rebuildable) throw new Error('Only rebuildable damage can be rebuilt.');
  const out = { matchKeys: false, sepRules: false };
  const types = new Map((db.prepare('SELECT name, type, sql FROM sqlite_schema').all() as { name: string; type: string; sql: string | null }[]).map((r) => [r.name, r]));
  db.transaction(() => {
    for (const name of damage.objects) {
      if (name === 'match_key') {
        const sql = types.get(name)!.sql!;
        db.exec('DROP TABLE match_key');
        db.exec(sql);
        out.matchKeys = true;
      } else if (/^sep_rule/.test(name)) {
        out.sepRules = true;
      } else if (types.get(name)?.type === 'index') {
        db.exec(`REINDEX "${name.replaceAll('"', '""')}"`);
      }
    }
    if (out.sepRules) {
      for (const t of ['sep_rule_fts', 'sep_rule', 'sep_rule_set']) db.exec(`DROP TABLE IF EXISTS "${t}"`);
      // Every migration that shaped these tables, in order: 0006 alone would bring back
      // plan_years and an index without the Spanish column.
      for (const m of [m0006, m0012, m0018]) m.up(db);
    }
  })();
  return out;
}

/** True for the errors SQLite gives when the file is not a sound database. */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_') || /malformed|not a database/i.test(String((error as Error)?.message));
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * A backup when none was made in the last 24 hours by the clock (one recorded in the
 * future — a clock that was once ahead — does not count, so backups go on); then keeps
 * the newest `keep` by their recorded time and removes the rest. Pruning by count, not
 * by date: a wrong clock can no longer delete every backup (issue 14 §5).
 * Returns the file written, or null when a recent one exists.
 */
export async function backupIfDue(db: Database, dbFile: string, clock: Clock, keep: number): Promise<string | null> {
  const dir = backupsDir(dbFile);
  makePrivateDir(dir);
  ensurePrivate(dir, 0o700);
  const now = clock.now();
  const recent = listBackups(dbFile).some((b) => {
    const t = Date.parse(b.madeAt);
    return t <= now.getTime() && now.getTime() - t < DAY;
  });
  let written: string | null = null;
  if (!recent) {
    const target = path.join(dir, `kynect-desk-${format(now, "yyyyMMdd'T'HHmmss")}-${randomBytes(2).toString('hex')}.sqlite3`);
    // Write under a temporary name: a crash mid-backup must not leave a "good" copy that is half a file.
    const partial = `${target}.partial`;
    fs.rmSync(partial, { force: true });
    await db.backup(partial);
    ensurePrivate(partial, 0o600);
    const copy = new BetterSqlite3(partial);
    try {
      copy
        .prepare(
          `INSERT INTO setting (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
        )
        .run(MADE_AT_SETTING, JSON.stringify(now.toISOString()), now.toISOString());
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    for (const s of ['-wal', '-shm', '-journal']) fs.rmSync(partial + s, { force: true });
    fs.renameSync(partial, target);
    written = target;
  }
  for (const b of listBackups(dbFile).slice(Math.max(1, keep))) fs.rmSync(b.file, { force: true });
  return written;
}

export interface Recovery {
  movedAside: string[];
  restoredFrom: string | null;
}

/** What restoring a backup over the current file would lose: rows and audit entries newer than the backup, counted. */
export interface Loss {
  auditEntries: number;
  rows: { table: string; current: number; backup: number }[];
}

export function measureLoss(dbFile: string, backup: string | null): Loss | null {
  let current: Database | undefined;
  let copy: Database | undefined;
  try {
    current = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
    copy = backup ? new BetterSqlite3(backup, { readonly: true, fileMustExist: true }) : undefined;
    const count = (db: Database | undefined, t: string) => {
      if (!db) return 0;
      try {
        return db
          .prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`)
          .pluck()
          .get() as number;
      } catch {
        return 0;
      }
    };
    const tables = current
      .prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
    const rows = tables.map((t) => ({ table: t, current: count(current, t), backup: count(copy, t) })).filter((r) => r.current > r.backup);
    const seq = (db: Database | undefined) => (db ? ((db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number) ?? 0) : 0);
    return { auditEntries: Math.max(0, seq(current) - seq(copy)), rows };
  } catch {
    return null; // the current file cannot be read: there is nothing in it to count
  } finally {
    current?.close();
    copy?.close();
  }
}

/**
 * Moves the file (and its -wal/-shm) aside with a time stamp and, when given one,
 * copies a backup in its place. The caller holds the database's lock (db/deskLock.ts)
 * and opens the result as usual.
 */
export function recoverDatabase(dbFile: string, clock: Clock, backup: string | null): Recovery {
  if (backup && !fs.existsSync(backup)) throw new Error(`There is no backup at ${backup}.`);
  const stamp = format(clock.now(), "yyyyMMdd'T'HHmmss");
  const movedAside: string[] = [];
  for (const suffix of ['', '-wal', '-shm']) {
    const f = dbFile + suffix;
    if (fs.existsSync(f)) {
      const aside = `${dbFile}.damaged-${stamp}${suffix}`;
      fs.renameSync(f, aside);
      movedAside.push(aside);
    }
  }
  if (backup) {
    fs.copyFileSync(backup, dbFile);
    ensurePrivate(dbFile, 0o600);
  }
  return { movedAside, restoredFrom: backup };
}
