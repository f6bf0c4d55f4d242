import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memberColumns } from '../../../shared/common/match/schemas';
import { checkIntegrity } from '../../../shared/node/db/safety';
import { importFile } from '../../../shared/node/match/importer';
import { importStaged } from '../../../shared/node/match/importStaging';
import { memberLine } from '../../../shared/node/match/populationCsv';
import { hasStaging, retireTable } from '../../../shared/node/match/stagingTables';
import { population } from '../../helpers/population';
import { openTestDesk } from '../../helpers/temp';

/**
 * Issue 15 §1: the daily re-import (a cache that already has members) and the
 * associations import are staged too. A re-import merges: members the file names are
 * upserted, those it does not name stay, each member keeps its id. The staged import
 * must leave the cache exactly as the one-thread import does, with the same report.
 */
const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function desk() {
  const t = openTestDesk();
  open.push(t);
  return t;
}
type T = ReturnType<typeof desk>;

const header = memberColumns.join(',');
const col = (c: string) => memberColumns.indexOf(c as never);
function setCell(line: string, column: string, value: string): string {
  const cells = line.split(',');
  cells[col(column)] = value;
  return cells.join(',');
}

/** Everything the cache holds, SSNs opened through the store (blocks and slots may be numbered apart). */
function dump(t: T) {
  const db = t.desk.db;
  const all = (sql: string) => db.prepare(sql).all();
  const store = t.desk.services.match.store;
  const members = db
    .prepare(
      'SELECT id, member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex, head_of_household, imported_at FROM match_member ORDER BY id',
    )
    .all() as { member_id: string }[];
  return {
    members: members.map((m) => ({ ...m, ssn: store.ssnOf(m.member_id) })),
    keys: all('SELECT key, member FROM match_key ORDER BY key, member'),
    cases: all('SELECT * FROM match_case ORDER BY case_number'),
    applications: all('SELECT * FROM match_application ORDER BY application_number'),
    names: all('SELECT * FROM match_name_count ORDER BY part, name'),
    associations: all('SELECT * FROM match_association ORDER BY case_number, agent_id'),
  };
}

/** Day one's 600 members, and day two's file: 500 of them (some changed), 80 new; 100 not named. */
function extracts(dir: string) {
  const pop = population(680, 41);
  const lines = pop.members.map(memberLine).map((l) => l.trimEnd());
  const day1 = path.join(dir, 'day1.csv');
  fs.writeFileSync(day1, [header, ...lines.slice(0, 600)].join('\n') + '\n');
  const withSsn = (i: number) => lines[i]!.split(',')[col('ssn')] !== '';
  const changed = lines.slice(0, 500).map((l, i) => {
    if (i % 50 === 1) return setCell(l, 'first_name', 'Zebulon');
    if (i % 50 === 2 && withSsn(i)) return setCell(l, 'ssn', String(510000000 + i));
    if (i % 50 === 3 && withSsn(i)) return setCell(l, 'ssn', '');
    if (i % 50 === 4) return setCell(l, 'case_status', 'Closed');
    if (i % 50 === 5) return setCell(l, 'middle_name', 'Q');
    return l;
  });
  // A member that had no SSN gets one.
  const noSsn = lines.slice(0, 500).findIndex((_, i) => !withSsn(i));
  if (noSsn >= 0) changed[noSsn] = setCell(changed[noSsn]!, 'ssn', '519283746');
  const day2 = path.join(dir, 'day2.csv');
  fs.writeFileSync(day2, [header, ...changed, ...lines.slice(600)].join('\n') + '\n');
  return { day1, day2, pop };
}

const ASSOC_HEADER = 'agent_id,agent_name,case_number,associated_on';
function associationsCsv(dir: string, name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [ASSOC_HEADER, ...rows].join('\n') + '\n');
  return file;
}

