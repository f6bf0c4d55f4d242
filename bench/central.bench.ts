/**
 * The central store at scale (issue 17 §9), against a throw-away PostgreSQL on this
 * machine. Every target is a ratio within this run (machines of this kind differ up
 * to 3× in speed):
 *   1. `central load members` of 1,000,000 members (COPY, sealing every SSN): rows/s.
 *   2. A fresh desk's first pull of those members, including sealing under its own
 *      desk key and building the indexes, against the desk's own CSV import of the
 *      same extract measured here first (target: pull ≤ import).
 *   3. A delta of 10,000 changed members pulled by that desk (target ≤ 2 % of the
 *      full pull's time).
 *   4. Push lag from local commit to central commit with 50 desks writing at a
 *      contact center's peak (target p99 ≤ 1 s), with PostgreSQL's own CPU.
 *
 *   npm run bench central   (CENTRAL_BENCH_MEMBERS, CENTRAL_BENCH_DESKS, CENTRAL_BENCH_SECONDS override sizes; CENTRAL_BENCH_REPS import/pull/delta pairs, medians reported)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PopulationGenerator, type SyntheticMember } from '../shared/common/match/population';
import { CenterKey } from '../shared/node/central/centerKey';
import { loadMembers } from '../shared/node/central/memberLoad';
import { startCluster, type PgCluster } from '../shared/node/central/pgCluster';
import { addLogin, migrateCentral } from '../shared/node/central/schema';
import { openDesk, type Desk } from '../shared/node/host/desk';
import { silentLogger } from '../shared/node/log';
import { importMembersFile } from '../shared/node/match/importParallel';
import { writeMembersCsv } from '../shared/node/match/populationCsv';
import { fixedKeySource } from '../shared/node/security/deskKey';
import { SsnVault } from '../shared/node/security/ssnVault';
import { summarize, writeResult } from './stats';

const MEMBERS = Number(process.env.CENTRAL_BENCH_MEMBERS ?? 1_000_000);
const CHANGED = Math.min(10_000, Math.floor(MEMBERS / 100));
const DESKS = Number(process.env.CENTRAL_BENCH_DESKS ?? 50);
const SECONDS = Number(process.env.CENTRAL_BENCH_SECONDS ?? 30);
/** A rep's call action every 2 s per desk (start, hold, resume, end, wrap-up): several times a real floor's busiest hour. */
const ACTION_MS = 2_000;
const SEED = 20_261_122;
/** Import, pull and delta pairs measured (medians reported). */
const REPS = Number(process.env.CENTRAL_BENCH_REPS ?? 2);

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, 'tmp', 'central');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const log = (s: string) => process.stderr.write(`[central.bench] ${s}\n`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** CPU seconds used by the cluster: the postmaster, its live backends, and those already gone (reaped into it). */
function pgCpuSeconds(cluster: PgCluster): number {
  const tick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const master = Number(fs.readFileSync(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const fields = (pid: number) => {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  };
  let ticks = 0;
  const m = fields(master);
  // utime, stime, cutime, cstime are fields 14-17 (1-based); after the command they are at 11-14.
  ticks += Number(m[11]) + Number(m[12]) + Number(m[13]) + Number(m[14]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = fields(Number(entry));
      if (Number(f[1]) === master) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / tick;
}

async function query(url: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const loadBefore = os.loadavg().map((x) => round(x, 2));
log(`load average before: ${loadBefore.join(' ')}`);
const cluster = await startCluster({ parent: dir, settings: { shared_buffers: "'512MB'", max_wal_size: "'4GB'", checkpoint_timeout: "'30min'" } });
try {
  const root = cluster.url('postgres');
  await query(root, 'CREATE DATABASE members_bench');
  await query(root, 'CREATE DATABASE lag_bench');
  const adminUrl = cluster.url('members_bench');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await migrateCentral(admin);
  await addLogin(admin, 'bench_desk', 'desk', 'bench-desk-password');

  // The extract, and the same extract with 1 in 100 members changed.
  const csv = path.join(dir, 'members.csv');
  const changedCsv = path.join(dir, 'members-changed.csv');
  let t = performance.now();
  writeMembersCsv(csv, new PopulationGenerator({ seed: SEED }).members(MEMBERS));
  function* changed(src: Iterable<SyntheticMember>) {
    let i = 0;
    for (const m of src) yield i++ % Math.floor(MEMBERS / CHANGED) === 0 ? { ...m, lastName: `${m.lastName}e` } : m;
  }
  writeMembersCsv(changedCsv, changed(new PopulationGenerator({ seed: SEED }).members(MEMBERS)));
  log(`wrote ${MEMBERS} members twice in ${Math.round(performance.now() - t)} ms`);

  const centerKeyBytes = SsnVault.generateKey();
  const centerKey = new CenterKey(centerKeyBytes);
  const deskKey = SsnVault.generateKey();
  const openBenchDesk = (name: string, env: NodeJS.ProcessEnv = {}): Desk =>
    openDesk({ dbPath: path.join(dir, `${name}.sqlite3`), host: 'cli', log: silentLogger, env, deskKey: fixedKeySource(deskKey) });

  // 1. Central load.
  let cpu = pgCpuSeconds(cluster);
  const loaded = await loadMembers(admin, csv, centerKey);
  if (!loaded.committed) throw new Error(`central load failed: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
  const loadPgCpu = round(pgCpuSeconds(cluster) - cpu);
  log(`central load: ${loaded.rows} rows in ${loaded.durationMs} ms (${loaded.rowsPerSecond} rows/s), PostgreSQL CPU ${loadPgCpu} s`);
  await admin.query('VACUUM ANALYZE member');

  // 2-3, REPS times, each import next to its pull (the shared machine's load changes within
  // minutes; a pair measured side by side, and the median of the pairs, is the fair ratio):
  // 2a. baseline: the desk's own CSV import of the extract, as `import members` does;
  // 2b. a fresh desk's first pull of the same extract;
  // 3. a delta: a re-load changing 1 % (the changed extract, then the original again), pulled by that desk.
  const importRuns: number[] = [];
  const pullRuns: number[] = [];
  const deltaRuns: number[] = [];
  let imported: Awaited<ReturnType<typeof importMembersFile>> | null = null;
  let pullPgCpu = 0;
  let pullDbMiB = 0;
  let reload: Awaited<ReturnType<typeof loadMembers>> | null = null;
  for (let rep = 0; rep < REPS; rep++) {
    const importer = openBenchDesk(`import-${rep}`);
    t = performance.now();
    imported = await importMembersFile(importer.services.match.store, csv);
    importRuns.push(Math.round(performance.now() - t));
    if (!imported.committed) throw new Error('baseline import failed');
    importer.close();
    log(`desk CSV import (baseline) ${rep + 1}/${REPS}: ${imported.rows} rows in ${importRuns.at(-1)} ms`);

    const name = `pull-${rep}`;
    const puller = openBenchDesk(name, {
      KYNECT_CENTRAL_URL: cluster.url('members_bench', 'bench_desk', 'bench-desk-password'),
      KYNECT_CENTRAL_KEY: centerKeyBytes.toString('base64'),
    });
    cpu = pgCpuSeconds(cluster);
    t = performance.now();
    const first = await puller.services.central.syncNow();
    pullRuns.push(Math.round(performance.now() - t));
    pullPgCpu = round(pgCpuSeconds(cluster) - cpu);
    if (first.status.state !== 'synced' || first.pull?.members.applied !== MEMBERS)
      throw new Error(`first pull failed: ${JSON.stringify(first.status)} ${JSON.stringify(first.pull)}`);
    log(`first pull ${rep + 1}/${REPS}: ${MEMBERS} members in ${pullRuns.at(-1)} ms (PostgreSQL CPU ${pullPgCpu} s)`);

    reload = await loadMembers(admin, rep % 2 === 0 ? changedCsv : csv, centerKey);
    log(`central re-load with ${reload.updated} changed: ${reload.durationMs} ms`);
    t = performance.now();
    const delta = await puller.services.central.syncNow();
    deltaRuns.push(Math.round(performance.now() - t));
    if (delta.pull?.members.rows !== reload.updated) throw new Error(`delta pulled ${delta.pull?.members.rows}, expected ${reload.updated}`);
    log(`delta pull ${rep + 1}/${REPS}: ${delta.pull.members.rows} members in ${deltaRuns.at(-1)} ms`);
    puller.db.pragma('wal_checkpoint(TRUNCATE)');
    pullDbMiB = round(fs.statSync(path.join(dir, `${name}.sqlite3`)).size / 2 ** 20);
    puller.close();
  }
  await admin.end();
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const importMs = median(importRuns);
  const pullMs = median(pullRuns);
  const deltaMs = median(deltaRuns);
  const pairRatios = pullRuns.map((p, i) => round(p / importRuns[i]!, 2));
  const deltaRatios = deltaRuns.map((d, i) => round(d / pullRuns[i]!, 4));

  // 4. Push lag: DESKS desks on their own SQLite files, each with its sync worker, writing a call action every ACTION_MS.
  const lagAdmin = new pg.Client({ connectionString: cluster.url('lag_bench') });
  await lagAdmin.connect();
  await migrateCentral(lagAdmin);
  const desks: Desk[] = [];
  for (let i = 0; i < DESKS; i++) {
    await addLogin(lagAdmin, `lag_desk_${i}`, 'desk', `lag-desk-password-${i}`);
    const d = openBenchDesk(`lag-${i}`, { KYNECT_CENTRAL_URL: cluster.url('lag_bench', `lag_desk_${i}`, `lag-desk-password-${i}`), KYNECT_CENTRAL_DESK_NAME: `bench desk ${i}` });
    d.operators.save({ name: `Rep ${i}`, role: 'rep', pin: '2468' });
    desks.push(d);
  }
  await lagAdmin.end();
  for (const d of desks) d.start();
  // Let every worker connect, register and finish its first pull (a thread each: fifty of them
  // starting at once in this one process is a warm-up no real desk has) before the clock starts.
  const warm = performance.now();
  for (let i = 0; i < 1200 && desks.some((d) => d.services.central.status().state !== 'synced' || d.services.central.status().lastPullAt === null); i++)
    await new Promise((r) => setTimeout(r, 100));
  log(`push lag: ${DESKS} desks synced after ${Math.round(performance.now() - warm)} ms`);
  const dispatch = async (d: Desk, channel: string, request: unknown) => {
    const r = await d.router.dispatch(channel, request, { via: 'test' });
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as { call: { id: string } | null };
  };
  let actions = 0;
  const stepOf = new Map<Desk, number>();
  const timers: NodeJS.Timeout[] = [];
  cpu = pgCpuSeconds(cluster);
  const lagStart = performance.now();
  desks.forEach((d, i) => {
    const act = async () => {
      const step = stepOf.get(d) ?? 0;
      stepOf.set(d, step + 1);
      const open = (await dispatch(d, 'app:call.current', {})).call;
      const phase = step % 5;
      if (phase === 0 || !open) await dispatch(d, 'app:call.start', { callerType: 'resident' });
      else if (phase === 1) await dispatch(d, 'app:call.hold', { callId: open.id });
      else if (phase === 2) await dispatch(d, 'app:call.resume', { callId: open.id });
      else if (phase === 3) await dispatch(d, 'app:call.end', { callId: open.id });
      else await dispatch(d, 'app:call.wrapUp', { callId: open.id, disposition: 'resolved' });
      actions++;
    };
    // Spread the desks over the interval, as a floor's reps are.
    setTimeout(
      () => {
        void act();
        timers.push(setInterval(() => void act().catch((e: unknown) => log(String(e))), ACTION_MS));
      },
      Math.round((i / DESKS) * ACTION_MS),
    );
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  for (const x of timers) clearInterval(x);
  // Let the last pushes land.
  for (let i = 0; i < 100 && desks.some((d) => d.services.central.outbox.waitingCount() > 0); i++) await new Promise((r) => setTimeout(r, 100));
  const lagSeconds = (performance.now() - lagStart) / 1000;
  const lagPgCpu = round(pgCpuSeconds(cluster) - cpu, 2);
  const lags: number[] = [];
  const lagsAt: [number, number][] = [];
  let records = 0;
  for (const d of desks) {
    const rows = d.db
      .prepare('SELECT created_at, pushed_at FROM sync_outbox WHERE pushed_at IS NOT NULL AND created_at >= ?')
      .all(new Date(Date.now() - (SECONDS + 30) * 1000).toISOString()) as { created_at: string; pushed_at: string }[];
    for (const r of rows) {
      lags.push(Date.parse(r.pushed_at) - Date.parse(r.created_at));
      lagsAt.push([Date.parse(r.created_at), Date.parse(r.pushed_at) - Date.parse(r.created_at)]);
    }
    records += rows.length;
    d.close();
  }
  const lag = summarize(lags);
  // Where in the run the slow pushes were (a warm-up stall reads differently from a steady one).
  const t0 = Math.min(...lagsAt.map(([at]) => at));
  const buckets = new Map<number, number[]>();
  for (const [at, l] of lagsAt) {
    const from = Math.floor((at - t0) / 5000) * 5;
    buckets.set(from, [...(buckets.get(from) ?? []), l]);
  }
  const lagBy5s = [...buckets].sort(([a], [b]) => a - b).map(([fromSecond, xs]) => ({ fromSecond, ...summarize(xs) }));
  log(`push lag by 5 s: ${lagBy5s.map((b) => `${b.fromSecond}s n=${b.n} p99=${b.p99Ms}`).join('; ')}`);
  const central = await query(cluster.url('lag_bench'), 'SELECT count(*)::int AS n FROM call_event');
  log(`push lag over ${records} records from ${DESKS} desks: p50 ${lag.p50Ms} ms, p99 ${lag.p99Ms} ms; PostgreSQL CPU ${lagPgCpu} s in ${round(lagSeconds)} s`);

  const targets = {
    firstPullVsCsvImport: {
      target: '<= 1 (first pull no slower than the desk’s own CSV import, same run)',
      actual: round(pullMs / importMs, 2),
      met: pullMs <= importMs,
      medianOfPairs: median(pairRatios),
      pairs: pairRatios,
    },
    deltaVsFullPull: { target: '<= 0.02', actual: round(deltaMs / pullMs, 4), met: deltaMs <= 0.02 * pullMs, medianOfPairs: median(deltaRatios), pairs: deltaRatios },
    pushLagP99Ms: { target: '<= 1000', actual: lag.p99Ms, met: lag.p99Ms <= 1000 },
  };
  writeResult('central', {
    members: MEMBERS,
    postgres: cluster.psql('SHOW server_version'),
    load: { rows: loaded.rows, durationMs: loaded.durationMs, rowsPerSecond: loaded.rowsPerSecond, postgresCpuSeconds: loadPgCpu },
    repetitions: REPS,
    deskCsvImportBaseline: { rows: imported!.rows, durationMs: importMs, rowsPerSecond: Math.round((imported!.rows / importMs) * 1000), runsMs: importRuns },
    firstPull: {
      rows: MEMBERS,
      durationMs: pullMs,
      rowsPerSecond: Math.round((MEMBERS / pullMs) * 1000),
      postgresCpuSeconds: pullPgCpu,
      deskDatabaseMiB: pullDbMiB,
      runsMs: pullRuns,
    },
    delta: { changed: reload!.updated, reloadMs: reload!.durationMs, pullMs: deltaMs, runsMs: deltaRuns },
    pushLag: {
      desks: DESKS,
      seconds: round(lagSeconds),
      actionEveryMsPerDesk: ACTION_MS,
      callActions: actions,
      records,
      recordsPerSecond: round(records / lagSeconds),
      centralCallEvents: central[0]!.n,
      lag,
      postgresCpuSeconds: lagPgCpu,
      postgresCpuPctOfOneCore: round((lagPgCpu / lagSeconds) * 100),
    },
    loadAverageBefore: loadBefore,
    loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
    targets,
  });
} finally {
  cluster.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
