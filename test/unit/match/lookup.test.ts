import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDesk } from '../../helpers/temp';
import { importChunks } from '../../../shared/node/match/importer';
import { memberColumns } from '../../../shared/common/match/schemas';
import { memberLine } from '../../../shared/node/match/populationCsv';
import { population } from '../../helpers/population';
import type { ActivityRecord } from '../../../shared/node/host/callActivity';
import { LookupResult as LookupResultSchema, type LookupResult } from '../../../shared/common/match/contract';

const header = memberColumns.join(',');
const members = [
  header,
  'M1,100300113,T900,John,,Doe,,1977-02-03,M,123456789,true,Active,2026-11-18',
  'M2,100300113,,Jane,,Doe,,1979-06-30,F,,false,Active,',
  'M3,100300200,,William,,Garcia-Lopez,,1960-11-05,M,222334444,true,Pending,',
].join('\n');
const associations = 'agent_id,agent_name,case_number,associated_on\nAG7,Pat Agent,100300113,2026-10-01\n';

let t: ReturnType<typeof openTestDesk>;
let activity: ActivityRecord[];
beforeEach(() => {
  t = openTestDesk();
  activity = [];
  t.desk.useCallActivity({ record: (e) => (activity.push(e), 'call-1'), language: () => 'en' });
  importChunks(t.desk.services.match.store, 'members', [members]);
  importChunks(t.desk.services.match.store, 'associations', [associations]);
});
afterEach(() => t.close());

async function call<T>(
  channel: string,
  request: unknown,
): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string> } }> {
  return (await t.desk.router.dispatch(channel, request, { via: 'test' })) as never;
}

const auditRows = () => t.desk.db.prepare('SELECT action, subject, details FROM audit_log ORDER BY seq').all() as { action: string; subject: string | null; details: string }[];

