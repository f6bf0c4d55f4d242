import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk } from '../../helpers/temp';
import { importChunks, importFile, issuesCsv } from '../../../shared/node/match/importer';
import { PopulationGenerator } from '../../../shared/common/match/population';
import { memberLine, writeMembersCsv } from '../../../shared/node/match/populationCsv';
import { memberColumns } from '../../../shared/common/match/schemas';
import { queryKeys } from '../../../shared/common/match/blocking';

const header = memberColumns.join(',') + '\n';
let t: ReturnType<typeof openTestDesk>;
beforeEach(() => {
  t = openTestDesk();
});
afterEach(() => t.close());

const counts = () => {
  const db = t.desk.db;
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  return { members: one('SELECT count(*) FROM match_member'), keys: one('SELECT count(*) FROM match_key'), cases: one('SELECT count(*) FROM match_case') };
};

function setCell(line: string, column: string, value: string): string {
  const cells = line.split(',');
  cells[memberColumns.indexOf(column as never)] = value;
  return cells.join(',');
}

function membersCsv(n: number, seed = 3): string {
  let s = header;
  for (const m of new PopulationGenerator({ seed }).members(n)) s += memberLine(m);
  return s;
}

describe('members.csv import (issue 4 §1)', () => {
  it('imports every row in one transaction and re-importing changes nothing', () => {
    const store = t.desk.services.match.store;
    const csv = membersCsv(500);
    const first = importChunks(store, 'members', [csv]);
    expect(first).toMatchObject({ rows: 500, inserted: 500, invalid: 0, committed: true });
    const before = counts();
    const dump = t.desk.db.prepare('SELECT * FROM match_member ORDER BY id').all();
    const again = importChunks(store, 'members', [csv.slice(0, 777), csv.slice(777)]);
    expect(again).toMatchObject({ rows: 500, inserted: 0, updated: 0, unchanged: 500, committed: true });
    expect(counts()).toEqual(before);
    expect(t.desk.db.prepare('SELECT * FROM match_member ORDER BY id').all()).toEqual(dump);
  });

  it('upserts by member_id: a changed row is updated and re-indexed under its new keys', () => {
    const store = t.desk.services.match.store;
    importChunks(store, 'members', [membersCsv(50)]);
    const row = t.desk.db.prepare('SELECT * FROM match_member WHERE id = 1').get() as Record<string, string>;
    const changed =
      header +
      memberColumns
        .map((c) => (c === 'last_name' ? 'Zyzzyva' : c === 'head_of_household' ? (row[c] ? 'true' : 'false') : c === 'case_status' ? 'Active' : (row[c] ?? '')))
        .join(',') +
      '\n';
    const r = importChunks(store, 'members', [changed]);
    expect(r).toMatchObject({ updated: 1, inserted: 0 });
    const lookup = t.desk.services.match.lookup;
    const found = lookup.match({ firstName: row.first_name!, lastName: 'Zyzzyva', dateOfBirth: row.date_of_birth!, sex: row.sex as 'M', ssn: row.ssn ?? null });
    expect(found.candidates[0]?.member.memberId).toBe(row.member_id);
  });

  it('aborts on any bad row by default, writes nothing, and reports line, column and reason', () => {
    const store = t.desk.services.match.store;
    const good = membersCsv(20).split('\n');
    good[3] = setCell(good[3]!, 'sex', 'X');
    good[7] = setCell(good[7]!, 'date_of_birth', '1980-02-30');
    good[9] = setCell(good[9]!, 'ssn', '12345678');
    const r = importChunks(store, 'members', [good.join('\n')]);
    expect(r.committed).toBe(false);
    expect(r.inserted).toBe(0);
    expect(r.invalid).toBe(3);
    expect(r.issues).toEqual([
      { line: 4, column: 'sex', reason: 'Sex must be M, F or U.' },
      { line: 8, column: 'date_of_birth', reason: 'That day does not exist.' },
      { line: 10, column: 'ssn', reason: 'SSN must be 9 digits or empty.' },
    ]);
    expect(counts()).toEqual({ members: 0, keys: 0, cases: 0 });
  });

  it('with skipInvalid imports the good rows and lists the bad ones as a report', () => {
    const store = t.desk.services.match.store;
    const lines = membersCsv(10).split('\n');
    lines[2] = lines[2]!.replace(/^M\d+/, '');
    const r = importChunks(store, 'members', [lines.join('\n')], { skipInvalid: true });
    expect(r).toMatchObject({ committed: true, inserted: 9, invalid: 1 });
    expect(issuesCsv(r.issues)).toBe('line,column,reason\r\n3,member_id,member_id is required.\r\n');
  });

  it('refuses a file with a missing column or a duplicate member_id', () => {
    const store = t.desk.services.match.store;
    const noSsn = membersCsv(3).replace('ssn,', 'social,');
    const r = importChunks(store, 'members', [noSsn], { skipInvalid: true });
    expect(r.committed).toBe(false);
    expect(r.issues[0]).toEqual({ line: 1, column: 'ssn', reason: 'The header has no ssn column.' });
    const lines = membersCsv(3).split('\n');
    const dup = [...lines.slice(0, 3), lines[1], ...lines.slice(3)].join('\n');
    const d = importChunks(store, 'members', [dup]);
    expect(d.committed).toBe(false);
    expect(d.issues[0]).toMatchObject({ line: 4, column: 'member_id', reason: 'Appears again in this file (first on line 2).' });
    expect(counts().members).toBe(0);
  });

  it('accepts a header with no rows, and refuses an empty file', () => {
    const store = t.desk.services.match.store;
    expect(importChunks(store, 'members', [header])).toMatchObject({ rows: 0, committed: true, issues: [] });
    expect(importChunks(store, 'members', [''])).toMatchObject({ committed: false, issues: [{ line: 1, column: '(header)' }] });
    expect(importChunks(store, 'members', ['member_id,case_number\n'])).toMatchObject({ committed: false });
  });

  it('reads quoted cells with commas and a BOM, from a file in pieces', () => {
    const file = path.join(t.dir, 'm.csv');
    fs.writeFileSync(file, '\uFEFF' + header + 'M1,C1,,"Mary, Jo",,"O\'Brien",,1980-01-02,F,,true,"Active",\r\n');
    const r = importFile(t.desk.services.match.store, 'members', file);
    expect(r).toMatchObject({ inserted: 1, committed: true });
    expect(t.desk.db.prepare('SELECT first_name FROM match_member').pluck().get()).toBe('Mary, Jo');
  });

  it('imports associations idempotently', () => {
    const store = t.desk.services.match.store;
    const csv = 'agent_id,agent_name,case_number,associated_on\nA1,Pat Agent,100000000,2026-11-01\nA2,Lee Agent,100000000,2026-11-02\n';
    expect(importChunks(store, 'associations', [csv])).toMatchObject({ inserted: 2, committed: true });
    expect(importChunks(store, 'associations', [csv])).toMatchObject({ inserted: 0, unchanged: 2 });
    expect(store.associationsOfCase('100000000').map((a) => a.agentId)).toEqual(['A2', 'A1']);
    const bad = importChunks(store, 'associations', ['agent_id,agent_name,case_number,associated_on\nA3,,C1,2026-13-01\n']);
    expect(bad.issues).toEqual([
      { line: 2, column: 'agent_name', reason: 'agent_name is required.' },
      { line: 2, column: 'associated_on', reason: 'That day does not exist.' },
    ]);
  });

  it('bulk-loads into an empty cache and still finds members through the index', () => {
    const file = path.join(t.dir, 'pop.csv');
    writeMembersCsv(file, new PopulationGenerator({ seed: 8 }).members(3000));
    const r = importFile(t.desk.services.match.store, 'members', file);
    expect(r).toMatchObject({ inserted: 3000, committed: true });
    const indexes = t.desk.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'match_member' ORDER BY name").pluck().all();
    expect(indexes).toEqual(['match_member_application', 'match_member_case', 'match_member_member_id']);
    const m = t.desk.db.prepare('SELECT * FROM match_member WHERE id = 1234').get() as Record<string, string>;
    const d = t.desk.services.match.lookup.match({
      firstName: m.first_name!,
      lastName: m.last_name!,
      dateOfBirth: m.date_of_birth!,
      sex: m.sex as 'F',
      ssn: t.desk.services.match.store.ssnOf(m.member_id!) ?? null,
    });
    expect(d.level).toBe('full');
    expect(d.candidates[0]!.member.memberId).toBe(m.member_id);
    // Stored sealed in a shared block, never as the 9 digits on the member row.
    expect(Object.values(m)).not.toContain(t.desk.services.match.store.ssnOf(m.member_id!));
  });
});

