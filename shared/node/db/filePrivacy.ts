import fs from 'node:fs';
import path from 'node:path';

/**
 * Residents' data on disk is for this user alone (issue 14 §2): the database, its
 * -wal and -shm, backups, import reports, the audit head and the key file are
 * created 0600 in folders created 0700, and the database's are checked at every
 * start: too open and ours, they are fixed (and said so); too open and not ours
 * to fix, the desk refuses to start with a message that says what to run.
 * Windows keeps per-user ACLs of its own; modes are not checked there.
 */
const CHECKED = process.platform !== 'win32';

export class FilePermissionError extends Error {
  constructor(
    readonly file: string,
    readonly mode: number,
    readonly want: number,
  ) {
    super(
      `${file} can be read by other users of this computer (mode ${mode.toString(8)}), and kynect Desk cannot change that: it holds residents' names, birth dates and notes. ` +
        `Make it private (chmod ${want.toString(8)} "${file}") or ask the owner of the file to, then start again.`,
    );
    this.name = 'FilePermissionError';
  }
}

export interface PrivacyFix {
  file: string;
  from: string;
  to: string;
}

/** Makes a folder (and its parents) private when this process creates it. */
export function makePrivateDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Writes a file readable by its owner only, through a temporary name (never half a file). */
export function writePrivateFile(file: string, data: string | Buffer): void {
  makePrivateDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  if (CHECKED) fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** Creates an empty file 0600 if it is not there, so whatever opens it next (SQLite) finds it private. */
export function touchPrivate(file: string): void {
  makePrivateDir(path.dirname(file));
  fs.closeSync(fs.openSync(file, 'a', 0o600));
}

/** Brings one path to the mode wanted (only ever narrowing); returns what it changed. */
export function ensurePrivate(file: string, want: number): PrivacyFix | null {
  if (!CHECKED) return null;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const mode = st.mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  try {
    fs.chmodSync(file, mode & want);
  } catch {
    throw new FilePermissionError(file, mode, want);
  }
  return { file, from: mode.toString(8), to: (mode & want).toString(8) };
}

/**
 * The database, its companions and its backups folder, private. The folder that
 * holds the database is narrowed only when it is kynect Desk's own (the app's data
 * folder, or one it created): a folder the operator named with --db (a home
 * directory, a project folder) is theirs to set, and the files in it are 0600.
 */
export function securePrivateFiles(dbFile: string, options: { ownFolder: boolean }): PrivacyFix[] {
  const fixes: PrivacyFix[] = [];
  const push = (f: PrivacyFix | null) => f && fixes.push(f);
  const dir = path.dirname(path.resolve(dbFile));
  if (options.ownFolder) push(ensurePrivate(dir, 0o700));
  for (const suffix of ['', '-wal', '-shm', '-journal', '.lock']) push(ensurePrivate(dbFile + suffix, 0o600));
  const backups = path.join(dir, 'backups');
  if (fs.existsSync(backups)) {
    push(ensurePrivate(backups, 0o700));
    for (const name of fs.readdirSync(backups)) push(ensurePrivate(path.join(backups, name), 0o600));
  }
  return fixes;
}
