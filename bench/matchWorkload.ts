/**
 * The match benchmark's workload, shared by bench/match.bench.ts and bench/matchMisses.ts
 * so both see the same members and the same queries: a seeded population (streamed, so
 * the bench can write it as CSV while it is made) and, once it has been read through,
 * the lookups — every error kind in equal share, people not in the cache included.
 */
import { errorKinds, makeQuery, memberSuits, PopulationGenerator, type ErrorKind, type SyntheticMember, type TestQuery } from '../shared/common/match/population';
import type { MatchMember } from '../shared/common/match/schemas';

export const SEED = 20_261_122;
export const DUPLICATE_SHARE = 0.003;
/** Kinds drawn from members that carry them (rare in a random sample). */
const POOLED: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['twin', 'two-cases', 'compound-last-part', 'punctuated-last']);
const POOL_SIZE = 5_000;

export interface MatchWorkload {
  /** The population, to be read through once (each member also lands in `everyone`). */
  population: Iterable<SyntheticMember>;
  /** Every member as the matcher sees it, filled as `population` is read. */
  everyone: MatchMember[];
  /** A person's two records point at each other: either one found is the person found. */
  samePerson: Map<string, string>;
  /** The lookups; call after `population` has been read through. */
  queries(): TestQuery[];
}

export function matchWorkload(members: number, lookups: number): MatchWorkload {
  const sampler = new PopulationGenerator({ seed: SEED + 1 });
  const wanted = new Set<number>();
  while (wanted.size < lookups) wanted.add(sampler.int(members));
  const sampled: SyntheticMember[] = [];
  const pools = new Map<ErrorKind, SyntheticMember[]>([...POOLED].map((k) => [k, []]));
  const poolSeen = new Map<ErrorKind, number>();
  const everyone: MatchMember[] = [];
  const samePerson = new Map<string, string>();
  let index = 0;
  function* tapped(src: Iterable<SyntheticMember>) {
    for (const m of src) {
      if (wanted.has(index)) sampled.push(m);
      for (const [kind, pool] of pools) {
        if (!memberSuits(kind, m)) continue;
        // Reservoir sampling: every suitable member equally likely, whatever the population's order.
        const seen = (poolSeen.get(kind) ?? 0) + 1;
        poolSeen.set(kind, seen);
        if (pool.length < POOL_SIZE) pool.push(m);
        else {
          const j = sampler.int(seen);
          if (j < POOL_SIZE) pool[j] = m;
        }
      }
      if (m.sameAs) {
        samePerson.set(m.memberId, m.sameAs);
        samePerson.set(m.sameAs, m.memberId);
      }
      everyone.push({
        id: index + 1,
        memberId: m.memberId,
        caseNumber: m.caseNumber,
        firstName: m.firstName,
        lastName: m.lastName,
        dateOfBirth: m.dateOfBirth,
        sex: m.sex,
        ssn: m.ssn,
      });
      index++;
      yield m;
    }
  }
  function queries(): TestQuery[] {
    if (index < members) throw new Error('read the population through before making the queries');
    const qgen = new PopulationGenerator({ seed: SEED + 2 });
    const out: TestQuery[] = [];
    let absentSsn = members * 2 + 1_000_000;
    let cursor = 0;
    for (let i = 0; out.length < lookups; i++) {
      const kind = errorKinds[i % errorKinds.length]!;
      const pool = pools.get(kind);
      for (let tries = 0; tries < 200; tries++) {
        const m = pool ? pool[qgen.int(pool.length)]! : sampled[cursor++ % sampled.length]!;
        const other = sampled[qgen.int(sampled.length)];
        const q = makeQuery(qgen, kind, m, absentSsn++, other);
        if (q) {
          out.push(q);
          break;
        }
      }
    }
    return out;
  }
  return { population: tapped(new PopulationGenerator({ seed: SEED, duplicateShare: DUPLICATE_SHARE }).members(members)), everyone, samePerson, queries };
}
