import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir } from './filePrivacy';

/**
 * One writer per database (issue 14 §8). Two processes writing one file is how a
 * committed import vanished (a deleted -shm let a second writer rebuild the WAL index
 * under the first) and how a second desk marked the first one's live call
 * "recovered". So the desk, the harness and every CLI command that writes hold
 * `<database>.lock` for as long as they have the database open; read-only CLI
 * commands (db info, db check, audit verify) read beside a holder without it.
 *
 * The lock is an operating-system file lock, taken through SQLite on a tiny lock
 * database (`locking_mode=EXCLUSIVE`, then one write): the kernel drops it when the
 * holder exits, however it exits — a SIGKILL leaves no stale lock to clean up — and
 * SQLite does the same on Windows. The holder's pid is written in the lock file's
 * header (user_version, bytes 60–63), which anyone can read while it is held.
 *
 * POSIX drops every lock a process holds on a file when the process closes *any*
 * descriptor of it, so this process never opens the lock file itself while it holds
 * it: a second attempt here is answered from `held`, never by touching the file.
 */
// Also what keeps the lock's connection referenced: a collected connection is closed, and its lock with it.
const held = new Map<string, BetterSqlite3.Database>();
export class DatabaseInUseError extends Error {
  constructor(
    readonly file: string,
    readonly pid: number | null,
  ) {
    super(
      `kynect Desk is already using this database (${pid ? `pid ${pid}` : 'another process'}): ${file}. ` +
        'Close that kynect Desk (or wait for that command to finish) and try again; commands that only read (db info, db check, audit verify) can run beside it.',
    );
    this.name = 'DatabaseInUseError';
  }
}

export interface DeskLock {
  readonly file: string;
  release(): void;
}

export function lockFileOf(dbFile: string): string {
  return `${dbFile}.lock`;
}

/** The pid recorded by whoever holds (or last held) the lock, or null. */
export function lockHolder(dbFile: string): number | null {
  if (held.has(path.resolve(lockFileOf(dbFile)))) return process.pid;
  try {
    const fd = fs.openSync(lockFileOf(dbFile), 'r');
    try {
      const header = Buffer.alloc(100);
      if (fs.readSync(fd, header, 0, 100, 0) < 64) return null;
      const pid = header.readUInt32BE(60);
      return pid > 0 ? pid : null;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export function acquireDeskLock(dbFile: string, options: { nativeBinding?: string } = {}): DeskLock {
  const file = path.resolve(lockFileOf(dbFile));
  if (held.has(file)) throw new DatabaseInUseError(dbFile, process.pid);
  makePrivateDir(path.dirname(file));
  const lock = new BetterSqlite3(file, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.pragma('journal_mode = MEMORY');
    // The first write takes the exclusive lock; in EXCLUSIVE mode it is kept until close.
    lock.exec('BEGIN EXCLUSIVE');
    lock.pragma(`user_version = ${process.pid >>> 0}`);
    lock.exec('COMMIT');
  } catch (error) {
    lock.close();
    if (isBusy(error)) throw new DatabaseInUseError(dbFile, lockHolder(dbFile));
    throw error;
  }
  held.set(file, lock);
  let holding = true;
  return {
    file,
    release() {
      if (!holding) return;
      holding = false;
      lock.close();
      held.delete(file);
    },
  };
}
