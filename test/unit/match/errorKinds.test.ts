import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryMemberIndex } from '../../../shared/common/match/memoryIndex';
import {
  PopulationGenerator,
  absentKinds,
  errorKinds,
  makeQuery,
  memberSuits,
  type ErrorKind,
  type SyntheticMember,
  type TestQuery,
} from '../../../shared/common/match/population';
import type { MatchDecision } from '../../../shared/common/match/decide';
import type { FieldName } from '../../../shared/common/match/scoring';

/**
 * Every slip of issue 4 §2 and every harder kind of issue 16 §1, injected into a seeded
 * synthetic population of 20,000 members (1 % of them also on a second case): each
 * must come back with the right member first (exact queries Full, people who are not
 * in the cache No match). The million-member figures are the benchmark's
 * (bench/match.bench.ts); these are the same kinds, small enough for every test run.
 */
const members: SyntheticMember[] = [];
const byId = new Map<string, SyntheticMember>();
/** Both records of a person filed on two cases point at each other. */
const samePerson = new Map<string, string>();
const index = new MemoryMemberIndex('2026-11-22');

beforeAll(() => {
  const gen = new PopulationGenerator({ seed: 2024, duplicateShare: 0.01 });
  let id = 0;
  for (const m of gen.members(20_000)) {
    members.push(m);
    byId.set(m.memberId, m);
    if (m.sameAs) {
      samePerson.set(m.memberId, m.sameAs);
      samePerson.set(m.sameAs, m.memberId);
    }
    index.add({ id: ++id, ...m });
  }
});

function queriesOf(kind: ErrorKind, count: number): TestQuery[] {
  const gen = new PopulationGenerator({ seed: 99 + errorKinds.indexOf(kind) });
  const pool = members.filter((m) => memberSuits(kind, m));
  const out: TestQuery[] = [];
  let absent = 10_000_000;
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const q = makeQuery(gen, kind, pool[gen.int(pool.length)]!, absent++, members[gen.int(members.length)]);
    if (q) out.push(q);
  }
  expect(out.length, `${kind}: enough members to ask about`).toBe(count);
  return out;
}

const isThePerson = (q: TestQuery, memberId: string | undefined) =>
  memberId !== undefined && (memberId === q.expectedMemberId || memberId === q.otherRecordId || samePerson.get(q.expectedMemberId ?? '') === memberId);

/** The field and the level (or verdict) the explanation must show for the kind. */
const expectedVerdict: Partial<Record<ErrorKind, [string, string | string[]]>> = {
  nickname: ['firstName', 'nickname'],
  'first-transposition': ['firstName', 'close'],
  'last-transposition': ['lastName', 'close'],
  'changed-last': ['lastName', ['differs', 'close']], // a new name may sound like the old one
  'dob-swap': ['dateOfBirth', 'swapped'],
  'ssn-swap': ['ssn', 'swapped'],
  'ssn-digit': ['ssn', 'one-digit'],
  'missing-ssn': ['ssn', 'missing'],
  'wrong-sex': ['sex', 'differs'],
  'swapped-names': ['firstName', 'swapped'],
  'dob-year-no-ssn': ['dateOfBirth', 'year-off'],
  'nickname-dob-day': ['dateOfBirth', 'day-off'],
  'last-typo-ssn-digit': ['ssn', 'one-digit'],
  'married-name': ['lastName', ['differs', 'close']],
  'married-name-no-ssn': ['lastName', ['differs', 'close']],
  'compound-last-part': ['lastName', 'part'],
  'punctuated-last': ['lastName', 'spelling'],
  'crossed-ssn': ['ssn', 'differs'],
};

/** What the summary read to the Agent says for the kind (issue 16 §3): why, in plain words. */
const expectedWords: Partial<Record<ErrorKind, RegExp>> = {
  nickname: /the first name is a nickname of the one on file/,
  'swapped-names': /the first and last names appear swapped/,
  'dob-year-no-ssn': /the birth year (differs by one digit|is one year off|is ten years off).*no SSN/,
  'nickname-dob-day': /nickname of the one on file.*the birth date is one day off/,
  'last-typo-ssn-digit': /one SSN digit differs/,
  'married-name': /the last name differs \(it may have changed, for example by marriage\)/,
  'compound-last-part': /only one part of a two-part last name matches/,
  'punctuated-last': /the last name differs only in spaces, apostrophes or hyphens/,
  twin: /possibly a twin/,
  'crossed-ssn': /the SSN differs.*Its SSN is also on file|the SSN differs/,
};

