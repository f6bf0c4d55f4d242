import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../shared/node/audit/auditLog';
import { openTestDesk } from '../../helpers/temp';
import { runCliProcess } from '../../helpers/cli';

let current: ReturnType<typeof openTestDesk> | undefined;
afterEach(() => current?.close());

function deskWithEntries(n: number) {
  current = openTestDesk();
  // The desk key is bound before the entries (that is entry 1), so every entry here is keyed.
  current.desk.ssnVault();
  for (let i = 1; i <= n; i++) {
    current.clock.advance(1000);
    current.desk.audit.append({ action: 'test.step', subject: `thing:${i}`, details: { i } });
  }
  return current;
}

describe('audit log', () => {
  it('chains every entry to the one before it', () => {
    const { desk } = deskWithEntries(3);
    const rows = desk.db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as { seq: number; prev_hash: string; hash: string }[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    expect(rows[3]!.prev_hash).toBe(rows[2]!.hash);
    expect(desk.audit.verify()).toMatchObject({ ok: true, entries: 4, lastHash: rows[3]!.hash, unkeyed: 0 });
  });

  it('names the signed-in operator as the actor, or the host before sign-in', () => {
    const { desk } = deskWithEntries(1);
    const op = desk.operators.save({ name: 'Dana Rep', role: 'rep', pin: '2468' }).operator;
    const entry = desk.audit.append({ action: 'test.after_sign_in' });
    expect(desk.audit.recent(2).map((e) => e.actor)).toEqual([`operator:${op.id}`, 'system:cli']);
    expect(entry.actor).toBe(`operator:${op.id}`);
  });

  it('refuses UPDATE and DELETE at the database', () => {
    const { desk } = deskWithEntries(2);
    expect(() => desk.db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => desk.db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('names the first changed entry when someone goes around the triggers', () => {
    const { desk } = deskWithEntries(5);
    desk.db.exec('DROP TRIGGER audit_log_no_update');
    desk.db.prepare(`UPDATE audit_log SET details = '{"i":99}' WHERE seq = 3`).run();
    expect(desk.audit.verify()).toEqual({ ok: false, entries: 3, firstBroken: { seq: 3, reason: 'its content was changed after it was written' } });
  });

  it('names the entry after a deleted one', () => {
    const { desk } = deskWithEntries(5);
    desk.db.exec('DROP TRIGGER audit_log_no_delete');
    desk.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const v = desk.audit.verify();
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.firstBroken).toEqual({ seq: 3, reason: 'entry 2 is missing' });
  });

  it('detects a rewritten chain that was re-hashed from the middle but not re-linked', () => {
    const { desk } = deskWithEntries(4);
    desk.db.exec('DROP TRIGGER audit_log_no_update');
    // Forge entry 2's hash so it matches its edited content: entry 3 no longer links to it.
    desk.db.prepare(`UPDATE audit_log SET hash = 'f' || substr(hash, 2) WHERE seq = 2`).run();
    const v = desk.audit.verify();
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.firstBroken.seq).toBe(2);
  });

  it('`audit verify --json` exits 0 on an intact chain and 1 naming the broken entry', () => {
    const { desk } = deskWithEntries(3);
    const file = desk.dbPath;
    desk.close();
    const ok = runCliProcess(['audit', 'verify', '--json', '--db', file]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, entries: 4 });

    const again = openTestDesk({ dbPath: file });
    again.desk.db.exec('DROP TRIGGER audit_log_no_update');
    again.desk.db.prepare(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 2`).run();
    again.desk.close();
    const broken = runCliProcess(['audit', 'verify', '--json', '--db', file]);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
    again.close();
  });
});
