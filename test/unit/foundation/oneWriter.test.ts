import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseInUseError } from '../../../shared/node/db/deskLock';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { runCliProcess } from '../../helpers/cli';
import { testKeyEnv } from '../../helpers/deskKey';
import { holdDesk, kill } from '../../helpers/spawnDesk';
import { makeTempDir, removeTempDir } from '../../helpers/temp';
import { memberColumns } from '../../../shared/common/match/schemas';

/** Issue 14 §8: the desk holds its database alone; read-only commands share it safely; a busy file is a clear message. */
const dirs: string[] = [];
const children: Parameters<typeof kill>[0][] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map(kill));
  dirs.splice(0).forEach(removeTempDir);
});
function file() {
  const dir = makeTempDir();
  dirs.push(dir);
  return path.join(dir, 'desk.sqlite3');
}

describe('one writer at a time', () => {
  it('a second desk, a harness or a CLI write is refused while a desk holds the file, naming its pid; read-only commands read beside it', async () => {
    const db = file();
    const { child, line } = await holdDesk(db);
    children.push(child);
    expect(line.ready).toBe(true);

    const second = await holdDesk(db);
    children.push(second.child);
    expect(second.line).toMatchObject({ ready: false });
    expect(second.line.error).toContain(`kynect Desk is already using this database (pid ${line.pid})`);

    const csv = path.join(path.dirname(db), 'members.csv');
    fs.writeFileSync(csv, `${memberColumns.join(',')}\nM1,100300113,,John,,Doe,,1977-02-03,M,123456789,true,Active,\n`);
    for (const args of [
      ['import', 'members', csv],
      ['call', 'list'],
      ['db', 'backup'],
      ['db', 'recover', '--force'],
    ]) {
      const r = runCliProcess([...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain(`kynect Desk is already using this database (pid ${line.pid})`);
    }
    const info = runCliProcess(['db', 'info', '--db', db, '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).tables.find((t: { name: string }) => t.name === 'call').rows).toBe(1);
    expect(runCliProcess(['db', 'check', '--db', db]).code).toBe(0);
    const verify = runCliProcess(['audit', 'verify', '--db', db, '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });

    // The live call was not touched by the refused desk (it used to be marked "recovered").
    await kill(child);
    const after = openDesk({ dbPath: db, host: 'cli', log: silentLogger, env: { ...testKeyEnv } });
    try {
      const row = after.db.prepare('SELECT recovered_at, notes FROM call WHERE id = ?').get(line.callId) as { recovered_at: string | null; notes: string };
      expect(row).toEqual({ recovered_at: null, notes: 'Live call notes.' });
      expect(after.db.prepare('SELECT count(*) FROM match_member').pluck().get()).toBe(0);
    } finally {
      after.close();
    }
  }, 240_000);

  it('the lock goes with its holder: after a SIGKILL the next desk opens at once', async () => {
    const db = file();
    const { child, line } = await holdDesk(db);
    expect(line.ready).toBe(true);
    await kill(child);
    const next = openDesk({ dbPath: db, host: 'cli', log: silentLogger, env: { ...testKeyEnv } });
    next.close();
  });

  it('deleting -shm under a running desk cannot let a second writer drop its committed work', async () => {
    const db = file();
    const { child, line } = await holdDesk(db);
    children.push(child);
    expect(line.ready).toBe(true);
    fs.rmSync(`${db}-shm`, { force: true });
    const csv = path.join(path.dirname(db), 'members.csv');
    fs.writeFileSync(csv, `${memberColumns.join(',')}\nM1,100300113,,John,,Doe,,1977-02-03,M,123456789,true,Active,\n`);
    const r = runCliProcess(['import', 'members', csv, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already using this database');
    await kill(child);
    const again = openDesk({ dbPath: db, host: 'web', log: silentLogger, env: { ...testKeyEnv }, backups: false });
    try {
      expect(again.db.prepare('SELECT notes FROM call WHERE id = ?').pluck().get(line.callId)).toBe('Live call notes.');
      expect(again.audit.verify()).toMatchObject({ ok: true });
    } finally {
      again.close();
    }
  });

  it('in one process too: a second openDesk on the same file is refused, and allowed once the first closes', () => {
    const db = file();
    const a = openDesk({ dbPath: db, host: 'cli', log: silentLogger, env: { ...testKeyEnv } });
    expect(() => openDesk({ dbPath: db, host: 'cli', log: silentLogger, env: { ...testKeyEnv } })).toThrow(DatabaseInUseError);
    a.close();
    openDesk({ dbPath: db, host: 'cli', log: silentLogger, env: { ...testKeyEnv } }).close();
  });

  it('a file held by another program is a clear "busy" answer, not an internal error after a 5 s freeze', async () => {
    const db = file();
    const desk = openDesk({ dbPath: db, host: 'cli', log: silentLogger, env: { ...testKeyEnv } });
    const other = new BetterSqlite3(db);
    try {
      other.exec('BEGIN IMMEDIATE'); // e.g. a sqlite3 shell with a write open
      const started = Date.now();
      const r = await desk.router.dispatch('app:operator.save', { name: 'Dana Rep', role: 'rep', pin: '2468' }, { via: 'test' });
      expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('The database is busy') } });
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      desk.close();
    }
  });
});
