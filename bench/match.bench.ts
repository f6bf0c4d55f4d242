/**
 * Member match at scale (issue 4 §6, issue 16 §2): a seeded synthetic population of
 * 1,000,000 members with US name frequencies (twins, two-part and punctuated surnames,
 * 0.3 % of people also on a second case) is written as members.csv and imported through
 * the same code as `import members`, SSNs sealed under a fresh desk key. Then 10,000
 * lookups, every error kind in equal share (people not in the cache included), run
 * through today's matcher and through the matcher of issue 4 (bench/legacy/), one after
 * the other on the same cache, so their latencies compare within one run whatever the
 * machine's speed. Reports, per kind and for both: recall@1, recall@5, Full / Partial /
 * No counts, Full precision; what other thresholds would do to every kind; import
 * rows/s; lookup percentiles; and the ratio to a naive scorer that scans every member.
 *
 *   npm run bench match            (MATCH_BENCH_MEMBERS / MATCH_BENCH_LOOKUPS override sizes)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../shared/common/clock';
import { queryKeys } from '../shared/common/match/blocking';
import { decide, DEFAULT_RULES, type MatchDecision } from '../shared/common/match/decide';
import { absentKinds, errorKinds, type ErrorKind, type TestQuery } from '../shared/common/match/population';
import { PARTIAL_THRESHOLD, scoreCandidate } from '../shared/common/match/scoring';
import { openDatabase } from '../shared/node/db/database';
import { importFile } from '../shared/node/match/importer';
import { importMembersFile } from '../shared/node/match/importParallel';
import { LookupService } from '../shared/node/match/lookupService';
import { MemberStore } from '../shared/node/match/memberStore';
import { writeMembersCsv } from '../shared/node/match/populationCsv';
import { SsnVault } from '../shared/node/security/ssnVault';
import { AuditLog } from '../shared/node/audit/auditLog';
import { noCallActivity } from '../shared/node/host/callActivity';
import { legacyMatch, type LegacyDecision } from './legacy';
import { decideWith, describeMiss, firstDobSexShares, MODELS } from './matchAnalysis';
import { DUPLICATE_SHARE, matchWorkload, SEED } from './matchWorkload';
import { summarize, writeResult } from './stats';

const MEMBERS = Number(process.env.MATCH_BENCH_MEMBERS ?? 1_000_000);
const LOOKUPS = Number(process.env.MATCH_BENCH_LOOKUPS ?? 10_000);
const NAIVE_QUERIES = Number(process.env.MATCH_BENCH_NAIVE_QUERIES ?? 10);
/** People not in the cache drawn to count how many share a first name, birth date and sex with a member. */
const STRANGERS = 20_000;
/** A kind with at most this many wrong outcomes has each one listed in the results. */
const LIST_MISSES_UP_TO = 20;
const SWEEP = MODELS;
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, 'tmp', 'match');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const csv = path.join(dir, 'members.csv');
const dbFile = path.join(dir, 'match.sqlite3');
const log = (s: string) => process.stderr.write(`[match.bench] ${s}\n`);
const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);

// 1. Population → members.csv, keeping aside the members the queries will be about.
const workload = matchWorkload(MEMBERS, LOOKUPS);
const { everyone, samePerson } = workload;
const t0 = performance.now();
writeMembersCsv(csv, workload.population);
log(`wrote ${MEMBERS} members (${(fs.statSync(csv).size / 2 ** 20).toFixed(1)} MiB) in ${Math.round(performance.now() - t0)} ms`);

// 2. Import, exactly as `import members` does.
const clock = new ManualClock('2026-11-22T15:00:00.000Z');
const db = openDatabase(dbFile);
// A fresh desk key per run, as a first start makes: SSNs sealed, index keys keyed (issue 8 §1).
const vault = new SsnVault(SsnVault.generateKey());
const store = new MemberStore(db, clock, () => vault);
const cpuBefore = process.cpuUsage();
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
const queries: TestQuery[] = workload.queries();

