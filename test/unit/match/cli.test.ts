import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../helpers/cli';
import { makeTempDir, removeTempDir } from '../../helpers/temp';
import { memberColumns } from '../../../shared/common/match/schemas';
import { openDatabase } from '../../../shared/node/db/database';

let dir: string;
let db: string;
const header = memberColumns.join(',');
beforeAll(() => {
  dir = makeTempDir();
  db = path.join(dir, 'cli.sqlite3');
  fs.writeFileSync(
    path.join(dir, 'members.csv'),
    [header, 'M1,100300113,,John,,Doe,,1977-02-03,M,123456789,true,Active,', 'M2,100300113,,Jane,,Doe,,1979-06-30,F,,false,Active,'].join('\n') + '\n',
  );
  fs.writeFileSync(path.join(dir, 'bad.csv'), [header, 'M9,C9,,Ann,,Lee,,1990-02-30,X,12345678,true,Active,', 'M8,C9,,Bo,,Lee,,1990-01-01,M,,true,Active,'].join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'assoc.csv'), 'agent_id,agent_name,case_number,associated_on\nA1,Pat Agent,100300113,2026-11-01\n');
});
afterAll(() => removeTempDir(dir));

describe('CLI (issue 4 §1, §4)', () => {
  it('import members prints counts and timing; a second run changes nothing', () => {
    const a = runCliProcess(['import', 'members', path.join(dir, 'members.csv'), '--db', db, '--json']);
    expect(a.code).toBe(0);
    const r = JSON.parse(a.stdout);
    expect(r).toMatchObject({ kind: 'members', rows: 2, inserted: 2, committed: true });
    expect(typeof r.durationMs).toBe('number');
    expect(typeof r.rowsPerSecond).toBe('number');
    const b = JSON.parse(runCliProcess(['import', 'members', path.join(dir, 'members.csv'), '--db', db, '--json']).stdout);
    expect(b).toMatchObject({ inserted: 0, unchanged: 2 });
    const c = JSON.parse(runCliProcess(['import', 'associations', path.join(dir, 'assoc.csv'), '--db', db, '--json']).stdout);
    expect(c).toMatchObject({ kind: 'associations', inserted: 1 });
  });

  it('import with bad rows writes nothing and exits 1; --skip-invalid writes a report file', () => {
    const a = runCliProcess(['import', 'members', path.join(dir, 'bad.csv'), '--db', db, '--json']);
    expect(a.code).toBe(1);
    const r = JSON.parse(a.stdout);
    expect(r.committed).toBe(false);
    expect(r.issues.map((i: { column: string }) => i.column)).toEqual(['date_of_birth', 'sex', 'ssn']);
    const report = path.join(dir, 'report.csv');
    const b = runCliProcess(['import', 'members', path.join(dir, 'bad.csv'), '--skip-invalid', '--report', report, '--db', db, '--json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ inserted: 1, invalid: 1, reportFile: report });
    expect(fs.readFileSync(report, 'utf8')).toBe(
      'line,column,reason\r\n2,date_of_birth,That day does not exist.\r\n2,sex,"Sex must be M, F or U."\r\n2,ssn,SSN must be 9 digits or empty.\r\n',
    );
  });

  it('a bulk import into an empty cache (two threads) keeps all-or-nothing and --skip-invalid', () => {
    const empty = path.join(dir, 'empty.sqlite3');
    const a = runCliProcess(['import', 'members', path.join(dir, 'bad.csv'), '--db', empty, '--json']);
    expect(a.code).toBe(1);
    expect(JSON.parse(a.stdout)).toMatchObject({ committed: false, inserted: 0, invalid: 1, rows: 2 });
    const count = runCliProcess(['db', 'info', '--db', empty, '--json']);
    expect(JSON.parse(count.stdout).tables.find((t: { name: string }) => t.name === 'match_member').rows).toBe(0);
    const b = runCliProcess(['import', 'members', path.join(dir, 'bad.csv'), '--skip-invalid', '--db', empty, '--json']);
    expect(JSON.parse(b.stdout)).toMatchObject({ committed: true, inserted: 1, invalid: 1 });
    const m = runCliProcess(['match', '--first', 'Bo', '--last', 'Lee', '--dob', '1990-01-01', '--sex', 'M', '--db', empty, '--json']);
    expect(JSON.parse(m.stdout)).toMatchObject({ level: 'full', candidates: [{ memberId: 'M8' }] });
  });

  it('match --json prints {level, reason, candidates, conflicts} with the best candidate first', () => {
    const a = runCliProcess(['match', '--first', 'john', '--last', 'Doe', '--dob', '1977-02-03', '--sex', 'M', '--ssn', '123456789', '--db', db, '--json']);
    expect(a.code).toBe(0);
    const r = JSON.parse(a.stdout);
    // Issue 4 §4's {level, candidates}; issue 16 added the reason, each candidate's summary and the conflicts.
    expect(Object.keys(r)).toEqual(['level', 'reason', 'candidates', 'conflicts']);
    expect(r.level).toBe('full');
    expect(r.reason).toBe('Full match: every identifying field agrees with one member.');
    expect(r.conflicts).toEqual([]);
    expect(Object.keys(r.candidates[0])).toEqual(['memberId', 'caseNumber', 'score', 'summary', 'fields']);
    expect(r.candidates[0].summary).toBe('Every identifying field agrees.');
    expect(Object.keys(r.candidates[0].fields)).toEqual(['firstName', 'lastName', 'dateOfBirth', 'sex', 'ssn']);
    expect(r.candidates[0].fields.ssn).toMatchObject({ verdict: 'agrees' });
  });

  it('match gives a clear error for bad input', () => {
    const a = runCliProcess(['match', '--first', 'John', '--last', 'Doe', '--dob', '1977-02-30', '--sex', 'X', '--ssn', '12345678', '--db', db, '--json']);
    expect(a.code).not.toBe(0);
    const err = JSON.parse(a.stderr || a.stdout).error;
    expect(err.fieldErrors).toEqual({ dob: 'That day does not exist.', sex: 'Sex must be M, F or U.', ssn: 'SSN must be 9 digits.' });
  });

  it('match --batch prints one result a line, in order, in one process', () => {
    const q = path.join(dir, 'q.jsonl');
    fs.writeFileSync(
      q,
      [
        { first: 'Jane', last: 'Doe', dob: '1979-06-30', sex: 'F' },
        { first: 'Jon', last: 'Doe', dob: '1977-03-02', sex: 'M', ssn: '123456789' },
        { first: 'Nobody', last: 'Here', dob: '2001-01-01', sex: 'U' },
        { first: '', last: 'Doe', dob: '1977-02-03', sex: 'M' },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n') + '\n',
    );
    const a = runCliProcess(['match', '--batch', q, '--db', db, '--json']);
    expect(a.code).toBe(0);
    const lines = a.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.level ?? 'error')).toEqual(['full', 'partial', 'none', 'error']);
    expect(lines[1].candidates[0].memberId).toBe('M1');
    expect(lines[3].error.fieldErrors).toEqual({ first: 'First name is required.' });
    const audit = runCliProcess(['audit', 'verify', '--db', db, '--json']);
    expect(JSON.parse(audit.stdout).ok).toBe(true);
    const conn = openDatabase(db);
    const last = conn.prepare("SELECT action, details FROM audit_log WHERE action LIKE 'match.lookup%' ORDER BY seq DESC LIMIT 1").get() as { action: string; details: string };
    conn.close();
    expect(last.action).toBe('match.lookup.batch');
    expect(JSON.parse(last.details)).toEqual({ via: 'cli', queries: 4, full: 1, partial: 1, none: 1, invalid: 1 });
  });
});
