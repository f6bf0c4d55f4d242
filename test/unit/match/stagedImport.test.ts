import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../../shared/node/db/safety';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { importMembersStaged } from '../../../shared/node/match/importStaging';
import { createStaging, hasStaging } from '../../../shared/node/match/stagingTables';
import { testKeyEnv } from '../../helpers/deskKey';
import { population } from '../../helpers/population';
import { openTestDesk, removeTempDir } from '../../helpers/temp';

/**
 * Issue 15 §1: a members import written by the staging thread on its own connection,
 * swapped in by one short transaction on the desk's. Progress and cancel work through
 * the write; cancel leaves the cache as it was; staging a crash left is dropped at open.
 */
const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function desk() {
  const t = openTestDesk();
  open.push(t);
  return t;
}

const count = (t: ReturnType<typeof desk>, table: string) => t.desk.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const audited = (t: ReturnType<typeof desk>) => t.desk.audit.recent(50).filter((e) => e.action === 'match.import.members');

describe('the staged members import', () => {
  it('writes while the desk answers: progress during the write, a lookup and its audit entry land meanwhile, then every row with its entry', async () => {
    const t = desk();
    const csv = path.join(t.dir, 'members.csv');
    const pop = population(3000, 21);
    pop.write(csv);
    const m = pop.members[1234]!;
    const progress: number[] = [];
    let lookedUp = 0;
    const report = await importMembersStaged(t.desk.services.match.store, csv, {
      batchRows: 100,
      onProgress: (rows) => {
        progress.push(rows);
        // The desk's connection reads and writes (the lookup's audit entry) while the thread writes its staging.
        if (progress.length === 3) {
          const r = t.desk.services.match.lookup.lookup({
            firstName: m.firstName,
            lastName: m.lastName,
            dateOfBirth: m.dateOfBirth,
            sex: m.sex,
            ssn: null,
            caseNumber: null,
            applicationNumber: null,
          });
          expect(r.level).toBe('none');
          lookedUp = count(t, 'match_member');
        }
      },
      audit: (details) => void t.desk.audit.append({ action: 'match.import.members', details: { ...details } }),
    });
    expect(report).toMatchObject({ committed: true, cancelled: false, rows: 3000, inserted: 3000, invalid: 0 });
    expect(progress.length).toBeGreaterThan(10);
    expect(lookedUp).toBe(0);
    expect(t.desk.audit.recent(50).some((e) => e.action.startsWith('match.lookup'))).toBe(true);
    expect(count(t, 'match_member')).toBe(3000);
    expect(audited(t)).toHaveLength(1);
    expect(audited(t)[0]).toMatchObject({ details: { rows: 3000, inserted: 3000, committed: true } });
    expect(t.desk.services.match.store.membersImportedAt()).not.toBeNull();
    expect(hasStaging(t.desk.db)).toBe(false);
    expect(checkIntegrity(t.desk.db, 'full')).toEqual([]);
    // Found through the index the thread built, SSN opened from a block it sealed.
    const d = t.desk.services.match.lookup.match({ firstName: m.firstName, lastName: m.lastName, dateOfBirth: m.dateOfBirth, sex: m.sex, ssn: m.ssn });
    expect(d.level).toBe('full');
    expect(d.candidates[0]!.member.memberId).toBe(m.memberId);
    expect(t.desk.services.match.store.ssnOf(m.memberId)).toBe(m.ssn);
    const plan = (sql: string) => (t.desk.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join();
    expect(plan('SELECT * FROM match_member WHERE member_id = ?')).toMatch(/USING INDEX match_member_member_id_staged/);
    expect(plan('SELECT * FROM match_member WHERE case_number = ?')).toMatch(/USING INDEX match_member_case_staged/);
  });

  it('cancelled during the write leaves the cache as it was: no row, no staging, no entry', async () => {
    const t = desk();
    const csv = path.join(t.dir, 'members.csv');
    population(3000, 22).write(csv);
    const abort = new AbortController();
    const report = await importMembersStaged(t.desk.services.match.store, csv, {
      batchRows: 100,
      signal: abort.signal,
      onProgress: (rows) => {
        if (rows >= 500) abort.abort();
      },
      audit: (details) => void t.desk.audit.append({ action: 'match.import.members', details: { ...details } }),
    });
    expect(report).toMatchObject({ committed: false, cancelled: true, inserted: 0 });
    expect(report.rows).toBeLessThan(3000);
    for (const table of ['match_member', 'match_key', 'match_ssn_block', 'match_case', 'match_name_count']) expect(count(t, table)).toBe(0);
    expect(hasStaging(t.desk.db)).toBe(false);
    expect(audited(t)).toHaveLength(0);
    expect(t.desk.services.match.store.membersImportedAt()).toBeNull();
    // And the next import goes through whole.
    expect(await importMembersStaged(t.desk.services.match.store, csv)).toMatchObject({ committed: true, inserted: 3000 });
  });

  it('a bad row stops it as the one-thread import does: nothing written, every bad row listed, the attempt audited', async () => {
    const t = desk();
    const csv = path.join(t.dir, 'members.csv');
    population(400, 23).write(csv);
    const fs = await import('node:fs');
    fs.appendFileSync(csv, 'M999999999,100000001,,Ann,,Lee,,1980-02-30,F,,false,Active,\n');
    const report = await importMembersStaged(t.desk.services.match.store, csv, {
      batchRows: 50,
      audit: (details) => void t.desk.audit.append({ action: 'match.import.members', details: { ...details } }),
    });
    expect(report).toMatchObject({ committed: false, cancelled: false, inserted: 0, invalid: 1, rows: 401 });
    expect(report.issues[0]).toMatchObject({ line: 402, column: 'date_of_birth' });
    expect(count(t, 'match_member')).toBe(0);
    expect(hasStaging(t.desk.db)).toBe(false);
    expect(audited(t)[0]).toMatchObject({ details: { committed: false, invalid: 1 } });
  });

  it('staging a crash left behind is dropped when the desk opens; the cache is as it was', () => {
    const t = openTestDesk();
    const dbPath = t.desk.dbPath;
    createStaging(t.desk.db);
    t.desk.db.exec(
      "INSERT INTO match_member_staging (id, member_id, case_number, first_name, last_name, date_of_birth, sex, head_of_household, imported_at) VALUES (1, 'M1', 'C1', 'A', 'B', '1980-01-01', 'F', 0, 'x')",
    );
    t.desk.close();
    const again = openDesk({ dbPath, host: 'cli', log: silentLogger, env: { ...testKeyEnv }, backups: false });
    try {
      expect(hasStaging(again.db)).toBe(false);
      expect(again.db.prepare('SELECT count(*) FROM match_member').pluck().get()).toBe(0);
      expect(checkIntegrity(again.db, 'full')).toEqual([]);
    } finally {
      again.close();
      removeTempDir(t.dir);
    }
  });
});
