import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../shared/node/db/migrations';
import { defaultDatabasePath, resolveDatabasePath } from '../../../shared/node/host/desk';
import { runCliProcess } from '../../helpers/cli';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

const dirs: string[] = [];
const temp = () => {
  const d = makeTempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach(removeTempDir));

describe('the CLI', () => {
  it('`db info --json` creates and migrates the file named by --db and prints its schema version and tables', () => {
    const file = path.join(temp(), 'sub', 'desk.sqlite3');
    const r = runCliProcess(['db', 'info', '--json', '--db', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ path: file, schemaVersion: latestSchemaVersion, latestSchemaVersion, journalMode: 'wal' });
    expect(info.tables.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['audit_log', 'operator', 'setting']));
    expect(fs.existsSync(file)).toBe(true);
  });

  it('takes the file from KYNECT_DESK_DB when there is no --db', () => {
    const file = path.join(temp(), 'env.sqlite3');
    const r = runCliProcess(['db', 'info', '--json'], { KYNECT_DESK_DB: file });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).path).toBe(file);
  });

  it("prefers --db over KYNECT_DESK_DB, and defaults to the app's own file", () => {
    expect(resolveDatabasePath('/a/b.sqlite3', { KYNECT_DESK_DB: '/c/d.sqlite3' })).toBe('/a/b.sqlite3');
    expect(resolveDatabasePath(undefined, { KYNECT_DESK_DB: '/c/d.sqlite3' })).toBe('/c/d.sqlite3');
    expect(defaultDatabasePath({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/kynect Desk/kynect-desk.sqlite3');
    expect(defaultDatabasePath({ APPDATA: 'C:/Users/d/AppData/Roaming' }, 'win32')).toContain('kynect Desk');
  });

  it('sends errors to stderr with a non-zero exit: unknown command, unknown flag', () => {
    const unknown = runCliProcess(['db', 'explode']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('Unknown command: db explode');
    const flag = runCliProcess(['db', 'info', '--frobnicate', '--db', path.join(temp(), 'x.sqlite3')]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/frobnicate/);
  });

  it('refuses a database from a newer app with a clear message and exit 1', () => {
    const file = path.join(temp(), 'future.sqlite3');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    const r = runCliProcess(['db', 'info', '--json', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr).error.message).toMatch(/newer kynect Desk/);
  });

  it('lists the contract', () => {
    const r = runCliProcess(['contract', '--json']);
    expect(r.code).toBe(0);
    const listing = JSON.parse(r.stdout);
    expect(listing.channels.map((c: { name: string }) => c.name)).toContain('app:db.info');
    for (const c of listing.channels) expect(c.name).toMatch(/^app:/);
  });
});
