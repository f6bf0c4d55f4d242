import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { backupIfDue, CorruptDatabaseError, listBackups } from '../../../shared/node/db/safety';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { population } from '../../helpers/population';
import { runCliProcess } from '../../helpers/cli';
import { testKeyEnv } from '../../helpers/deskKey';
import { holdDesk, kill } from '../../helpers/spawnDesk';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

/** Issue 14 §4–6: recovery never loses work silently. */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

function newFile() {
  const dir = makeTempDir();
  dirs.push(dir);
  return path.join(dir, 'desk.sqlite3');
}
const env = { ...testKeyEnv };
const open = (dbPath: string, clock = new ManualClock('2026-11-22T09:00:00Z')) => openDesk({ dbPath, host: 'cli', log: silentLogger, env, clock, backups: false });

describe('db recover', () => {
  it('leaves a healthy database alone, saying what a restore would lose; --force restores and records the loss, counted', async () => {
    const db = newFile();
    const clock = new ManualClock('2026-11-22T07:00:00Z');
    let desk = open(db, clock);
    desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
    const call = desk.services.calls.start({ callerType: 'agent', callerName: 'Pat Agent' }).call!;
    desk.services.calls.saveNotes(call.id, 'morning', 0);
    await backupIfDue(desk.db, db, clock, 7);
    desk.services.calls.saveNotes(call.id, 'morning, and the whole afternoon of the call notes', desk.services.calls.current().call!.notesRevision);
    for (let i = 0; i < 5; i++) desk.audit.append({ action: 'test.later', details: { i } });
    desk.close();

    const refused = runCliProcess(['db', 'recover', '--db', db, '--now', '2026-11-22T17:00:00Z']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/passes its check: there is nothing to recover, and it was left as it is/);
    expect(refused.stderr).toMatch(/would lose 5 audit entries/);
    desk = open(db);
    expect(desk.db.prepare('SELECT notes FROM call').pluck().get()).toBe('morning, and the whole afternoon of the call notes');
    desk.close();
    expect(fs.readdirSync(path.dirname(db)).filter((f) => f.includes('damaged'))).toEqual([]);

    const forced = runCliProcess(['db', 'recover', '--force', '--json', '--db', db, '--now', '2026-11-22T17:00:00Z']);
    expect(forced.code).toBe(0);
    const out = JSON.parse(forced.stdout);
    expect(out).toMatchObject({ ok: true, forced: true, lost: { auditEntries: 5 } });
    desk = open(db);
    try {
      expect(desk.db.prepare('SELECT notes FROM call').pluck().get()).toBe('morning');
      expect(desk.audit.recent(1)[0]).toMatchObject({ action: 'database.recovered', details: { forced: true, lostAuditEntries: 5 } });
      expect(desk.audit.verify()).toMatchObject({ ok: true });
    } finally {
      desk.close();
    }
    expect(fs.existsSync(out.movedAside[0])).toBe(true);
  });

  it('is refused while a desk holds the database (it would go on writing into the moved file)', async () => {
    const db = newFile();
    const { child, line } = await holdDesk(db);
    try {
      expect(line.ready).toBe(true);
      const r = runCliProcess(['db', 'recover', '--force', '--db', db]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`already using this database (pid ${line.pid})`);
      expect(fs.existsSync(db)).toBe(true);
    } finally {
      await kill(child);
    }
  });
});

