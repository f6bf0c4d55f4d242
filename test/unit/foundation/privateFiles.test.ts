import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { ensurePrivate, FilePermissionError } from '../../../shared/node/db/filePrivacy';
import { backupIfDue } from '../../../shared/node/db/safety';
import { defaultDatabasePath, defaultKeyFolder, openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { runCliProcess } from '../../helpers/cli';
import { testKeyEnv } from '../../helpers/deskKey';
import { makeTempDir, removeTempDir } from '../../helpers/temp';
import { memberColumns } from '../../../shared/common/match/schemas';

/** Issue 14 §2: names, birth dates and notes on disk are for this user alone. */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));
const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe('files other local users could read', () => {
  it('the database, -wal, -shm, lock, backups and import reports are created 0600 in 0700 folders', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const dbPath = path.join(dir, 'data', 'desk.sqlite3');
    const desk = openDesk({ dbPath, host: 'web', log: silentLogger, env: { ...testKeyEnv }, backups: false });
    desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
    await backupIfDue(desk.db, dbPath, new ManualClock('2026-11-22T09:00:00Z'), 7);
    expect(mode(path.dirname(dbPath))).toBe(0o700);
    for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}.lock`]) expect(mode(f), f).toBe(0o600);
    const backups = path.join(path.dirname(dbPath), 'backups');
    expect(mode(backups)).toBe(0o700);
    for (const f of fs.readdirSync(backups)) expect(mode(path.join(backups, f)), f).toBe(0o600);
    desk.close();

    const csv = path.join(dir, 'bad.csv');
    fs.writeFileSync(csv, `${memberColumns.join(',')}\nM9,C9,,Ann,,Lee,,1990-02-30,X,12345678,true,Active,\n`);
    const r = runCliProcess(['import', 'members', csv, '--skip-invalid', '--db', dbPath, '--json']);
    expect(JSON.parse(r.stdout).reportFile).toBe(`${csv}.invalid.csv`);
    expect(mode(`${csv}.invalid.csv`)).toBe(0o600);
  });

  it('at start, files left readable by others are made private (and the app’s own folder too)', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const env = { ...testKeyEnv, XDG_CONFIG_HOME: dir };
    const dbPath = defaultDatabasePath(env, 'linux');
    openDesk({ dbPath, host: 'web', log: silentLogger, env, backups: false }).close();
    fs.chmodSync(path.dirname(dbPath), 0o755);
    fs.chmodSync(dbPath, 0o644);
    fs.writeFileSync(`${dbPath}-wal`, '');
    fs.chmodSync(`${dbPath}-wal`, 0o644);
    openDesk({ dbPath, host: 'web', log: silentLogger, env, backups: false }).close();
    expect(mode(path.dirname(dbPath))).toBe(0o700);
    expect(mode(dbPath)).toBe(0o600);
  });

  it('a file it cannot make private is refused with a message that says what to run', () => {
    // /proc files cannot be chmod-ed, even by root: the stand-in for a file owned by someone else.
    expect(() => ensurePrivate('/proc/self/status', 0o600)).toThrow(FilePermissionError);
    expect(() => ensurePrivate('/proc/self/status', 0o600)).toThrow(/can be read by other users of this computer \(mode 444\).*chmod 600 "\/proc\/self\/status"/);
  });

  it('the default key file lives in a folder of its own, not the database’s; an older one beside the database is moved there', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const env = { XDG_CONFIG_HOME: dir, KYNECT_DESK_KEY: '', KYNECT_DESK_KEY_FILE: '' };
    const dbPath = defaultDatabasePath(env, 'linux');
    const legacy = path.join(path.dirname(dbPath), 'desk.key');
    fs.mkdirSync(path.dirname(legacy), { recursive: true, mode: 0o700 });
    fs.writeFileSync(legacy, `${testKeyEnv.KYNECT_DESK_KEY}\n`, { mode: 0o600 });
    const desk = openDesk({ dbPath, host: 'cli', log: silentLogger, env, backups: false });
    desk.ssnVault();
    desk.close();
    const keyFile = path.join(defaultKeyFolder(env, 'linux'), 'desk.key');
    expect(path.dirname(keyFile)).not.toBe(path.dirname(dbPath));
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(testKeyEnv.KYNECT_DESK_KEY);
    expect(mode(keyFile)).toBe(0o600);
    expect(mode(path.dirname(keyFile))).toBe(0o700);
    expect(fs.existsSync(legacy)).toBe(false);
  });
});
