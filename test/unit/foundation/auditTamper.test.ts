import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../shared/node/audit/auditLog';
import { defaultKeyFolder, openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { runCliProcess } from '../../helpers/cli';
import { testKeyEnv } from '../../helpers/deskKey';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

/**
 * Issue 14 §9: with plain SHA-256 and no head outside the file, deleting the last
 * rows, deleting every row, or editing a row and recomputing the chain all passed
 * `audit verify`. Each must fail now, through the CLI as a support person runs it.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

function deskFile(entries = 6) {
  const dir = makeTempDir();
  dirs.push(dir);
  const dbPath = path.join(dir, 'desk.sqlite3');
  const desk = openDesk({ dbPath, host: 'web', log: silentLogger, env: { ...testKeyEnv }, backups: false });
  for (let i = 1; i <= entries; i++) desk.audit.append({ action: 'test.step', subject: `thing:${i}`, details: { i } });
  const head = desk.audit.head();
  desk.close();
  return { dbPath, head };
}

/** What someone with the database file alone can do: go around the triggers with plain SQL. */
function tamper(dbPath: string, sql: (db: ReturnType<typeof openDesk>['db']) => void) {
  const desk = openDesk({ dbPath, host: 'cli', log: silentLogger, env: {}, auditHead: null, backups: false });
  try {
    desk.db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    sql(desk.db);
  } finally {
    desk.close();
  }
}

function verify(dbPath: string) {
  const r = runCliProcess(['audit', 'verify', '--db', dbPath, '--json']);
  return { code: r.code, out: JSON.parse(r.stdout || r.stderr) };
}

describe('the audit log cannot be rewritten', () => {
  it('an intact keyed log passes, up to the head kept outside the database (beside the key store, not the database)', () => {
    const { dbPath, head } = deskFile();
    const v = verify(dbPath);
    expect(v.code).toBe(0);
    expect(v.out).toMatchObject({ ok: true, entries: head.seq, unkeyed: 0, head: { seq: head.seq, hash: head.hash } });
    const heads = path.join(defaultKeyFolder(process.env), 'audit-heads');
    expect(fs.readdirSync(heads).length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(path.dirname(dbPath), 'audit-heads'))).toBe(false);
  });

  it('deleting the last entries is detected', () => {
    const { dbPath, head } = deskFile();
    tamper(dbPath, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(head.seq - 2));
    const v = verify(dbPath);
    expect(v.code).toBe(1);
    expect(v.out.firstBroken.reason).toMatch(/were removed/);
  });

  it('deleting every entry is detected', () => {
    const { dbPath } = deskFile();
    tamper(dbPath, (db) => db.prepare('DELETE FROM audit_log').run());
    const v = verify(dbPath);
    expect(v.code).toBe(1);
    expect(v.out.firstBroken.reason).toMatch(/were removed/);
  });

  it('editing an entry and recomputing the whole chain (with SHA-256, as the old chain was made) is detected', () => {
    const { dbPath } = deskFile();
    tamper(dbPath, (db) => {
      const rows = db.prepare('SELECT seq, at, actor, action, subject, details FROM audit_log ORDER BY seq').all() as {
        seq: number;
        at: string;
        actor: string;
        action: string;
        subject: string | null;
        details: string;
      }[];
      let prev = GENESIS_HASH;
      for (const r of rows) {
        const details = r.seq === 3 ? JSON.stringify({ i: 'rewritten' }) : r.details;
        const hash = createHash('sha256')
          .update(JSON.stringify([prev, r.seq, r.at, r.actor, r.action, r.subject, details]))
          .digest('hex');
        db.prepare("UPDATE audit_log SET details = ?, prev_hash = ?, hash = ?, mac = 'sha256' WHERE seq = ?").run(details, prev, hash, r.seq);
        prev = hash;
      }
    });
    const v = verify(dbPath);
    expect(v.code).toBe(1);
    expect(v.out.firstBroken.reason).toMatch(/rewritten/);
  });

  it('editing an entry without recomputing is named at that entry; a missing head is reported, never passed', () => {
    const { dbPath } = deskFile();
    tamper(dbPath, (db) => db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 4").run());
    expect(verify(dbPath).out).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: expect.stringMatching(/changed/) } });

    const other = deskFile();
    for (const f of fs.readdirSync(path.join(defaultKeyFolder(process.env), 'audit-heads'))) fs.rmSync(path.join(defaultKeyFolder(process.env), 'audit-heads', f));
    const v = verify(other.dbPath);
    expect(v.code).toBe(1);
    expect(v.out.firstBroken.reason).toMatch(/head of this log recorded outside the database is missing/);
  });

  it('without the desk key, a CLI command still records what it did (unkeyed, and counted); verify needs the key for keyed entries', () => {
    const { dbPath, head } = deskFile(2);
    const list = runCliProcess(['call', 'list', '--db', dbPath, '--json'], { KYNECT_DESK_KEY: '' });
    expect(list.code).toBe(0);
    const v = verify(dbPath);
    expect(v.out).toMatchObject({ ok: true, entries: head.seq + 1, unkeyed: 1 });
    const noKey = runCliProcess(['audit', 'verify', '--db', dbPath, '--json'], { KYNECT_DESK_KEY: '' });
    expect(noKey.code).toBe(1);
    expect(JSON.parse(noKey.stdout).firstBroken.reason).toMatch(/no desk key was given to check it/);
  });
});