describe('backups', () => {
  it('a clock once 40 days ahead neither deletes the real backups nor makes recover restore its stale copy', async () => {
    const db = newFile();
    const clock = new ManualClock('2026-11-01T09:00:00Z');
    const desk = open(db, clock);
    // The wrong clock: one backup dated 40 days ahead.
    clock.set('2026-12-11T09:00:00Z');
    await backupIfDue(desk.db, db, clock, 7);
    // The clock is fixed; work goes on for ten days with a backup each day.
    for (let day = 2; day <= 11; day++) {
      clock.set(`2026-11-${String(day).padStart(2, '0')}T09:00:00Z`);
      desk.audit.append({ action: 'test.day', details: { day } });
      expect(await backupIfDue(desk.db, db, clock, 7), `day ${day}`).not.toBeNull();
    }
    const kept = listBackups(db);
    expect(kept).toHaveLength(7);
    expect(kept[0]!.madeAt).toBe('2026-12-11T09:00:00.000Z'); // still kept: pruning is by count, not by a cutoff date
    expect(kept.slice(1).map((b) => b.day)).toEqual(['2026-11-11', '2026-11-10', '2026-11-09', '2026-11-08', '2026-11-07', '2026-11-06']);
    desk.close();

    // Damage the file; recover picks the copy with the most recent content, not the future-dated one.
    fs.writeFileSync(db, Buffer.alloc(8192, 0x41));
    fs.rmSync(`${db}-wal`, { force: true });
    const r = runCliProcess(['db', 'recover', '--json', '--db', db, '--now', '2026-11-11T10:00:00Z']);
    expect(r.code).toBe(0);
    const restored = JSON.parse(r.stdout).restoredFrom as string;
    expect(restored).toBe(kept[1]!.file);
    const after = open(db);
    try {
      expect(after.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'test.day'").pluck().get()).toBe(10);
    } finally {
      after.close();
    }
  });
});

describe('damage in rebuildable data costs nothing else', () => {
  it('SEP rule rows that no longer parse are rebuilt from the bundle; every command keeps working', () => {
    const db = newFile();
    open(db).close();
    const raw = new BetterSqlite3(db);
    // One byte flipped where it matters: the rule's JSON no longer opens.
    raw.prepare("UPDATE sep_rule SET rule_json = 'X' || substr(rule_json, 2) WHERE rowid = (SELECT min(rowid) FROM sep_rule)").run();
    raw.close();
    const r = runCliProcess(['sep', 'search', 'lost my job', '--db', db, '--json']);
    // One line that says what happened, never a raw validation dump.
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('rebuilt from the bundle');
    expect(r.stderr).not.toMatch(/invalid_type|ZodError|"path"/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results.length).toBeGreaterThan(0);
    const desk = open(db);
    try {
      expect(desk.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sep.rules.rebuilt'").pluck().get()).toBe(1);
    } finally {
      desk.close();
    }
  });

  it('damage only in the member index offers a rebuild (said once), and the rebuild finds every member again', () => {
    const db = newFile();
    const desk = open(db);
    const pop = population(3000, 14);
    const csv = path.join(path.dirname(db), 'members.csv');
    pop.write(csv);
    desk.close();
    expect(runCliProcess(['import', 'members', csv, '--db', db]).code).toBe(0);
    const before = open(db);
    const m = pop.members.find((x) => x.ssn)!;
    const query = { firstName: m.firstName, lastName: m.lastName, dateOfBirth: m.dateOfBirth, sex: m.sex, ssn: m.ssn };
    const expected = before.services.match.lookup.matchJson(query).candidates[0]!.memberId;
    const page = before.db.prepare("SELECT pageno FROM dbstat WHERE name = 'match_key' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3").pluck().get() as number;
    before.db.pragma('wal_checkpoint(TRUNCATE)');
    before.close();
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(300, 0xa5), 0, 300, (page - 1) * 4096 + 200);
    fs.closeSync(fd);

    let error: unknown;
    try {
      openDesk({ dbPath: db, host: 'web', log: silentLogger, env, backups: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorruptDatabaseError);
    const message = (error as Error).message;
    expect(message).toContain('db recover --rebuild');
    expect(message).not.toContain('--empty');
    expect(message.match(/is damaged/g)).toHaveLength(1);
    expect((error as CorruptDatabaseError).damage).toMatchObject({ rebuildable: true, objects: ['match_key'] });

    const check = runCliProcess(['db', 'check', '--db', db]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('Only rebuildable data is damaged (match_key): run db recover --rebuild.');

    const r = runCliProcess(['db', 'recover', '--rebuild', '--json', '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, rebuilt: ['match_key'], movedAside: [] });
    const after = openDesk({ dbPath: db, host: 'web', log: silentLogger, env, backups: false });
    try {
      expect(after.services.match.lookup.matchJson(query as never).candidates[0]!.memberId).toBe(expected);
      expect(after.db.prepare('SELECT count(*) FROM match_member').pluck().get()).toBe(3000);
      expect(after.audit.verify()).toMatchObject({ ok: true });
    } finally {
      after.close();
    }
  }, 180_000);
});
