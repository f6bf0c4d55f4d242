import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCentralVersion } from '../../../shared/node/central/migrations';
import { startCluster, type PgCluster } from '../../../shared/node/central/pgCluster';
import { runCliProcess } from '../../helpers/cli';
import { membersCsv } from '../../helpers/deskWork';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

/** The central commands as an administrator and a desk run them: real processes, a real server. */
let cluster: PgCluster;
let dir: string;
const KEY = Buffer.alloc(32, 0x44).toString('base64');

beforeAll(async () => {
  cluster = await startCluster();
  dir = makeTempDir();
  const c = new pg.Client({ connectionString: cluster.url('postgres') });
  await c.connect();
  await c.query('CREATE DATABASE kd_cli');
  await c.end();
}, 180_000);
afterAll(() => {
  cluster?.destroy();
  if (dir) removeTempDir(dir);
});

describe('central CLI', () => {
  it('migrate, user add, load members, then a desk syncs, says where it stands and verifies', () => {
    const admin = { KYNECT_CENTRAL_ADMIN_URL: cluster.url('kd_cli') };
    const m = runCliProcess(['central', 'migrate'], admin);
    expect(m.stderr).toBe('');
    // Read from the migration list so that a new central migration does not break this test of the command.
    expect(m.stdout).toContain(`migrated from schema 0 to ${latestCentralVersion}`);
    expect(runCliProcess(['central', 'migrate'], admin).stdout).toContain(`schema ${latestCentralVersion}, nothing to do`);

    const noPassword = runCliProcess(['central', 'user', 'add', 'desk_cli', '--role', 'desk'], admin);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/KYNECT_CENTRAL_NEW_PASSWORD/);
    const password = 'desk-cli-password-42';
    expect(runCliProcess(['central', 'user', 'add', 'desk_cli', '--role', 'desk'], { ...admin, KYNECT_CENTRAL_NEW_PASSWORD: password }).code).toBe(0);

    const csv = path.join(dir, 'members.csv');
    fs.writeFileSync(csv, membersCsv(0, 50));
    const load = runCliProcess(['central', 'load', 'members', csv, '--json'], { ...admin, KYNECT_CENTRAL_KEY: KEY });
    expect(load.code).toBe(0);
    expect(JSON.parse(load.stdout)).toMatchObject({ committed: true, rows: 50, inserted: 50 });

    const desk = { KYNECT_CENTRAL_URL: cluster.url('kd_cli', 'desk_cli', password), KYNECT_CENTRAL_KEY: KEY };
    const db = path.join(dir, 'desk.sqlite3');
    const sync = runCliProcess(['central', 'sync', '--db', db, '--json'], desk);
    expect(sync.stderr).toBe('');
    expect(JSON.parse(sync.stdout)).toMatchObject({ status: { state: 'synced', waiting: 0 }, pull: { members: { rows: 50, applied: 50 } } });
    expect(JSON.parse(runCliProcess(['db', 'info', '--db', db, '--json'], desk).stdout).tables).toContainEqual({ name: 'match_member', rows: 50 });
    // A one-shot command does not start the worker: status says what it last knew, without contacting the server.
    expect(JSON.parse(runCliProcess(['central', 'status', '--db', db, '--json'], desk).stdout)).toMatchObject({ state: 'waiting', why: 'Connecting to the central store…' });
    const verify = runCliProcess(['central', 'verify', '--db', db], desk);
    expect(verify.stdout).toMatch(/audit chain matches the central store/);
    expect(verify.code).toBe(0);
  }, 240_000);

  it('refuses a server on another machine without verify-full, before sending anything', () => {
    const r = runCliProcess(['central', 'migrate', '--url', 'postgres://owner:pw@central.kynect.example:5432/kynect']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sslmode=verify-full/);
  });

  it('a bad extract loads nothing and lists the bad rows', () => {
    const csv = path.join(dir, 'bad.csv');
    fs.writeFileSync(csv, membersCsv(100, 105).replace('1981-06-18', '1981-06-31'));
    const r = runCliProcess(['central', 'load', 'members', csv], { KYNECT_CENTRAL_ADMIN_URL: cluster.url('kd_cli'), KYNECT_CENTRAL_KEY: KEY });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Nothing was loaded/);
    expect(fs.readFileSync(`${csv}.invalid.csv`, 'utf8')).toMatch(/date_of_birth/);
  }, 180_000);
});