describe('the staged re-import', () => {
  it('leaves the cache exactly as the one-thread import does, with the same report: ids kept, members not named kept, SSNs resealed', async () => {
    const one = desk();
    const two = desk();
    const { day1, day2, pop } = extracts(one.dir);
    expect(importFile(one.desk.services.match.store, 'members', day1)).toMatchObject({ committed: true, inserted: 600 });
    expect(await importStaged(two.desk.services.match.store, 'members', day1)).toMatchObject({ committed: true, inserted: 600 });
    expect(dump(two)).toEqual(dump(one));
    one.clock.advance(86_400_000);
    two.clock.advance(86_400_000);
    const a = importFile(one.desk.services.match.store, 'members', day2);
    const b = await importStaged(two.desk.services.match.store, 'members', day2, { batchRows: 70 });
    expect(a).toMatchObject({ committed: true, inserted: 80 });
    expect(a.updated).toBeGreaterThan(40);
    expect(a.unchanged).toBeGreaterThan(400);
    const pick = (r: typeof a) => ({ rows: r.rows, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, invalid: r.invalid, committed: r.committed });
    expect(pick(b)).toEqual(pick(a));
    expect(b.cancelled).toBe(false);
    expect(dump(two)).toEqual(dump(one));
    expect(dump(two).members).toHaveLength(680);
    expect(hasStaging(two.desk.db)).toBe(false);
    expect(checkIntegrity(two.desk.db, 'full')).toEqual([]);
    // A member the file did not name is still found, with its SSN.
    const kept = pop.members[650 - 100]!;
    const d = two.desk.services.match.lookup.match({ firstName: kept.firstName, lastName: kept.lastName, dateOfBirth: kept.dateOfBirth, sex: kept.sex, ssn: kept.ssn });
    expect(d.candidates[0]!.member.memberId).toBe(kept.memberId);
    // And a third import of the same file: the same again (members of a case whose rows disagree on its status count as changed each time).
    const a3 = importFile(one.desk.services.match.store, 'members', day2);
    const b3 = await importStaged(two.desk.services.match.store, 'members', day2);
    expect(a3).toMatchObject({ inserted: 0 });
    expect(pick(b3)).toEqual(pick(a3));
    expect(dump(two)).toEqual(dump(one));
  });

  it('cancelled during the write leaves the cache as it was; a bad row stops it with nothing written', async () => {
    const t = desk();
    const { day1, day2 } = extracts(t.dir);
    await importStaged(t.desk.services.match.store, 'members', day1);
    const before = dump(t);
    t.clock.advance(60_000);
    const abort = new AbortController();
    const report = await importStaged(t.desk.services.match.store, 'members', day2, {
      batchRows: 50,
      signal: abort.signal,
      onProgress: (rows) => {
        if (rows >= 200) abort.abort();
      },
    });
    expect(report).toMatchObject({ committed: false, cancelled: true, inserted: 0, updated: 0 });
    expect(dump(t)).toEqual(before);
    expect(hasStaging(t.desk.db)).toBe(false);
    fs.appendFileSync(day2, 'M999999999,100000001,,Ann,,Lee,,1980-02-30,F,,false,Active,\n');
    expect(await importStaged(t.desk.services.match.store, 'members', day2, { batchRows: 50 })).toMatchObject({ committed: false, cancelled: false, invalid: 1 });
    expect(dump(t)).toEqual(before);
    expect(hasStaging(t.desk.db)).toBe(false);
  });

  it('refuses to swap when members were written meanwhile (a central pull): that write kept, the rest as it was', async () => {
    const t = desk();
    const { day1, day2 } = extracts(t.dir);
    const store = t.desk.services.match.store;
    await importStaged(store, 'members', day1);
    const lines = fs.readFileSync(day1, 'utf8').trim().split('\n');
    const cells = lines[3]!.split(',');
    let wrote = false;
    const run = importStaged(store, 'members', day2, {
      batchRows: 50,
      onProgress: () => {
        if (wrote) return;
        wrote = true;
        t.desk.db.prepare("UPDATE match_case SET status = 'Pending' WHERE case_number = ?").run(cells[col('case_number')]);
      },
    });
    await expect(run).rejects.toThrow(/written to the cache while this import ran/);
    expect(wrote).toBe(true);
    expect(t.desk.db.prepare('SELECT status FROM match_case WHERE case_number = ?').pluck().get(cells[col('case_number')])).toBe('Pending');
    expect(store.memberCount()).toBe(600);
    expect(hasStaging(t.desk.db)).toBe(false);
    // With nothing written meanwhile it goes through.
    expect(await importStaged(store, 'members', day2)).toMatchObject({ committed: true, inserted: 80 });
  });
});