// 4. Lookups through the index, today's matcher and issue 4's in turn, timed one by one.
for (let i = 0; i < 300; i++) {
  lookup.match(queries[i]!.query);
  legacyMatch(store, queries[i]!.query);
}
const samples: number[] = [];
const legacySamples: number[] = [];
const decisions: MatchDecision[] = [];
const legacyDecisions: LegacyDecision[] = [];
let candidatesSeen = 0;
queries.forEach((q, i) => {
  // Alternate which runs first, so neither always meets the other's warm caches.
  const runNew = () => {
    const t = process.hrtime.bigint();
    const d = lookup.match(q.query);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    decisions.push(d);
    candidatesSeen += d.candidates.length;
  };
  const runOld = () => {
    const t = process.hrtime.bigint();
    const d = legacyMatch(store, q.query);
    legacySamples.push(Number(process.hrtime.bigint() - t) / 1e6);
    legacyDecisions.push(d);
  };
  if (i % 2 === 0) {
    runNew();
    runOld();
  } else {
    runOld();
    runNew();
  }
});
const latency = summarize(samples);
const legacyLatency = summarize(legacySamples);
log(`lookups p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms (issue 4's matcher: p50 ${legacyLatency.p50Ms} ms, p99 ${legacyLatency.p99Ms} ms)`);

// 5. Accuracy by kind, for both matchers.
interface KindFigures {
  queries: number;
  recallAt1Pct: number | null;
  recallAt5Pct: number | null;
  noMatchPct: number | null;
  full: number;
  partial: number;
  none: number;
  /** Full results that were not the person asked about, or one of two records of them. */
  wrongFull: number;
  /** Queries whose best two candidates scored the same: which comes first is then chance. */
  tiedAtTop: number;
}
const pct = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 100 : null);
const isThePerson = (q: TestQuery, id: string | undefined) =>
  id !== undefined && q.expectedMemberId !== null && (id === q.expectedMemberId || id === q.otherRecordId || samePerson.get(q.expectedMemberId) === id);

function figures(ds: readonly { level: string; candidates: readonly { member: { memberId: string }; score: number }[] }[]): Record<ErrorKind, KindFigures> {
  const acc = new Map<ErrorKind, { n: number; at1: number; at5: number; full: number; partial: number; none: number; wrongFull: number; tied: number }>();
  queries.forEach((q, i) => {
    const d = ds[i]!;
    const s = acc.get(q.kind) ?? { n: 0, at1: 0, at5: 0, full: 0, partial: 0, none: 0, wrongFull: 0, tied: 0 };
    acc.set(q.kind, s);
    s.n++;
    s[d.level as 'full' | 'partial' | 'none']++;
    const ids = d.candidates.map((c) => c.member.memberId);
    if (d.level === 'full' && (!isThePerson(q, ids[0]) || q.kind === 'two-cases')) s.wrongFull++;
    if (d.level !== 'none' && isThePerson(q, ids[0])) s.at1++;
    if (d.level !== 'none' && ids.slice(0, 5).some((id) => isThePerson(q, id))) s.at5++;
    if (d.candidates.length > 1 && d.candidates[0]!.score === d.candidates[1]!.score) s.tied++;
  });
  return Object.fromEntries(
    errorKinds.map((k) => {
      const s = acc.get(k)!;
      const absent = absentKinds.has(k);
      return [
        k,
        {
          queries: s.n,
          recallAt1Pct: absent ? null : pct(s.at1, s.n),
          recallAt5Pct: absent ? null : pct(s.at5, s.n),
          noMatchPct: absent ? pct(s.none, s.n) : null,
          full: s.full,
          partial: s.partial,
          none: s.none,
          wrongFull: s.wrongFull,
          tiedAtTop: s.tied,
        },
      ];
    }),
  ) as Record<ErrorKind, KindFigures>;
}

