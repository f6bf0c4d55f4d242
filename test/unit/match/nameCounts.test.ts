import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NameCountTable } from '../../../shared/common/match/frequencies';
import { memberColumns } from '../../../shared/common/match/schemas';
import { PopulationGenerator, type SyntheticMember } from '../../../shared/common/match/population';
import { nameLetters } from '../../../shared/common/match/normalize';
import { openDatabase } from '../../../shared/node/db/database';
import { migrations } from '../../../shared/node/db/migrations';
import { importChunks, importFile } from '../../../shared/node/match/importer';
import { importMembersFile } from '../../../shared/node/match/importParallel';
import { memberLine, writeMembersCsv } from '../../../shared/node/match/populationCsv';
import { makeTempDir, openTestDesk, removeTempDir } from '../../helpers/temp';

/**
 * match_name_count (migration 0014) is what the frequency-based name weights read
 * (issue 16): it must equal a count of the members' names after every kind of write —
 * the bulk load, the worker-thread import, an update that renames a member, a rollback —
 * and the migration must count members already in a cache.
 */
const header = memberColumns.join(',') + '\n';
let t: ReturnType<typeof openTestDesk>;
beforeEach(() => {
  t = openTestDesk();
});
afterEach(() => t.close());

function expected(members: readonly Pick<SyntheticMember, 'firstName' | 'lastName'>[]): NameCountTable {
  const c = new NameCountTable();
  for (const m of members) c.count(m.firstName, m.lastName);
  return c;
}

function table(db = t.desk.db) {
  return db.prepare('SELECT part, name, members FROM match_name_count ORDER BY part, name').all() as { part: string; name: string; members: number }[];
}

function rowsOf(c: NameCountTable) {
  return (['first', 'last'] as const)
    .flatMap((part) => [...c.entries(part)].map(([name, members]) => ({ part, name, members })))
    .sort((a, b) => a.part.localeCompare(b.part) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

describe('match_name_count', () => {
  it('counts every member of a bulk load and of the two-thread import, by letters only', async () => {
    const members = [...new PopulationGenerator({ seed: 31 }).members(2_000)];
    const file = path.join(t.dir, 'members.csv');
    writeMembersCsv(file, members);
    await importMembersFile(t.desk.services.match.store, file);
    expect(table()).toEqual(rowsOf(expected(members)));
    const store = t.desk.services.match.store;
    expect(store.nameCounts().members).toBe(2_000);
    const smith = members.filter((m) => m.lastName === 'Smith').length;
    expect(store.nameCounts().last('SMITH')).toBe(smith);
    // Re-importing the same extract changes no count.
    importFile(store, 'members', file);
    expect(table()).toEqual(rowsOf(expected(members)));
  });

  it("follows an update that changes a member's name, and O'Brien counts with OBrien", () => {
    const store = t.desk.services.match.store;
    const csv = (last: string, first = 'Ann') => `${header}M1,C1,,${first},,${last},,1990-01-01,F,,true,Active,\nM2,C1,,Bo,,OBrien,,1991-01-01,M,,false,Active,\n`;
    importChunks(store, 'members', [csv("O'Brien")]);
    expect(store.nameCounts().last('OBRIEN')).toBe(2);
    importChunks(store, 'members', [csv('Lee', 'Anne')]);
    expect(store.nameCounts().last('OBRIEN')).toBe(1);
    expect(store.nameCounts().last('LEE')).toBe(1);
    expect(store.nameCounts().first('ANN')).toBe(0);
    expect(table()).toEqual(
      rowsOf(
        expected([
          { firstName: 'Anne', lastName: 'Lee' },
          { firstName: 'Bo', lastName: 'OBrien' },
        ]),
      ),
    );
  });

  it('is left as it was by an import that aborts', () => {
    const store = t.desk.services.match.store;
    importChunks(store, 'members', [`${header}M1,C1,,Ann,,Lee,,1990-01-01,F,,true,Active,\n`]);
    const before = table();
    const r = importChunks(store, 'members', [`${header}M1,C1,,Zed,,Quill,,1990-01-01,F,,true,Active,\nM9,C9,,Bad,,Row,,1990-02-30,F,,true,Active,\n`]);
    expect(r.committed).toBe(false);
    expect(table()).toEqual(before);
    expect(store.nameCounts().last('QUILL')).toBe(0);
  });

  it('migration 0014 counts the members a cache already holds', () => {
    const dir = makeTempDir();
    try {
      const file = path.join(dir, 'old.sqlite3');
      const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 14) });
      const members = [...new PopulationGenerator({ seed: 4 }).members(300)];
      const insert = old.prepare(
        `INSERT INTO match_member (member_id, case_number, first_name, last_name, date_of_birth, sex, head_of_household, imported_at) VALUES (?, ?, ?, ?, ?, ?, 0, 'x')`,
      );
      for (const m of members) insert.run(m.memberId, m.caseNumber, m.firstName, m.lastName, m.dateOfBirth, m.sex);
      old.close();
      const db = openDatabase(file);
      expect(table(db)).toEqual(rowsOf(expected(members)));
      expect(table(db).every((r) => r.name === nameLetters(r.name))).toBe(true);
      db.close();
    } finally {
      removeTempDir(dir);
    }
  });

  it('memberLine keeps the CSV columns of issue 4 (twins and second records are not columns)', () => {
    const m = [...new PopulationGenerator({ seed: 9, duplicateShare: 0.2 }).members(2_000)].find((x) => x.sameAs)!;
    expect(memberLine(m).split(',')).toHaveLength(memberColumns.length);
  });
});