describe('app:match.lookup (PSL screen, issue 4 §3)', () => {
  it('gives a Full match with case status, application three-day guidance, agents, masked SSN', async () => {
    const r = await call<LookupResult>('app:match.lookup', { firstName: 'john', lastName: ' DOE ', dateOfBirth: '1977-02-03', sex: 'M', ssn: '123-45-6789' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.level).toBe('full');
    expect(r.value.levelText).toBe('Full match');
    const c = r.value.candidates[0]!;
    expect(c.ssnMasked).toBe('***-**-6789');
    expect(JSON.stringify(r.value)).not.toContain('123456789');
    const kase = r.value.cases[0]!;
    expect(kase).toMatchObject({ caseNumber: '100300113', status: 'Active', agents: [{ agentId: 'AG7', agentName: 'Pat Agent', associatedOn: '2026-10-01' }] });
    expect(kase.applications[0]).toMatchObject({ applicationNumber: 'T900', submittedOn: '2026-11-18', daysSinceSubmitted: 4 });
    // 003:1109: the three-day text says to call the PSL at 1-855-326-4650; said once for the result, the application says when it was submitted.
    expect(kase.applications[0]!.guidance).toBe('Submitted 4 days ago.');
    expect(r.value.agentGuidance?.threeDay).toBe(
      'If the Agent is unable to find the application or case number after three days, call the Professional Services Line (PSL) at 1-855-326-4650 to verify association to the case; the Agent may have to be associated with the new case using current agent association procedures.',
    );
  });

  it('says the three-day text once, and only for an application new enough for it: not on a 391-day-old one, never "0 days ago" (issue 12.6)', async () => {
    importChunks(t.desk.services.match.store, 'members', [
      [header, 'M1,100300113,T900,John,,Doe,,1977-02-03,M,123456789,true,Active,2025-10-27', 'M2,100300113,T901,Jane,,Doe,,1979-06-30,F,,false,Active,'].join('\n'),
    ]);
    const old = await call<LookupResult>('app:match.lookup', { caseNumber: '100300113' });
    if (!old.ok) throw new Error(old.error.message);
    expect(old.value.cases[0]!.applications.map((a) => a.guidance)).toEqual(['Submitted 391 days ago.', 'No submission date on file.']);
    expect(old.value.agentGuidance?.threeDay).toBeUndefined();
    const said = (
      JSON.parse(
        auditRows()
          .filter((r) => r.action === 'match.lookup')
          .at(-1)!.details,
      ) as { texts: { id: string }[] }
    ).texts.map((x) => x.id);
    expect(said).toEqual(['match.psl', 'match.dire-need']);

    const today = t.clock.now().toISOString().slice(0, 10);
    importChunks(t.desk.services.match.store, 'members', [
      [header, `M1,100300113,T900,John,,Doe,,1977-02-03,M,123456789,true,Active,${today}`, `M2,100300113,T901,Jane,,Doe,,1979-06-30,F,,false,Active,${today}`].join('\n'),
    ]);
    const fresh = await call<LookupResult>('app:match.lookup', { caseNumber: '100300113' });
    if (!fresh.ok) throw new Error(fresh.error.message);
    expect(fresh.value.cases[0]!.applications.map((a) => a.guidance)).toEqual(['Submitted today.', 'Submitted today.']);
    expect(fresh.value.agentGuidance?.threeDay).toMatch(/^If the Agent is unable to find the application or case number after three days/);
  });

  it('No match speaks of this desk\'s member cache and the extract it was loaded from, never "not in kynect" (issue 11 §12, 003 §9)', async () => {
    const r = await call<LookupResult>('app:match.lookup', { firstName: 'Zelda', lastName: 'Quimby', dateOfBirth: '1950-01-01', sex: 'F' });
    expect(r.ok && r.value.level).toBe('none');
    if (!r.ok) return;
    expect(r.value.reason).toBe(
      'No match: nobody in this desk’s member cache could plausibly be this person. The cache was last updated from a members extract imported on November 22, 2026; someone added to kynect after that extract is not in it.',
    );
    expect(r.value.reason).not.toMatch(/not in kynect\b(?! after)/);
    // The date is the last committed import, even one that changed no row (the extract was the same).
    t.clock.advance(3 * 24 * 3600_000);
    importChunks(t.desk.services.match.store, 'members', [members]);
    const later = t.desk.services.match.lookup.lookup({ firstName: 'Zelda', lastName: 'Quimby', dateOfBirth: '1950-01-01', sex: 'F' } as never);
    expect(later.reason).toContain('imported on November 25, 2026');
    // A refused import (a bad row) does not move it.
    t.clock.advance(24 * 3600_000);
    importChunks(t.desk.services.match.store, 'members', [`${header}\nM9,100300999,,Bad,,Row,,1977-02-30,M,,true,Active,`]);
    expect(t.desk.services.match.store.membersImportedAt()).toBe('2026-11-25T15:00:00.000Z');
    const empty = openTestDesk();
    try {
      const none = empty.desk.services.match.lookup.lookup({ firstName: 'Zelda', lastName: 'Quimby', dateOfBirth: '1950-01-01', sex: 'F' } as never);
      expect(none.reason).toContain('The member cache is empty: no members extract has been imported on this desk.');
    } finally {
      empty.close();
    }
  });

  it('finds a case by its number alone, or by application number', async () => {
    const byCase = await call<LookupResult>('app:match.lookup', { caseNumber: '100300113' });
    expect(byCase.ok && byCase.value.candidates.map((c) => c.memberId)).toEqual(['M1', 'M2']);
    const byApp = await call<LookupResult>('app:match.lookup', { applicationNumber: 'T900' });
    expect(byApp.ok && byApp.value.cases[0]!.caseNumber).toBe('100300113');
    const none = await call<LookupResult>('app:match.lookup', { caseNumber: '999-999-999' });
    expect(none.ok && none.value.level).toBe('none');
    // One rule per identifier (issue 12.8): the same words as the call, the ESE intake and partner access.
    const short = await call('app:match.lookup', { caseNumber: '999' });
    expect(short.ok === false && short.error.fieldErrors).toEqual({ caseNumber: 'A case number is 6 to 12 digits, like 100300113.' });
    const spaced = await call<LookupResult>('app:match.lookup', { caseNumber: ' 100-300-113 ' });
    expect(spaced.ok && spaced.value.candidates.map((c) => c.memberId)).toEqual(['M1', 'M2']);
  });

  it('puts bad input at the field', async () => {
    const r = await call('app:match.lookup', { firstName: 'John', lastName: '', dateOfBirth: '1977-02-30', sex: 'Q', ssn: '12345678' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fieldErrors).toEqual({
      ssn: 'SSN must be 9 digits.',
      lastName: 'Last name is required.',
      dateOfBirth: 'That day does not exist.',
      sex: 'Sex must be M, F or U.',
    });
  });

  it('audits each lookup and records it on the call timeline without any SSN', async () => {
    await call('app:match.lookup', { firstName: 'Bill', lastName: 'Garcia', dateOfBirth: '1960-11-05', sex: 'M', ssn: '222334444' });
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({ kind: 'match.search', summary: 'Member match: Partial match (1 record)' });
    const rows = auditRows();
    expect(rows.at(-1)).toMatchObject({ action: 'match.lookup' });
    expect(JSON.parse(rows.at(-1)!.details)).toEqual({ searchedBy: 'demographics', level: 'partial', memberIds: ['M3'], texts: expect.any(Array) });
    expect(JSON.stringify(rows) + JSON.stringify(activity)).not.toMatch(/222334444|4444|Garcia|1960-11-05/);
  });
});

describe('a person or an SSN on more than one case (issue 12 §1)', () => {
  const twoCases = [
    header,
    'T1,100400001,,Tom,,Miller,,1970-10-10,M,303445566,true,Active,',
    'T2,100400002,,Thomas,,Miller,,1970-10-10,M,303445566,true,Active,',
    'B1,100400003,,Bob,,Caudill,,1948-12-01,M,,true,Active,',
    'B2,100400004,,Robert,,Caudill,,1948-12-01,M,505667788,true,Active,',
  ].join('\n');

  it('is never a Full match: the lookup says which cases and why, and the audit says a conflict was shown', async () => {
    importChunks(t.desk.services.match.store, 'members', [twoCases]);
    const r = await call<LookupResult>('app:match.lookup', { firstName: 'Tom', lastName: 'Miller', dateOfBirth: '1970-10-10', sex: 'M', ssn: '303-44-5566' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.level).toBe('partial');
    expect(r.value.conflicts).toEqual([
      {
        kind: 'ssn',
        memberIds: ['T1', 'T2'],
        caseNumbers: ['100400001', '100400002'],
        reason: 'The SSN given is also on file on case 100400002, so more than one record holds it.',
      },
    ]);
    expect(r.value.cases.map((k) => k.caseNumber)).toEqual(['100400001', '100400002']);
    expect(r.value.candidates[0]!.summary).toBe('Every identifying field agrees. Its SSN is also on file on case 100400002.');
    expect(JSON.stringify(r.value)).not.toContain('303445566');
    expect(JSON.parse(auditRows().at(-1)!.details)).toEqual({
      searchedBy: 'demographics',
      level: 'partial',
      memberIds: ['T1', 'T2'],
      conflicts: ['ssn'],
      texts: expect.any(Array),
    });

    const bob = await call<LookupResult>('app:match.lookup', { firstName: 'Bob', lastName: 'Caudill', dateOfBirth: '1948-12-01', sex: 'M' });
    if (!bob.ok) throw new Error(bob.error.message);
    expect(bob.value.level).toBe('partial');
    expect(bob.value.conflicts.map((c) => [c.kind, c.caseNumbers])).toEqual([['identity', ['100400003', '100400004']]]);
  });

  it('a lookup stored before issue 16 (no conflicts, no summaries) still reads as a LookupResult', () => {
    const old = {
      searchedBy: 'demographics',
      level: 'full',
      levelText: 'Full match',
      reason: 'Full match: every identifying field agrees with one member.',
      cases: [],
      candidates: [
        {
          memberId: 'M1',
          caseNumber: 'C1',
          score: 60,
          exact: true,
          fields: null,
          firstName: 'John',
          middleName: null,
          lastName: 'Doe',
          suffix: null,
          dateOfBirth: '1977-02-03',
          sex: 'M',
          ssnMasked: '***-**-6789',
          headOfHousehold: true,
        },
      ],
    };
    const parsed = LookupResultSchema.parse(old);
    expect(parsed.conflicts).toEqual([]);
    expect(parsed.candidates[0]!.summary).toBe('');
  });
});

describe('app:match.revealSsn', () => {
  it('returns the SSN for that request only and writes an audit entry', async () => {
    const r = await call<{ ssn: string }>('app:match.revealSsn', { memberId: 'M1' });
    expect(r.ok && r.value.ssn).toBe('123456789');
    const last = auditRows().at(-1)!;
    expect(last).toMatchObject({ action: 'member.ssn_revealed', subject: 'M1' });
    expect(last.details).not.toContain('123456789');
    const missing = await call('app:match.revealSsn', { memberId: 'NOPE' });
    expect(missing.ok).toBe(false);
  });
});

describe('imports in chunks (app:match.import*)', () => {
  const csv = [header, 'M10,C10,,Ann,,Lee,,1990-01-01,F,,true,Active,', 'M11,C10,,Bo,,Lee,,1991-01-01,M,,false,Active,'].join('\n') + '\n';

  it('validates while uploading, writes only at commit, and reports progress', async () => {
    const progress: unknown[] = [];
    t.desk.events.subscribe((name, payload) => name === 'app:match.importProgress' && progress.push(payload));
    const begin = await call<{ importId: string }>('app:match.importBegin', { kind: 'members', totalBytes: csv.length });
    expect(begin.ok).toBe(true);
    if (!begin.ok) return;
    const id = begin.value.importId;
    await call('app:match.importChunk', { importId: id, text: csv.slice(0, 200) });
    const c2 = await call<{ rows: number }>('app:match.importChunk', { importId: id, text: csv.slice(200) });
    expect(c2.ok && c2.value.rows).toBeGreaterThanOrEqual(1);
    expect(t.desk.db.prepare("SELECT count(*) FROM match_member WHERE member_id IN ('M10','M11')").pluck().get()).toBe(0);
    const done = await call<{ inserted: number; committed: boolean }>('app:match.importCommit', { importId: id });
    expect(done.ok && done.value).toMatchObject({ inserted: 2, committed: true });
    expect(progress.map((p) => (p as { phase: string }).phase)).toContain('done');
    expect(auditRows().at(-1)!.action).toBe('match.import.members');
  });

  it('cancel leaves nothing written', async () => {
    const before = t.desk.db.prepare('SELECT count(*) FROM match_member').pluck().get();
    const begin = await call<{ importId: string }>('app:match.importBegin', { kind: 'members' });
    if (!begin.ok) throw new Error('begin failed');
    await call('app:match.importChunk', { importId: begin.value.importId, text: csv });
    const c = await call<{ cancelled: boolean }>('app:match.importCancel', { importId: begin.value.importId });
    expect(c.ok && c.value.cancelled).toBe(true);
    expect(t.desk.db.prepare('SELECT count(*) FROM match_member').pluck().get()).toBe(before);
    const late = await call('app:match.importCommit', { importId: begin.value.importId });
    expect(late.ok).toBe(false);
    // The cancel is audited: counts only.
    const entry = auditRows().at(-1)!;
    expect(entry.action).toBe('match.import.members.cancelled');
    expect(JSON.parse(entry.details)).toMatchObject({ phase: 'upload', rows: 2, committed: false });
    expect(entry.details).not.toContain('Lee');
  });

  it('cancel during the write phase stops the staging thread: the cache as it was, the rep told, the cancel audited', async () => {
    const big = [header, ...population(3000, 77).members.map((m) => memberLine(m).trimEnd())].join('\n') + '\n';
    const dump = () => t.desk.db.prepare('SELECT * FROM match_member ORDER BY id').all();
    const before = dump();
    const begin = await call<{ importId: string }>('app:match.importBegin', { kind: 'members', totalBytes: big.length });
    if (!begin.ok) throw new Error('begin failed');
    const id = begin.value.importId;
    await call('app:match.importChunk', { importId: id, text: big });
    const phases: string[] = [];
    let cancel: Promise<unknown> | null = null;
    t.desk.events.subscribe((name, payload) => {
      if (name !== 'app:match.importProgress') return;
      const p = payload as { phase: string; importId: string };
      phases.push(p.phase);
      if (p.phase === 'write' && !cancel) cancel = call('app:match.importCancel', { importId: id });
    });
    const done = await call<{ committed: boolean; inserted: number }>('app:match.importCommit', { importId: id });
    expect(cancel).not.toBeNull();
    expect(done.ok && done.value).toMatchObject({ committed: false, inserted: 0 });
    expect(phases).toContain('cancelled');
    expect(phases).not.toContain('done');
    expect(dump()).toEqual(before);
    const entry = auditRows().find((e) => e.action === 'match.import.members.cancelled')!;
    expect(JSON.parse(entry.details)).toMatchObject({ phase: 'write', committed: false });
    expect(auditRows().filter((e) => e.action === 'match.import.members')).toHaveLength(0);
  });

  it('refuses a chunk over 1 MB of text', async () => {
    const begin = await call<{ importId: string }>('app:match.importBegin', { kind: 'members' });
    if (!begin.ok) throw new Error('begin failed');
    const r = await call('app:match.importChunk', { importId: begin.value.importId, text: 'x'.repeat(1_000_001) });
    expect(r.ok).toBe(false);
  });
});