describe('lookups never scan (EXPLAIN QUERY PLAN)', () => {
  it('uses the candidate index and the member primary key, the case and application indexes', () => {
    const db = t.desk.db;
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
    const cand = plan(
      'SELECT id FROM match_member WHERE id IN (SELECT DISTINCT member FROM match_key WHERE key IN (SELECT value FROM json_each(?)))',
      JSON.stringify(queryKeys({ firstName: 'John', lastName: 'Doe', dateOfBirth: '1977-02-03', ssn: '123456789' }, t.desk.ssnVault().indexMac)),
    );
    expect(cand.some((d) => /SEARCH match_member USING INTEGER PRIMARY KEY/.test(d))).toBe(true);
    expect(cand.some((d) => /SEARCH match_key USING PRIMARY KEY \(key=\?\)/.test(d))).toBe(true);
    expect(cand.some((d) => /SCAN match_member|SCAN match_key/.test(d))).toBe(false);
    expect(plan('SELECT * FROM match_member WHERE case_number = ?', 'x').join()).toMatch(/USING INDEX match_member_case/);
    expect(plan('SELECT * FROM match_member WHERE application_number = ?', 'x').join()).toMatch(/USING INDEX match_member_application/);
    expect(plan('SELECT * FROM match_member WHERE member_id = ?', 'x').join()).toMatch(/USING INDEX match_member_member_id/);
    expect(plan('SELECT * FROM match_association WHERE case_number = ?', 'x').join()).toMatch(/SEARCH match_association USING PRIMARY KEY/);
  });
});
