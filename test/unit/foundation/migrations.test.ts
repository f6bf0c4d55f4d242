import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, openDatabase, schemaVersion } from '../../../shared/node/db/database';
import { latestSchemaVersion, migrations, type Migration } from '../../../shared/node/db/migrations';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

const dirs: string[] = [];
const tempFile = () => {
  const dir = makeTempDir();
  dirs.push(dir);
  return path.join(dir, 'desk.sqlite3');
};
afterEach(() => dirs.splice(0).forEach(removeTempDir));

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('migrations', () => {
  // Numbers are pre-assigned per feature (0002 sep … 0006 consent), so a branch may skip some; they only must rise.
  it('are numbered uniquely in rising order and each has a name', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThan(versions[i - 1]!);
    for (const m of migrations) expect(m.name.length).toBeGreaterThan(3);
    expect(latestSchemaVersion).toBe(versions[versions.length - 1]);
  });

  it('bring an empty file to the latest version with WAL and foreign keys on', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['operator', 'setting', 'audit_log']));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('do nothing the second time', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openDatabase(file, { migrate: false });
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('run each step in a transaction: a failing step leaves the file at the version before it', () => {
    const file = tempFile();
    const broken: Migration[] = [
      ...migrations,
      {
        version: latestSchemaVersion + 1,
        name: 'half done on purpose',
        up(db) {
          db.exec('CREATE TABLE half_done (x)');
          throw new Error('boom in the middle');
        },
      },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow('boom in the middle');
    const db = new BetterSqlite3(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuse a database written by a newer app, with a clear message, and leave the file untouched', () => {
    const file = tempFile();
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES (1);');
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    const before = sha(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as Error).message).toContain(`schema version ${latestSchemaVersion + 5}`);
    expect((error as Error).message).toContain('update the app');
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('migration 0013 (issue 11 §12)', () => {
  it('starts match_extract from the members and associations already in the cache', () => {
    const file = tempFile();
    const db = openDatabase(file, { migrate: false });
    migrate(
      db,
      migrations.filter((m) => m.version <= 12),
    );
    db.prepare(
      `INSERT INTO match_member (member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex, ssn_block, ssn_slot, head_of_household, imported_at)
       VALUES ('M1', 'C1', NULL, 'Ann', NULL, 'Lee', NULL, '1990-01-01', 'F', NULL, NULL, 1, '2026-11-18T10:00:00.000Z'), ('M2', 'C1', NULL, 'Bo', NULL, 'Lee', NULL, '1991-01-01', 'M', NULL, NULL, 0, '2026-11-20T10:00:00.000Z')`,
    ).run();
    migrate(db);
    expect(db.prepare('SELECT kind, imported_at FROM match_extract').all()).toEqual([{ kind: 'members', imported_at: '2026-11-20T10:00:00.000Z' }]);
    db.close();
  });
});
