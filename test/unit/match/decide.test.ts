import { describe, expect, it } from 'vitest';
import { decide } from '../../../shared/common/match/decide';
import { MemoryMemberIndex } from '../../../shared/common/match/memoryIndex';
import type { MatchMember, MatchQuery } from '../../../shared/common/match/schemas';
import { PARTIAL_THRESHOLD, weights } from '../../../shared/common/match/scoring';

let nextId = 1;
function member(over: Partial<MatchMember> = {}): MatchMember {
  const id = nextId++;
  return { id, memberId: `M${id}`, caseNumber: `C${id}`, firstName: 'John', lastName: 'Doe', dateOfBirth: '1977-02-03', sex: 'M', ssn: '123456789', ...over };
}
const query = (over: Partial<MatchQuery> = {}): MatchQuery => ({ firstName: 'John', lastName: 'Doe', dateOfBirth: '1977-02-03', sex: 'M', ssn: '123456789', ...over });

describe('seed 003 §9 decision: Full, Partial, No', () => {
  it('is Full when first, last, DOB, sex and SSN all agree with one member, ignoring case and spaces', () => {
    const m = member();
    const d = decide(query({ firstName: '  jOHN ', lastName: 'DOE  ' }), [m, member({ firstName: 'Jane', sex: 'F', ssn: '987654321' })]);
    expect(d.level).toBe('full');
    expect(d.candidates[0]!.member.memberId).toBe(m.memberId);
    expect(Object.values(d.candidates[0]!.fields).every((f) => f.verdict === 'agrees')).toBe(true);
  });

  it('reports Partial "more than one record" when two members match fully — never picks one', () => {
    const a = member({ ssn: null });
    const b = member({ ssn: null });
    const d = decide(query({ ssn: null }), [a, b]);
    expect(d.level).toBe('partial');
    expect(d.reason).toMatch(/more than one record/);
    expect(d.candidates.map((c) => c.member.memberId).sort()).toEqual([a.memberId, b.memberId].sort());
    expect(d.candidates.every((c) => c.exact)).toBe(true);
  });

  it('lets a query without SSN be Full only against a member with no SSN on file', () => {
    const withSsn = member();
    const d1 = decide(query({ ssn: null }), [withSsn]);
    expect(d1.level).toBe('partial');
    expect(d1.candidates[0]!.fields.ssn.verdict).toBe('missing');
    const noSsn = member({ ssn: null });
    const d2 = decide(query({ ssn: null }), [noSsn]);
    expect(d2.level).toBe('full');
    expect(d2.candidates[0]!.fields.ssn.level).toBe('both-missing');
  });

  it('names the closest record in the reason, and gives a brief reason without it for a screen that shows its card', () => {
    const d = decide(query({ firstName: 'Jon', ssn: null }), [member()]);
    expect(d.level).toBe('partial');
    const summary = d.candidates[0]!.summary;
    expect(d.reason).toContain(`Closest record: ${summary.charAt(0).toLowerCase()}`);
    expect(d.briefReason).toBe('Partial match: not every field agrees exactly, but the person may already exist.');
    // A reason that names no closest record has no brief form: the screen shows it whole.
    expect(decide(query(), [member()]).briefReason).toBeUndefined();
  });

  it('does not make a query with an SSN Full against a member without one', () => {
    expect(decide(query(), [member({ ssn: null })]).level).toBe('partial');
  });

  it('is No match when nothing is plausible, and explains fields as differs', () => {
    const d = decide(query(), [member({ firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1990-11-20', sex: 'F', ssn: '555443333' })]);
    expect(d.level).toBe('none');
    expect(d.candidates).toEqual([]);
  });

  it('documents weights that rank exact agreement above slips above disagreement', () => {
    expect(weights.ssn.exact).toBeGreaterThan(weights.ssn['one-digit']);
    expect(weights.dateOfBirth.exact).toBeGreaterThan(weights.dateOfBirth.swapped);
    expect(weights.firstName.nickname).toBeGreaterThan(0);
    expect(weights.lastName.differs).toBeLessThan(0);
    expect(PARTIAL_THRESHOLD).toBeGreaterThan(0);
  });

  it('an index lookup finds the same answer without scanning', () => {
    const idx = new MemoryMemberIndex();
    const m = member({ firstName: 'William', lastName: 'Garcia-Lopez' });
    idx.add(m);
    for (let i = 0; i < 50; i++) idx.add(member({ firstName: `Other${i}`, lastName: `Name${i}`, dateOfBirth: '1960-01-01', ssn: String(200000000 + i) }));
    const d = idx.lookup(query({ firstName: 'Bill', lastName: 'garcia', ssn: null }));
    expect(d.level).toBe('partial');
    expect(d.candidates[0]!.member.memberId).toBe(m.memberId);
    expect(idx.candidates(query({ firstName: 'Bill', lastName: 'garcia', ssn: null })).length).toBe(1);
  });
});
