import fs from 'node:fs';
import path from 'node:path';
import { format, subDays } from 'date-fns';
import type { Clock } from '../../common/clock';
import type { Database } from './database';

/**
 * Keeping the cache whole: an integrity check at start, a daily copy made with
 * SQLite's online backup API (consistent even while the app writes), and a way
 * back when the file is damaged — move it aside (never delete: it may still be
 * evidence) and restore the newest good copy.
 */

export class CorruptDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
    readonly backups: BackupFile[],
  ) {
    const latest = backups[0];
    super(
      `The database ${file} is damaged (${problems.slice(0, 2).join('; ')}). ` +
        (latest
          ? `The newest backup is ${latest.file} (${latest.day}). Run \`npm run --silent cli -- db recover --db "${file}"\` to move the damaged file aside and restore it.`
          : `There is no backup. Run \`npm run --silent cli -- db recover --empty --db "${file}"\` to move the damaged file aside and start empty.`),
    );
    this.name = 'CorruptDatabaseError';
  }
}

export interface BackupFile {
  file: string;
  day: string;
  bytes: number;
}

const BACKUP_NAME = /^kynect-desk-(\d{4}-\d{2}-\d{2})\.sqlite3$/;

export function backupsDir(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

/** Newest first. */
export function listBackups(dbFile: string): BackupFile[] {
  const dir = backupsDir(dbFile);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: BACKUP_NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ file: path.join(dir, name), day: m[1]!, bytes: fs.statSync(path.join(dir, name)).size }))
    .sort((a, b) => b.day.localeCompare(a.day));
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

/** True for the errors SQLite gives when the file is not a sound database. */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_') || /malformed|not a database/i.test(String((error as Error)?.message));
}

/**
 * Today's backup, once a day; then removes backups older than `keepDays`.
 * Returns the file written, or null when today's already exists.
 */
export async function backupIfDue(db: Database, dbFile: string, clock: Clock, keepDays: number): Promise<string | null> {
  const dir = backupsDir(dbFile);
  fs.mkdirSync(dir, { recursive: true });
  const today = format(clock.now(), 'yyyy-MM-dd');
  const target = path.join(dir, `kynect-desk-${today}.sqlite3`);
  let written: string | null = null;
  if (!fs.existsSync(target)) {
    // Write under a temporary name: a crash mid-backup must not leave a "good" copy that is half a file.
    const partial = `${target}.partial`;
    fs.rmSync(partial, { force: true });
    await db.backup(partial);
    fs.renameSync(partial, target);
    written = target;
  }
  const oldest = format(subDays(clock.now(), keepDays - 1), 'yyyy-MM-dd');
  for (const b of listBackups(dbFile)) if (b.day < oldest) fs.rmSync(b.file, { force: true });
  return written;
}

export interface Recovery {
  movedAside: string[];
  restoredFrom: string | null;
}

/**
 * Moves the damaged file (and its -wal/-shm) aside with a time stamp and, when
 * given one, copies a backup in its place. The caller opens the result as usual.
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
  if (backup) fs.copyFileSync(backup, dbFile);
  return { movedAside, restoredFrom: backup };
}
