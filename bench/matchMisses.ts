/**
 * The match benchmark's misses in a minute and a half instead of ten: the same members
 * and queries as bench/match.bench.ts (bench/matchWorkload.ts), looked up in the
 * in-memory index (the same blocking keys and name counts as the SQLite cache, no import,
 * no timing), with the analyses of bench/matchAnalysis.ts — every wrong outcome of the
 * kinds that have few, what each other model does to every kind, and how many people
 * share a first name, birth date and sex. For looking into a change before the full run.
 *
 *   npx tsx bench/matchMisses.ts     (MATCH_BENCH_MEMBERS / MATCH_BENCH_LOOKUPS as for the bench)
 *
 * Prints JSON on stdout; writes nothing.
 */
import { decideScored } from '../shared/common/match/decide';
import { MemoryMemberIndex } from '../shared/common/match/memoryIndex';
import { absentKinds, errorKinds, type ErrorKind, type TestQuery } from '../shared/common/match/population';
import { scoreCandidate } from '../shared/common/match/scoring';
import { decideWith, describeMiss, firstDobSexShares, MODELS } from './matchAnalysis';
import { matchWorkload, SEED } from './matchWorkload';

const MEMBERS = Number(process.env.MATCH_BENCH_MEMBERS ?? 1_000_000);
const LOOKUPS = Number(process.env.MATCH_BENCH_LOOKUPS ?? 10_000);
const TODAY = '2026-11-22'; // the bench's clock

const workload = matchWorkload(MEMBERS, LOOKUPS);
const index = new MemoryMemberIndex(TODAY);
for (const _ of workload.population) index.add(workload.everyone[workload.everyone.length - 1]!);
const queries = workload.queries();
const byMemberId = new Map(workload.everyone.map((m) => [m.memberId, m]));
const context = index.context();
process.stderr.write(`[matchMisses] ${index.size} members, ${queries.length} queries\n`);

const isThePerson = (q: TestQuery, id: string | undefined) =>
  id !== undefined && q.expectedMemberId !== null && (id === q.expectedMemberId || id === q.otherRecordId || workload.samePerson.get(q.expectedMemberId) === id);
/** Right: No match for people not in the cache; the person (or their other record) first otherwise. */
const right = (q: TestQuery, d: { level: string; candidates: readonly { member: { memberId: string } }[] }) =>
  absentKinds.has(q.kind) ? d.level === 'none' : d.level !== 'none' && isThePerson(q, d.candidates[0]?.member.memberId);

const models = [
  { label: 'today', decide: (_q: TestQuery, s: Parameters<typeof decideScored>[0]) => decideScored(s) },
  ...MODELS.map((m) => ({ label: m.label, decide: (q: TestQuery, s: Parameters<typeof decideScored>[0]) => decideWith(m, q, s, context.counts!) })),
];
const rightCounts = new Map<string, Map<ErrorKind, [number, number]>>(models.map((m) => [m.label, new Map()]));
const wrong = new Map<ErrorKind, ReturnType<typeof describeMiss>[]>();
for (const q of queries) {
  const scored = index.candidates(q.query).map((m) => scoreCandidate(q.query, m, context));
  for (const m of models) {
    const d = m.decide(q, scored);
    const per = rightCounts.get(m.label)!;
    const [ok, n] = per.get(q.kind) ?? [0, 0];
    per.set(q.kind, [ok + Number(right(q, d)), n + 1]);
    if (m.label === 'today' && !right(q, d)) wrong.set(q.kind, [...(wrong.get(q.kind) ?? []), describeMiss(q, d, scored, byMemberId)]);
  }
}
const pct = (a: number, b: number) => Math.round((a / b) * 10000) / 100;
process.stdout.write(
  `${JSON.stringify(
    {
      members: MEMBERS,
      lookups: queries.length,
      /** recall@1 % (present kinds) or No match % (absent kinds), per model. */
      models: Object.fromEntries([...rightCounts].map(([label, per]) => [label, Object.fromEntries(errorKinds.map((k) => [k, pct(...per.get(k)!)]))])),
      wrongOutcomes: Object.fromEntries([...wrong].map(([k, list]) => [k, list.length <= 20 ? list : { count: list.length, partials: list.filter((w) => w.level !== 'none') }])),
      firstNameBirthDateAndSexShared: firstDobSexShares(workload.everyone, workload.samePerson, 20_000, SEED + 3),
    },
    null,
    1,
  )}\n`,
);
