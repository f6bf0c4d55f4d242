/**
 * Member match at scale (issue 4 §6): a seeded synthetic population of 1,000,000
 * members with US name frequencies is written as members.csv and imported through the
 * same code as `import members`; then 10,000 lookups mixing every error kind and people
 * not in the cache run through the indexed matcher. Reports import rows/s, lookup
 * percentiles, peak memory, database size and accuracy per error kind, and compares
 * with a naive scorer that scans 100,000 members per query.
 *
 *   npm run bench match            (MATCH_BENCH_MEMBERS / MATCH_BENCH_LOOKUPS override sizes)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../shared/common/clock';
import { decide } from '../shared/common/match/decide';
import { PopulationGenerator, errorKinds, makeQuery, type ErrorKind, type SyntheticMember, type TestQuery } from '../shared/common/match/population';
import { openDatabase } from '../shared/node/db/database';
import { importFile } from '../shared/node/match/importer';
import { importMembersFile } from '../shared/node/match/importParallel';
import { LookupService } from '../shared/node/match/lookupService';
import { MemberStore } from '../shared/node/match/memberStore';
import { writeMembersCsv } from '../shared/node/match/populationCsv';
import { SsnVault } from '../shared/node/security/ssnVault';
import { AuditLog } from '../shared/node/audit/auditLog';
import { noCallActivity } from '../shared/node/host/callActivity';
import { summarize, writeResult } from './stats';

const MEMBERS = Number(process.env.MATCH_BENCH_MEMBERS ?? 1_000_000);
const LOOKUPS = Number(process.env.MATCH_BENCH_LOOKUPS ?? 10_000);
const NAIVE_MEMBERS = Math.min(100_000, MEMBERS);
const NAIVE_QUERIES = 40;
const SEED = 20_261_122;

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, 'tmp', 'match');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const csv = path.join(dir, 'members.csv');
const dbFile = path.join(dir, 'match.sqlite3');
const log = (s: string) => process.stderr.write(`[match.bench] ${s}\n`);

// 1. Population → members.csv, keeping aside the members the queries will be about.
const sampler = new PopulationGenerator({ seed: SEED + 1 });
const wanted = new Set<number>();
while (wanted.size < LOOKUPS) wanted.add(sampler.int(MEMBERS));
const sampled: SyntheticMember[] = [];
const naivePopulation: SyntheticMember[] = [];
let index = 0;
function* tapped(src: Iterable<SyntheticMember>) {
  for (const m of src) {
    if (wanted.has(index)) sampled.push(m);
    if (index < NAIVE_MEMBERS) naivePopulation.push(m);
    index++;
    yield m;
  }
}
let t0 = performance.now();
writeMembersCsv(csv, tapped(new PopulationGenerator({ seed: SEED }).members(MEMBERS)));
log(`wrote ${MEMBERS} members (${(fs.statSync(csv).size / 2 ** 20).toFixed(1)} MiB) in ${Math.round(performance.now() - t0)} ms`);

// 2. Import, exactly as `import members` does.
const clock = new ManualClock('2026-11-22T15:00:00.000Z');
const db = openDatabase(dbFile);
// A fresh desk key per run, as a first start makes: SSNs sealed, index keys keyed (issue 8 §1).
const vault = new SsnVault(SsnVault.generateKey());
const store = new MemberStore(db, clock, () => vault);
const cpuBefore = process.cpuUsage();
const loadBefore = os.loadavg()[0]!;
const report = await importMembersFile(store, csv);
const importCpu = process.cpuUsage(cpuBefore);
const importCpuMs = Math.round((importCpu.user + importCpu.system) / 1000);
if (!report.committed) throw new Error(`import failed: ${JSON.stringify(report.issues.slice(0, 3))}`);
log(`imported ${report.rows} rows in ${report.durationMs} ms (${report.rowsPerSecond} rows/s)`);
// Re-importing the same extract must change nothing (upsert by member_id); time it too.
const again = importFile(store, 'members', csv);
if (again.unchanged !== report.rows) throw new Error(`re-import changed rows: ${JSON.stringify({ ...again, issues: undefined })}`);
log(`re-imported ${again.rows} unchanged rows in ${again.durationMs} ms`);
db.pragma('wal_checkpoint(TRUNCATE)');
const dbBytes = fs.statSync(dbFile).size + (fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0);
const lookup = new LookupService(store, clock, new AuditLog(db, clock, () => 'bench'), noCallActivity);

// 3. 10,000 queries: every error kind in equal share, absent people included.
const qgen = new PopulationGenerator({ seed: SEED + 2 });
const queries: TestQuery[] = [];
let absentSsn = MEMBERS + 1_000_000;
let cursor = 0;
for (let i = 0; queries.length < LOOKUPS; i++) {
  const kind = errorKinds[i % errorKinds.length]!;
  for (let tries = 0; tries < 50; tries++) {
    const m = sampled[cursor++ % sampled.length]!;
    const q = makeQuery(qgen, kind, m, absentSsn++);
    if (q) {
      queries.push(q);
      break;
    }
  }
}

// 4. Lookups through the index, timed one by one.
for (let i = 0; i < 200; i++) lookup.match(queries[i]!.query); // warm-up
const samples: number[] = [];
const perKind = new Map<ErrorKind, { n: number; at1: number; at5: number; full: number; partial: number; none: number; fullCorrect: number }>();
let candidatesSeen = 0;
for (const q of queries) {
  const t = process.hrtime.bigint();
  const d = lookup.match(q.query);
  samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  candidatesSeen += d.candidates.length;
  const s = perKind.get(q.kind) ?? { n: 0, at1: 0, at5: 0, full: 0, partial: 0, none: 0, fullCorrect: 0 };
  perKind.set(q.kind, s);
  s.n++;
  s[d.level]++;
  const ids = d.candidates.map((c) => c.member.memberId);
  if (d.level === 'full' && ids[0] === q.expectedMemberId) s.fullCorrect++;
  if (q.expectedMemberId && d.level !== 'none' && ids[0] === q.expectedMemberId) s.at1++;
  if (q.expectedMemberId && d.level !== 'none' && ids.slice(0, 5).includes(q.expectedMemberId)) s.at5++;
}
const latency = summarize(samples);
log(`lookups p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms`);

const pct = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 100 : null);
let fullTotal = 0;
let fullCorrect = 0;
for (const s of perKind.values()) {
  fullTotal += s.full;
  fullCorrect += s.fullCorrect;
}
const accuracy = {
  fullPrecisionPct: pct(fullCorrect, fullTotal),
  fullResults: fullTotal,
  exactQueriesFullPct: pct(perKind.get('exact')!.fullCorrect, perKind.get('exact')!.n),
  absentNoMatchPct: pct(perKind.get('absent')!.none, perKind.get('absent')!.n),
  perErrorKind: Object.fromEntries(
    [...perKind.entries()]
      .filter(([k]) => k !== 'absent' && k !== 'exact')
      .map(([k, s]) => [k, { queries: s.n, recallAt1Pct: pct(s.at1, s.n), recallAt5Pct: pct(s.at5, s.n), partial: s.partial, full: s.full, none: s.none }]),
  ),
};

// 5. Naive scorer: every query scores all of the first 100,000 members.
const naiveMembers = naivePopulation.map((m, i) => ({ ...m, id: i + 1 }));
const naiveQueries = queries.filter((q) => q.kind !== 'absent').slice(0, NAIVE_QUERIES * 2).filter((_, i) => i % 2 === 0);
const naiveSamples: number[] = [];
for (const q of naiveQueries) {
  const t = process.hrtime.bigint();
  decide(q.query, naiveMembers);
  naiveSamples.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const naive = summarize(naiveSamples);
const indexedOnSame = summarize(naiveQueries.map((q) => {
  const t = process.hrtime.bigint();
  lookup.match(q.query);
  return Number(process.hrtime.bigint() - t) / 1e6;
}));
const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
db.close();

const targets = {
  importRowsPerSecond: { target: '>= 100000', actual: report.rowsPerSecond, met: report.rowsPerSecond >= 100_000 },
  lookupP99Ms: { target: '<= 10', actual: latency.p99Ms, met: latency.p99Ms <= 10 },
  fullPrecisionPct: { target: '100', actual: accuracy.fullPrecisionPct, met: accuracy.fullPrecisionPct === 100 },
  recallAt1EveryKindPct: {
    target: '>= 97 on every error kind',
    actual: Math.min(...Object.values(accuracy.perErrorKind).map((k) => k.recallAt1Pct ?? 0)),
    met: Object.values(accuracy.perErrorKind).every((k) => (k.recallAt1Pct ?? 0) >= 97),
  },
  absentNoMatchPct: { target: '>= 99', actual: accuracy.absentNoMatchPct, met: (accuracy.absentNoMatchPct ?? 0) >= 99 },
};

writeResult('match', {
  seed: SEED,
  members: MEMBERS,
  lookups: queries.length,
  import: {
    rows: report.rows,
    durationMs: report.durationMs,
    rowsPerSecond: report.rowsPerSecond,
    // The machine is shared: CPU time (both threads) says what the import costs whatever else runs.
    cpuMs: importCpuMs,
    rowsPerCpuSecond: Math.round((report.rows / importCpuMs) * 1000),
    loadAverage1mBefore: Math.round(loadBefore * 100) / 100,
  },
  reimportUnchanged: { rows: again.rows, unchanged: again.unchanged, durationMs: again.durationMs, rowsPerSecond: again.rowsPerSecond },
  loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
  lookup: { ...latency, meanCandidatesReturned: Math.round((candidatesSeen / queries.length) * 100) / 100 },
  peakRssMiB,
  databaseBytes: dbBytes,
  databaseMiB: Math.round((dbBytes / 2 ** 20) * 10) / 10,
  accuracy,
  naiveFullScan: {
    members: naiveMembers.length,
    queries: naiveQueries.length,
    naive,
    indexedSameQueriesOn1M: indexedOnSame,
    speedRatioMean: Math.round((naive.meanMs / indexedOnSame.meanMs) * 10) / 10,
  },
  targets,
});
fs.rmSync(dir, { recursive: true, force: true });