function overall(per: Record<ErrorKind, KindFigures>) {
  const kinds = Object.entries(per) as [ErrorKind, KindFigures][];
  const present = kinds.filter(([k]) => !absentKinds.has(k));
  const absent = kinds.filter(([k]) => absentKinds.has(k));
  const fullResults = kinds.reduce((a, [, f]) => a + f.full, 0);
  const wrongFull = kinds.reduce((a, [, f]) => a + f.wrongFull, 0);
  const worstPresent = present.reduce((w, e) => ((e[1].recallAt1Pct ?? 0) < (w[1].recallAt1Pct ?? 0) ? e : w));
  const worstAbsent = absent.reduce((w, e) => ((e[1].noMatchPct ?? 0) < (w[1].noMatchPct ?? 0) ? e : w));
  return {
    fullResults,
    fullPrecisionPct: pct(fullResults - wrongFull, fullResults),
    lowestRecallAt1: { kind: worstPresent[0], pct: worstPresent[1].recallAt1Pct },
    presentKindsBelow98: present.filter(([, f]) => (f.recallAt1Pct ?? 0) < 98).map(([k, f]) => ({ kind: k, recallAt1Pct: f.recallAt1Pct })),
    lowestNoMatch: { kind: worstAbsent[0], pct: worstAbsent[1].noMatchPct },
  };
}

const perKind = figures(decisions);
const legacyPerKind = figures(legacyDecisions);

// 6. What other thresholds and rules would do to every kind (issue 16 §4): the same candidates, rescored once, decided by each model.
//    Also each wrong outcome of a kind with few of them, and how queries about members with no SSN on file fare.
const context = { counts: store.nameCounts(), today: clock.now().toISOString().slice(0, 10) };
const sweepDecisions = new Map<string, MatchDecision[]>(SWEEP.map((s) => [s.label, []]));
const byMemberId = new Map(everyone.map((m) => [m.memberId, m]));
const wrongOutcomes = new Map<ErrorKind, ReturnType<typeof describeMiss>[]>();
const noSsnOnFile = new Map<ErrorKind, { queries: number; found: number }>();
queries.forEach((q, i) => {
  const scored = store.candidates(queryKeys(q.query, vault.indexMac)).map((m) => scoreCandidate(q.query, m, context));
  for (const s of SWEEP) sweepDecisions.get(s.label)!.push(decideWith(s, q, scored, context.counts));
  const d = decisions[i]!;
  const found = d.level !== 'none' && isThePerson(q, d.candidates[0]?.member.memberId);
  const wrong = absentKinds.has(q.kind) ? d.level !== 'none' : !found;
  if (wrong) {
    const list = wrongOutcomes.get(q.kind) ?? [];
    wrongOutcomes.set(q.kind, list);
    list.push(describeMiss(q, d, scored, byMemberId));
  }
  if (q.expectedMemberId && byMemberId.get(q.expectedMemberId)?.ssn === null) {
    const t = noSsnOnFile.get(q.kind) ?? { queries: 0, found: 0 };
    noSsnOnFile.set(q.kind, t);
    t.queries++;
    if (found) t.found++;
  }
});
const misses = Object.fromEntries(
  errorKinds
    .filter((k) => wrongOutcomes.has(k))
    .map((k) => {
      const list = wrongOutcomes.get(k)!;
      return [
        k,
        list.length <= LIST_MISSES_UP_TO
          ? { count: list.length, each: list }
          : { count: list.length, listed: 'more than ' + LIST_MISSES_UP_TO + ': the Partials among them only', each: list.filter((w) => w.level !== 'none') },
      ];
    }),
);
const firstDobSex = firstDobSexShares(everyone, samePerson, STRANGERS, SEED + 3);
const sweep = Object.fromEntries(
  SWEEP.map((s) => {
    const per = figures(sweepDecisions.get(s.label)!);
    return [
      s.label,
      {
        threshold: s.threshold,
        rules: s.rules,
        overall: overall(per),
        byKind: Object.fromEntries(errorKinds.map((k) => [k, absentKinds.has(k) ? { noMatchPct: per[k].noMatchPct } : { recallAt1Pct: per[k].recallAt1Pct }])),
      },
    ];
  }),
);