describe('synthetic population', () => {
  it('is the same for the same seed, with realistic name frequencies, twins, two-part and punctuated surnames', () => {
    const a = [...new PopulationGenerator({ seed: 5, duplicateShare: 0.01 }).members(300)];
    const b = [...new PopulationGenerator({ seed: 5, duplicateShare: 0.01 }).members(300)];
    expect(a).toEqual(b);
    const share = (pred: (m: SyntheticMember) => boolean, of: SyntheticMember[] = members) => of.filter(pred).length / of.length;
    // Issue 16 §1: Smith near 1 % of people, James near 3 % of men.
    expect(share((m) => m.lastName === 'Smith')).toBeGreaterThan(0.005);
    expect(share((m) => m.lastName === 'Smith')).toBeLessThan(0.012);
    const men = members.filter((m) => m.sex === 'M');
    expect(share((m) => m.firstName === 'James', men)).toBeGreaterThan(0.018);
    expect(share((m) => m.firstName === 'James', men)).toBeLessThan(0.035);
    expect(share((m) => m.twinOf !== null)).toBeGreaterThan(0.005);
    expect(share((m) => m.sameAs !== null)).toBeGreaterThan(0.005);
    expect(members.some((m) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(m.lastName))).toBe(true); // Garcia Lopez
    expect(members.some((m) => m.lastName.includes("'"))).toBe(true); // O'Brien
    for (const m of members.filter((x) => x.twinOf)) {
      const t = byId.get(m.twinOf!)!;
      expect([t.caseNumber, t.lastName, t.dateOfBirth]).toEqual([m.caseNumber, m.lastName, m.dateOfBirth]);
      expect(t.firstName).not.toBe(m.firstName);
      if (t.ssn && m.ssn) expect(t.ssn).not.toBe(m.ssn);
    }
    for (const m of members.filter((x) => x.sameAs)) {
      const first = byId.get(m.sameAs!)!;
      expect([first.ssn, first.dateOfBirth, first.sex]).toEqual([m.ssn, m.dateOfBirth, m.sex]);
      expect(first.caseNumber).not.toBe(m.caseNumber);
    }
    // Apart from a person's second record, every SSN is one person's.
    const ssns = members.filter((m) => m.ssn && !m.sameAs).map((m) => m.ssn);
    expect(new Set(ssns).size).toBe(ssns.length);
  });
});

describe('each error kind of issue 4 §2 and issue 16 §1', () => {
  for (const kind of errorKinds) {
    it(kind, () => {
      const queries = queriesOf(kind, 40);
      let found = 0;
      for (const tq of queries) {
        const d: MatchDecision = index.lookup(tq.query);
        const what = `${kind} ${JSON.stringify(tq.query)} → ${d.level} ${d.candidates
          .slice(0, 2)
          .map((c) => `${c.member.memberId} ${c.score}`)
          .join(' ')}`;
        // Full precision: a Full match is always the person asked about, and never one of two records.
        if (d.level === 'full') {
          expect(isThePerson(tq, d.candidates[0]!.member.memberId), what).toBe(true);
          expect(kind, what).not.toBe('two-cases');
        }
        if (absentKinds.has(kind)) {
          expect(d.level, what).toBe('none');
          // Her first name and birth date are a member's: the rep is told why it is not a Partial, and to ask for the SSN.
          if (kind === 'absent-no-ssn') expect(d.reason, what).toMatch(/another last name.*ask for the SSN/);
          continue;
        }
        // The same, seen from the member's side: a new last name with no SSN is never a Partial on its own (decide.ts).
        if (kind === 'married-name-no-ssn' && d.level === 'none') expect(d.reason, what).toMatch(/another last name.*ask for the SSN/);
        const top = d.candidates[0];
        if (d.level === 'none' || !isThePerson(tq, top?.member.memberId)) continue;
        found++;
        const member = byId.get(tq.expectedMemberId!)!;
        const whole = kind === 'exact' || (kind === 'twin' && tq.query.ssn === member.ssn);
        if (!samePerson.has(member.memberId)) expect(d.level, what).toBe(whole ? 'full' : 'partial');
        const pin = expectedVerdict[kind];
        if (pin && top!.member.memberId === tq.expectedMemberId) {
          const f = top!.fields[pin[0] as FieldName];
          const wanted = Array.isArray(pin[1]) ? pin[1] : [pin[1]];
          expect(
            [f.verdict, f.level].some((x) => wanted.includes(x)),
            `${what}: ${f.verdict}/${f.level}`,
          ).toBe(true);
        }
        const words = expectedWords[kind];
        if (words && top!.member.memberId === tq.expectedMemberId) expect(top!.summary, what).toMatch(words);
        if (kind === 'two-cases') {
          expect(d.reason, what).toMatch(/more than one record/);
          expect(d.level, what).toBe('partial');
          expect(d.conflicts.length, what).toBeGreaterThan(0);
          expect(
            d.candidates.map((c) => c.member.memberId),
            what,
          ).toEqual(expect.arrayContaining([tq.expectedMemberId, tq.otherRecordId]));
        }
      }
      // A married name without an SSN leaves first name, birth date and sex, which a stranger
      // born the same day shares ('absent-no-ssn'): it is found only when the new name happens
      // to be close to the old (decide.ts, README). Every other kind finds its member every time
      // in this population.
      if (kind === 'married-name-no-ssn') expect(found / queries.length, kind).toBeLessThan(0.2);
      else expect(found / queries.length, kind).toBeGreaterThanOrEqual(absentKinds.has(kind) ? 0 : 0.97);
    });
  }
});