describe('the staged associations import', () => {
  it('merges as the one-thread import does, with the same report, and keeps an association the desk records meanwhile', async () => {
    const one = desk();
    const two = desk();
    const base = Array.from({ length: 900 }, (_, i) => `A${i % 7},Agent ${i % 7},C${String(i).padStart(6, '0')},2026-0${1 + (i % 9)}-1${i % 10}`);
    const day1 = associationsCsv(one.dir, 'a1.csv', base);
    const changed = base.map((r, i) => (i % 40 === 0 ? r.replace(/Agent \d/, 'Agent Renamed') : r));
    const day2 = associationsCsv(one.dir, 'a2.csv', [...changed.slice(100), 'A9,Agent Nine,C999999,2026-11-01']);
    expect(importFile(one.desk.services.match.store, 'associations', day1)).toMatchObject({ committed: true, inserted: 900 });
    expect(await importStaged(two.desk.services.match.store, 'associations', day1)).toMatchObject({ committed: true, inserted: 900 });
    expect(dump(two)).toEqual(dump(one));
    const a = importFile(one.desk.services.match.store, 'associations', day2);
    // The desk records an association (as association/service.ts does) and changes another while the thread writes.
    let recorded = false;
    const b = await importStaged(two.desk.services.match.store, 'associations', day2, {
      batchRows: 60,
      onProgress: () => {
        if (recorded) return;
        recorded = true;
        two.desk.db
          .prepare(
            `INSERT INTO match_association (agent_id, case_number, agent_name, associated_on, imported_at) VALUES ('NPN7', 'C555555', 'Desk Agent', '2026-11-22', 'x')
             ON CONFLICT (case_number, agent_id) DO UPDATE SET agent_name = excluded.agent_name, associated_on = excluded.associated_on`,
          )
          .run();
        two.desk.db.prepare("UPDATE match_association SET agent_name = 'Edited At Desk' WHERE case_number = 'C000001'").run();
      },
    });
    expect(recorded).toBe(true);
    const pick = (r: typeof a) => ({ rows: r.rows, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, invalid: r.invalid, committed: r.committed });
    expect(a).toMatchObject({ committed: true, inserted: 1, updated: 20 });
    expect(pick(b)).toEqual(pick(a));
    const rows = dump(two).associations as { case_number: string; agent_name: string }[];
    expect(rows.find((r) => r.case_number === 'C555555')).toMatchObject({ agent_name: 'Desk Agent' });
    // C000001 is not in day two's file: the desk's edit stands.
    expect(rows.find((r) => r.case_number === 'C000001')).toMatchObject({ agent_name: 'Edited At Desk' });
    expect(rows).toHaveLength(902);
    expect(hasStaging(two.desk.db)).toBe(false);
    expect(two.desk.services.match.store.db.prepare("SELECT imported_at FROM match_extract WHERE kind = 'associations'").pluck().get()).not.toBeNull();
  });

  it('cancelled, or stopped by a bad row, leaves the associations as they were, and the desk writes them again at once', async () => {
    const t = desk();
    const base = Array.from({ length: 600 }, (_, i) => `A${i % 5},Agent ${i % 5},C${String(i).padStart(6, '0')},2026-03-1${i % 10}`);
    await importStaged(t.desk.services.match.store, 'associations', associationsCsv(t.dir, 'a1.csv', base));
    const before = dump(t);
    const abort = new AbortController();
    const changed = base.map((r) => r.replace('Agent', 'Other'));
    const r = await importStaged(t.desk.services.match.store, 'associations', associationsCsv(t.dir, 'a2.csv', changed), {
      batchRows: 50,
      signal: abort.signal,
      onProgress: (rows) => {
        if (rows >= 100) abort.abort();
      },
    });
    expect(r).toMatchObject({ committed: false, cancelled: true });
    expect(dump(t)).toEqual(before);
    const bad = await importStaged(t.desk.services.match.store, 'associations', associationsCsv(t.dir, 'a3.csv', [...changed, 'A1,,C1,2026-13-01']));
    expect(bad).toMatchObject({ committed: false, invalid: 1 });
    expect(dump(t)).toEqual(before);
    expect(hasStaging(t.desk.db)).toBe(false);
    // No trigger left behind: the desk's own write lands as before.
    t.desk.db.prepare("INSERT INTO match_association (agent_id, case_number, agent_name, associated_on, imported_at) VALUES ('Z', 'C9', 'Z', '2026-01-01', 'x')").run();
    expect(dump(t).associations).toHaveLength(601);
  });
});

describe('retiring the tables a swap replaced', () => {
  it('empties a rowid table and a WITHOUT ROWID one a slice at a time, each slice its own write, then drops them', () => {
    const t = desk();
    const db = t.desk.db;
    db.exec('CREATE TABLE r1 (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX r1_v ON r1 (v); CREATE TABLE r2 (a INTEGER, b INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID;');
    const i1 = db.prepare('INSERT INTO r1 (v) VALUES (?)');
    const i2 = db.prepare('INSERT INTO r2 VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 1050; i++) {
        i1.run(`v${i % 17}`);
        i2.run(i % 10, i);
      }
    })();
    for (const table of ['r1', 'r2']) {
      let writes = 0;
      retireTable(db, table, (fn) => db.transaction(() => (writes++, fn()))(), 100);
      // 10 slices of 100, the last 50 with the drop.
      expect(writes).toBe(11);
      expect(db.prepare('SELECT count(*) FROM sqlite_schema WHERE tbl_name = ?').pluck().get(table)).toBe(0);
    }
    expect(checkIntegrity(db, 'full')).toEqual([]);
  });
});