/** Per model: which kinds miss their target (recall@1 >= 98 present, No match >= 99.5 absent) and any wrong Full. */
const modelTargets = Object.fromEntries(
  SWEEP.map((s) => {
    const per = figures(sweepDecisions.get(s.label)!);
    const kinds = Object.entries(per) as [ErrorKind, KindFigures][];
    return [
      s.label,
      {
        presentBelow98: kinds.filter(([k, f]) => !absentKinds.has(k) && (f.recallAt1Pct ?? 0) < 98).map(([k, f]) => `${k} ${f.recallAt1Pct}`),
        absentBelow99_5: kinds.filter(([k, f]) => absentKinds.has(k) && (f.noMatchPct ?? 0) < 99.5).map(([k, f]) => `${k} ${f.noMatchPct}`),
        wrongFull: kinds.reduce((a, [, f]) => a + f.wrongFull, 0),
      },
    ];
  }),
);

// 7. Naive scorer: each query scores every one of the members, in memory (no SQLite in the way).
const naiveQueries = queries
  .filter((q) => !absentKinds.has(q.kind))
  .filter((_, i) => i % 97 === 0)
  .slice(0, NAIVE_QUERIES);
const naiveSamples: number[] = [];
for (const q of naiveQueries) {
  const t = process.hrtime.bigint();
  decide(q.query, everyone, context);
  naiveSamples.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const naive = summarize(naiveSamples);
const indexedOnSame = summarize(
  naiveQueries.map((q) => {
    const t = process.hrtime.bigint();
    lookup.match(q.query);
    return Number(process.hrtime.bigint() - t) / 1e6;
  }),
);
const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
db.close();

const round1 = (x: number) => Math.round(x * 10) / 10;
const newOverall = overall(perKind);
const legacyOverall = overall(legacyPerKind);
const present = errorKinds.filter((k) => !absentKinds.has(k));
const absent = errorKinds.filter((k) => absentKinds.has(k));
const p99Ratio = Math.round((latency.p99Ms / legacyLatency.p99Ms) * 100) / 100;
const naiveRatio = round1(naive.meanMs / indexedOnSame.meanMs);
const targets = {
  // issue 16 §2
  fullPrecisionPct: { target: '100 (no twin, namesake, second record or crossed SSN ever Full)', actual: newOverall.fullPrecisionPct, met: newOverall.fullPrecisionPct === 100 },
  recallAt1EveryPresentKindPct: {
    target: '>= 98 on every present kind',
    actual: newOverall.lowestRecallAt1,
    below: newOverall.presentKindsBelow98,
    met: present.every((k) => (perKind[k].recallAt1Pct ?? 0) >= 98),
  },
  noMatchEveryAbsentKindPct: { target: '>= 99.5 on each absent kind', actual: newOverall.lowestNoMatch, met: absent.every((k) => (perKind[k].noMatchPct ?? 0) >= 99.5) },
  /** Why the kinds below target stay there, in this run's numbers (README of shared/common/match, "What the model cannot tell apart"). */
  notes: targetNotes(),
  lookupP99VsIssue4Matcher: { target: '<= 1.25x, same run, SSN encryption on', actual: p99Ratio, met: p99Ratio <= 1.25 },
  naiveFullScanRatio: { target: `>= 500x the naive scan of all ${MEMBERS} members (mean)`, actual: naiveRatio, met: naiveRatio >= 500 },
  // issue 4, kept
  importRowsPerSecond: { target: '>= 100000', actual: report.rowsPerSecond, met: report.rowsPerSecond >= 100_000 },
  lookupP99Ms: { target: '<= 10', actual: latency.p99Ms, met: latency.p99Ms <= 10 },
};

writeResult('match', {
  seed: SEED,
  members: MEMBERS,
  duplicateShare: DUPLICATE_SHARE,
  lookups: queries.length,
  partialThreshold: PARTIAL_THRESHOLD,
  rules: DEFAULT_RULES,
  previousFigures:
    'bench/results/match-issue4.json (issue 4), match-before-ssn-encryption.json, match-issue16-before-name-rule.json (issue 16 before the new absent kinds and the different-name rule), and match-issue16-before-review.json (the same model, before its misses were listed and the sweep widened)',
  loadAverageBefore: loadBefore,
  loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
  import: {
    rows: report.rows,
    durationMs: report.durationMs,
    rowsPerSecond: report.rowsPerSecond,
    // The machine is shared: CPU time (both threads) says what the import costs whatever else runs.
    cpuMs: importCpuMs,
    rowsPerCpuSecond: Math.round((report.rows / importCpuMs) * 1000),
  },
  reimportUnchanged: { rows: again.rows, unchanged: again.unchanged, durationMs: again.durationMs, rowsPerSecond: again.rowsPerSecond },
  lookup: { ...latency, meanCandidatesReturned: Math.round((candidatesSeen / queries.length) * 100) / 100 },
  lookupIssue4Matcher: legacyLatency,
  p99RatioToIssue4Matcher: p99Ratio,
  peakRssMiB,
  databaseBytes: dbBytes,
  databaseMiB: Math.round((dbBytes / 2 ** 20) * 10) / 10,
  accuracy: { overall: newOverall, byKind: perKind },
  accuracyIssue4Matcher: { overall: legacyOverall, byKind: legacyPerKind },
  thresholdSweep: sweep,
  modelTargets,
  wrongOutcomes: misses,
  queriesAboutMembersWithNoSsnOnFile: Object.fromEntries(errorKinds.filter((k) => noSsnOnFile.has(k)).map((k) => [k, noSsnOnFile.get(k)!])),
  firstNameBirthDateAndSexShared: firstDobSex,
  naiveFullScan: {
    members: everyone.length,
    queries: naiveQueries.length,
    naive,
    indexedSameQueries: indexedOnSame,
    speedRatioMean: naiveRatio,
    speedRatioP50: round1(naive.p50Ms / indexedOnSame.p50Ms),
  },
  targets,
});
process.stderr.write(`${kindTable()}\n`);
fs.rmSync(dir, { recursive: true, force: true });

/** The per-kind table for a commit message: issue 4's matcher, today's, and the sweep. */
function kindTable(): string {
  const cell = (k: ErrorKind, f: KindFigures) => {
    const v = absentKinds.has(k) ? f.noMatchPct : f.recallAt1Pct;
    return `${v?.toFixed(1) ?? '–'}${f.wrongFull ? ` (${f.wrongFull} wrong Full)` : ''}`;
  };
  const head = `| kind | measure | issue 4 | now (T=${PARTIAL_THRESHOLD}) | ${SWEEP.map((s) => s.label).join(' | ')} |`;
  const rows = errorKinds.map((k) => {
    const measure = absentKinds.has(k) ? 'No match %' : 'recall@1 %';
    const sw = SWEEP.map((s) => {
      const b = sweep[s.label]!.byKind[k] as { recallAt1Pct?: number | null; noMatchPct?: number | null };
      return (b.noMatchPct ?? b.recallAt1Pct)?.toFixed(1) ?? '–';
    });
    return `| ${k} | ${measure} | ${cell(k, legacyPerKind[k])} | ${cell(k, perKind[k])} | ${sw.join(' | ')} |`;
  });
  return [head, `|${'---|'.repeat(4 + SWEEP.length)}`, ...rows].join('\n');
}

/** The reasons the kinds below target stay there, written from this run's figures. */
function targetNotes(): string[] {
  const notes: string[] = [];
  const kindIn = (label: string, k: ErrorKind) => {
    const b = sweep[label]!.byKind[k] as { recallAt1Pct?: number | null; noMatchPct?: number | null };
    return b.noMatchPct ?? b.recallAt1Pct;
  };
  const promote = 'T=19, first+DOB+sex without SSN is Partial';
  const cl = wrongOutcomes.get('changed-last') ?? [];
  const clNoSsn = noSsnOnFile.get('changed-last') ?? { queries: 0, found: 0 };
  if (cl.length) {
    const scores = cl.map((w) => w.score ?? 0);
    const onFile = cl.filter((w) => (w.member as { ssnOnFile?: boolean } | null)?.ssnOnFile).length;
    notes.push(
      `changed-last ${perKind['changed-last'].recallAt1Pct} %: ${cl.length} lost, ${cl.length - onFile} about a member with no SSN on file (of ${clNoSsn.queries} such queries ${clNoSsn.found} found) and ${onFile} about one with an SSN. ` +
        `With no SSN on either side only first name, birth date and sex agree (scores ${Math.min(...scores)} to ${Math.max(...scores)}, below ${PARTIAL_THRESHOLD} even without the different-name rule). ` +
        `Making that pattern a Partial ('${promote}') finds changed-last ${kindIn(promote, 'changed-last')} % and married-name-no-ssn ${kindIn(promote, 'married-name-no-ssn')} %, and leaves absent-no-ssn at ${kindIn(promote, 'absent-no-ssn')} % No match, look-alike-no-ssn ${kindIn(promote, 'look-alike-no-ssn')} %, absent ${kindIn(promote, 'absent')} %, namesake ${kindIn(promote, 'namesake')} %, look-alike ${kindIn(promote, 'look-alike')} %: ` +
        `${firstDobSex.notInTheCacheSharingPct} % of people not in the cache share a first name, birth date and sex with a member (${firstDobSex.membersSharingPct} % of members with another member). Not taken.`,
    );
  }
  const an = wrongOutcomes.get('absent-no-ssn') ?? [];
  if (an.length) {
    const close = an.filter((w) => /^(typo|sound)/.test(w.fields?.lastName ?? ''));
    const dob = an.filter((w) => /^exact/.test(w.fields?.lastName ?? '') && !/^exact/.test(w.fields?.dateOfBirth ?? ''));
    const reach = SWEEP.filter((m) => (kindIn(m.label, 'absent-no-ssn') ?? 0) >= 99.5).map(
      (m) => `'${m.label}' (present kinds below 98: ${modelTargets[m.label]!.presentBelow98.join(', ') || 'none'}; wrong Full ${modelTargets[m.label]!.wrongFull})`,
    );
    notes.push(
      `absent-no-ssn ${perKind['absent-no-ssn'].noMatchPct} %: ${an.length} Partials; ${close.length} where her own last name is a typo or sound-alike of the member's (scores ${close.map((w) => w.score).join(', ')}: what a last-name typo without an SSN looks like), ` +
        `${dob.length} taken for a member with her first and last name and a birth date one slip away (scores ${dob.map((w) => w.score).join(', ')}: what dob-year-no-ssn and dob-digit without an SSN look like). ` +
        `Models reaching 99.5 %: ${reach.join('; ') || 'none'}. Not taken: each pushes a present kind below 98 or makes a Full wrong.`,
    );
  }
  const mn = perKind['married-name-no-ssn'];
  if ((mn.recallAt1Pct ?? 0) < 98) {
    notes.push(
      `married-name-no-ssn ${mn.recallAt1Pct} %: first name, birth date and sex are all that agree, as for a stranger; kept No match by seed 003 §9 (a Partial is "kynect recognizes the Individual may already exist"). ` +
        `${firstDobSex.womenOf19OrMoreSharingPct} % of the cache's women of 19 or more share first name, birth date and sex with another woman in it (${firstDobSex.pairs} pairs of people share them among its ${firstDobSex.members} members); ${firstDobSex.notInTheCacheWomenOf19OrMoreSharingPct} % of women not in the cache do with one in it. See '${promote}' above for what the other choice does.`,
    );
  }
  return notes;
}
