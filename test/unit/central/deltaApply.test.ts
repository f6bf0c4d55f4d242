/**
 * A page of central changes applied at once (central/deltaApply.ts) leaves the cache
 * as MemberStore.upsertMember row by row does: the same members, SSNs, index keys,
 * name counts, cases and applications, and the same outcomes; only the SSN blocks
 * differ, packed 32 to a block instead of one block per new SSN.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MemberRow } from '../../../shared/common/match/schemas';
import { applyMemberDelta } from '../../../shared/node/central/deltaApply';
import type { Desk } from '../../../shared/node/host/desk';
import { importChunks } from '../../../shared/node/match/importer';
import type { UpsertOutcome } from '../../../shared/node/match/memberStore';
import { memberLine, memberPerson, membersCsv, cacheSnapshot } from '../../helpers/deskWork';
import { openTestDesk } from '../../helpers/temp';

const open: ReturnType<typeof openTestDesk>[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

function rowOf(n: number, change = ''): MemberRow {
  const c = memberLine(n, change).split(',');
  return {
    member_id: c[0]!,
    case_number: c[1]!,
    application_number: c[2]!,
    first_name: c[3]!,
    middle_name: null,
    last_name: c[5]!,
    suffix: null,
    date_of_birth: c[7]!,
    sex: c[8] as 'M' | 'F',
    ssn: c[9]!,
    head_of_household: c[10] === 'true',
    case_status: 'Active',
    application_submitted_on: c[12]!,
  };
}

describe('a page of member changes applied at once', () => {
  it('leaves the cache as upsertMember row by row does, with new SSNs packed into blocks of 32', () => {
    const a = openTestDesk();
    const b = openTestDesk();
    open.push(a, b);
    for (const t of [a, b]) importChunks(t.desk.services.match.store, 'members', [membersCsv(0, 300)]);
    const page: MemberRow[] = [
      rowOf(5, 'x'), // first name changed
      { ...rowOf(6), last_name: 'Renamed' }, // last name changed
      { ...rowOf(7), ssn: '987654321' }, // SSN changed, keeps its slot
      { ...rowOf(8), ssn: null }, // SSN removed
      rowOf(10), // unchanged
      { ...rowOf(11), case_status: 'Closed' }, // only its case changed
      { ...rowOf(12), date_of_birth: '1990-02-03' }, // date of birth changed
      { ...rowOf(13), first_name: 'First14' }, // takes a name another member has
      ...Array.from({ length: 70 }, (_, i) => rowOf(300 + i)), // new members with SSNs
      { ...rowOf(400), ssn: null }, // a new member without one
    ];
    const now = a.desk.services.match.store.now();
    const outcomes: Record<UpsertOutcome, number> = { inserted: 0, updated: 0, unchanged: 0 };
    const blocksBefore = (d: Desk) => d.db.prepare('SELECT count(*) FROM match_ssn_block').pluck().get() as number;
    const before = blocksBefore(a.desk);
    a.desk.db.transaction(() => {
      for (const r of page) outcomes[a.desk.services.match.store.upsertMember(r, now)]++;
    })();
    a.desk.services.match.store.forgetOpened();
    const counts = b.desk.db.transaction(() => applyMemberDelta(b.desk.services.match.store, page, now))();
    b.desk.services.match.store.forgetOpened();

    expect(counts).toEqual(outcomes);
    expect(counts).toEqual({ inserted: 71, updated: 7, unchanged: 1 });
    const sa = cacheSnapshot(a.desk);
    const sb = cacheSnapshot(b.desk);
    expect(sb).toEqual(sa);
    expect(sb.ssns[sb.members.findIndex((m) => m.member_id === 'M-7')]).toBe('987654321');
    expect(b.desk.services.match.store.ssnOf('M-8')).toBeNull();
    // 70 new SSNs: one block each row by row, three blocks of up to 32 at once.
    expect(blocksBefore(a.desk) - before).toBe(70);
    expect(blocksBefore(b.desk) - before).toBe(3);
    // Lookups find the changed and the new members alike.
    const lookup = (n: number, ssn: string) => b.desk.services.match.lookup.lookup({ ...memberPerson(n), ssn } as never).level;
    expect(lookup(310, rowOf(310).ssn!)).toBe('full');
    expect(b.desk.services.match.lookup.lookup({ ...memberPerson(7), ssn: '987654321' } as never).level).toBe('full');
    // The name counts the scorer reads are the same too (and none at 0).
    expect(b.desk.services.match.store.nameCounts()).toEqual(a.desk.services.match.store.nameCounts());
    expect(b.desk.db.prepare('SELECT count(*) FROM match_name_count WHERE members <= 0').pluck().get()).toBe(0);
  });
});
