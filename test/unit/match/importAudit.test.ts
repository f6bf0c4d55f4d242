import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../shared/node/match/importer';
import { importMembersFile } from '../../../shared/node/match/importParallel';
import { writeMembersCsv } from '../../../shared/node/match/populationCsv';
import { population } from '../../helpers/population';
import { openTestDesk } from '../../helpers/temp';

/** Issue 14 §7: the import and its audit entry land together; changed case status is reported as changed. */
const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((d) => d.close()));

function desk() {
  const t = openTestDesk();
  open.push(t);
  return t;
}

describe('the import and its audit entry', () => {
  for (const [name, run] of [
    // The one-thread import is synchronous: a promise whose executor throws makes its failure a rejection, as the other's is.
    [
      'one thread',
      (t: ReturnType<typeof desk>, csv: string, audit: (c: object) => void) =>
        new Promise((resolve) => resolve(importFile(t.desk.services.match.store, 'members', csv, { audit }))),
    ],
    ['two threads', (t: ReturnType<typeof desk>, csv: string, audit: (c: object) => void) => importMembersFile(t.desk.services.match.store, csv, { audit })],
  ] as const) {
    it(`are one transaction (${name}): when the entry cannot be written, no row is imported either`, async () => {
      const t = desk();
      const csv = path.join(t.dir, 'members.csv');
      population(500, 3).write(csv);
      t.desk.ssnVault(); // bind the key first (that entry is not the import's)
      t.desk.db.exec("CREATE TRIGGER no_audit BEFORE INSERT ON audit_log WHEN NEW.action LIKE 'match.import.%' BEGIN SELECT RAISE(ABORT, 'the disk filled up'); END;");
      await expect(run(t, csv, (details) => void t.desk.audit.append({ action: 'match.import.members', details: { ...details } }))).rejects.toThrow(/the disk filled up/);
      expect(t.desk.db.prepare('SELECT count(*) FROM match_member').pluck().get()).toBe(0);
      t.desk.db.exec('DROP TRIGGER no_audit');
      const report = await run(t, csv, (details) => void t.desk.audit.append({ action: 'match.import.members', details: { ...details } }));
      expect(report).toMatchObject({ committed: true, inserted: 500 });
      expect(t.desk.audit.recent(1)[0]).toMatchObject({ action: 'match.import.members', details: { rows: 500, inserted: 500, committed: true } });
    });
  }

  it('counts members whose case status changed as changed', () => {
    const t = desk();
    const csv = path.join(t.dir, 'members.csv');
    const pop = population(800, 5);
    writeMembersCsv(csv, pop.members);
    expect(importFile(t.desk.services.match.store, 'members', csv)).toMatchObject({ inserted: 800 });
    const flipped = pop.members.map((m) => ({ ...m, caseStatus: m.caseStatus === 'Active' ? 'Discontinued' : 'Active' }));
    writeMembersCsv(csv, flipped);
    const cases = new Set(pop.members.map((m) => m.caseNumber)).size;
    const report = importFile(t.desk.services.match.store, 'members', csv);
    // One member of each case carries its case's new status in: every case's change is counted, none as unchanged.
    expect(report.updated).toBeGreaterThanOrEqual(cases);
    expect(report.updated + report.unchanged).toBe(800);
    const statuses = t.desk.db.prepare('SELECT count(*) FROM match_case WHERE status = ?').pluck();
    expect(statuses.get('Discontinued')).toBeGreaterThan(0);
  });
});
