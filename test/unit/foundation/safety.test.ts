import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { backupIfDue, CorruptDatabaseError, listBackups } from '../../../shared/node/db/safety';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { runCliProcess } from '../../helpers/cli';
import { testKeyEnv } from '../../helpers/deskKey';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

/** A desk file with some rows, closed. */
function populatedFile(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  const file = path.join(dir, 'desk.sqlite3');
  const desk = openDesk({ dbPath: file, host: 'cli', log: silentLogger, env: {} });
  desk.operators.save({ name: 'Dana', role: 'rep', pin: '2468' });
  desk.db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = desk.db.prepare('INSERT INTO filler (body) VALUES (?)');
  desk.db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`row ${i} `.repeat(20));
  })();
  for (let i = 0; i < 20; i++) desk.audit.append({ action: 'test.fill', details: { i } });
  desk.db.pragma('wal_checkpoint(TRUNCATE)');
  desk.close();
  return file;
}

/** Overwrites pages in the middle of the file with garbage, the way a bad disk or a torn copy would. */
function corrupt(file: string): void {
  const fd = fs.openSync(file, 'r+');
  const size = fs.fstatSync(fd).size;
  const garbage = Buffer.alloc(4096 * 8, 0xa5);
  fs.writeSync(fd, garbage, 0, garbage.length, Math.floor(size / 2 / 4096) * 4096);
  fs.closeSync(fd);
}

describe('database safety', () => {
  it('keeps one backup a day made with the backup API, and the newest N by the time each recorded', async () => {
    const file = populatedFile();
    const clock = new ManualClock('2026-11-22T09:00:00Z');
    const db = new BetterSqlite3(file);
    expect(await backupIfDue(db, file, clock, 3)).toMatch(/kynect-desk-20261122T\d{6}-[0-9a-f]{4}\.sqlite3$/);
    expect(await backupIfDue(db, file, clock, 3)).toBeNull(); // once a day
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      clock.set(`${day}T09:00:00Z`);
      await backupIfDue(db, file, clock, 3);
    }
    db.close();
    expect(listBackups(file).map((b) => b.day)).toEqual(['2026-11-25', '2026-11-24', '2026-11-23']);
    expect(listBackups(file)[0]).toMatchObject({ madeAt: '2026-11-25T09:00:00.000Z', auditSeq: expect.any(Number) });
    const copy = new BetterSqlite3(listBackups(file)[0]!.file, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(3000);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('refuses a damaged file at start with the way back, and `db recover` restores the newest backup', async () => {
    const file = populatedFile();
    const clock = new ManualClock('2026-11-22T09:00:00Z');
    const db = new BetterSqlite3(file);
    await backupIfDue(db, file, clock, 7);
    db.close();
    corrupt(file);

    let error: unknown;
    try {
      openDesk({ dbPath: file, host: 'web', log: silentLogger, env: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorruptDatabaseError);
    expect((error as Error).message).toContain('is damaged');
    expect((error as Error).message).toContain('db recover');
    expect((error as CorruptDatabaseError).backups[0]?.day).toBe('2026-11-22');

    const check = runCliProcess(['db', 'check', '--json', '--db', file]);
    expect(check.code).toBe(1);

    const r = runCliProcess(['db', 'recover', '--json', '--db', file, '--now', '2026-11-22T10:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, restoredFrom: expect.stringMatching(/kynect-desk-20261122T\d{6}-[0-9a-f]{4}\.sqlite3$/) });
    expect(out.movedAside[0]).toMatch(/desk\.sqlite3\.damaged-20261122T\d{6}$/);
    expect(fs.existsSync(out.movedAside[0])).toBe(true); // kept, not deleted

    const desk = openDesk({ dbPath: file, host: 'web', log: silentLogger, env: { ...testKeyEnv }, backups: false });
    expect(desk.operators.current()?.name).toBe('Dana');
    // The 20 (unkeyed) entries of the backup, the CLI's key binding, and the recovery itself (what was lost is counted there).
    expect(desk.audit.verify()).toMatchObject({ ok: true, entries: 22, unkeyed: 20 });
    expect(desk.audit.recent(1)[0]).toMatchObject({ action: 'database.recovered', details: { forced: false } });
    desk.close();
  });

  it('with no backup, recover needs --empty and then starts a fresh database', () => {
    const file = populatedFile();
    corrupt(file);
    const refused = runCliProcess(['db', 'recover', '--db', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--empty');
    const r = runCliProcess(['db', 'recover', '--empty', '--json', '--db', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, restoredFrom: null });
  });

  it('a garbage file that is not a database at all is reported the same way', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = path.join(dir, 'desk.sqlite3');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x41));
    expect(() => openDesk({ dbPath: file, host: 'web', log: silentLogger, env: {} })).toThrow(CorruptDatabaseError);
  });
});
