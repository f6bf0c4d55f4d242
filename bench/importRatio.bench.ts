/**
 * Issue 15.1: import speed as ratios measured in one run, since machines of this kind
 * differ threefold. On the same file, alternating, BENCH_RATIO_ROUNDS times each:
 *  - cli: importMembersFile into an empty cache (the CLI's path);
 *  - ui: through the desk thread as the window imports (1 MB chunks, then commit);
 *  - cliNoSsn: the CLI path on the same file with the SSN cells emptied, so nothing is
 *    sealed and no SSN key made: what sealing costs.
 * Each figure: wall time, rows/s, and rows per CPU-second (process.cpuUsage, every
 * thread). Targets: ui ≥ 0.8 × cli; cli ≥ 0.7 × cliNoSsn. BENCH_RATIO_MEMBERS sets
 * the size (default 100,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PopulationGenerator } from '../shared/common/match/population';
import { openDesk } from '../shared/node/host/desk';
import { startDeskThread } from '../shared/node/host/deskThread';
import { silentLogger } from '../shared/node/log';
import { importMembersFile } from '../shared/node/match/importParallel';
import { writeMembersCsv } from '../shared/node/match/populationCsv';
import { fixedKeySource } from '../shared/node/security/deskKey';
import { SsnVault } from '../shared/node/security/ssnVault';
import { writeResult } from './stats';

const MEMBERS = Number(process.env.BENCH_RATIO_MEMBERS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_RATIO_ROUNDS ?? 3);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kynect-bench-ratio-'));
const key = SsnVault.generateKey();
const members = [...new PopulationGenerator({ seed: 15 }).members(MEMBERS)];
const withSsn = path.join(dir, 'members.csv');
const noSsn = path.join(dir, 'members-no-ssn.csv');
writeMembersCsv(withSsn, members);
writeMembersCsv(
  noSsn,
  members.map((m) => ({ ...m, ssn: null })),
);

interface Run {
  ms: number;
  cpuMs: number;
  rows: number;
}
let n = 0;
const fresh = () => path.join(dir, `desk-${++n}.sqlite3`);

async function timed(fn: () => Promise<number>): Promise<Run> {
  const cpu = process.cpuUsage();
  const s = performance.now();
  const rows = await fn();
  const ms = performance.now() - s;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, rows };
}

async function cli(file: string): Promise<Run> {
  const desk = openDesk({ dbPath: fresh(), host: 'cli', log: silentLogger, env: { KYNECT_DESK_KEY: key.toString('base64') }, backups: false });
  try {
    return await timed(async () => {
      const r = await importMembersFile(desk.services.match.store, file);
      if (!r.committed) throw new Error('not committed');
      return r.rows;
    });
  } finally {
    desk.close();
  }
}

async function ui(file: string): Promise<Run> {
  const t = await startDeskThread({ dbPath: fresh(), host: 'web', env: {}, deskKey: fixedKeySource(key) });
  const ctx = { via: 'test' } as const;
  try {
    const csv = fs.readFileSync(file, 'utf8');
    return await timed(async () => {
      const begun = (await t.dispatch('app:match.importBegin', { kind: 'members', skipInvalid: false, totalBytes: csv.length }, ctx)) as { ok: true; value: { importId: string } };
      const importId = begun.value.importId;
      for (let i = 0; i < csv.length; i += 1_000_000) await t.dispatch('app:match.importChunk', { importId, text: csv.slice(i, i + 1_000_000) }, ctx);
      const r = (await t.dispatch('app:match.importCommit', { importId }, ctx)) as { ok: boolean; value?: { rows: number; committed: boolean } };
      if (!r.ok || !r.value?.committed) throw new Error('not committed');
      return r.value.rows;
    });
  } finally {
    await t.close();
  }
}

const runs: Record<'cli' | 'ui' | 'cliNoSsn', Run[]> = { cli: [], ui: [], cliNoSsn: [] };
for (let round = 0; round < ROUNDS; round++) {
  runs.cli.push(await cli(withSsn));
  runs.ui.push(await ui(withSsn));
  runs.cliNoSsn.push(await cli(noSsn));
  process.stderr.write(`round ${round + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, Math.round(v.at(-1)!.ms)])))}\n`);
}
fs.rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const figures = Object.fromEntries(
  Object.entries(runs).map(([k, v]) => [
    k,
    {
      medianMs: Math.round(median(v.map((r) => r.ms))),
      maxMs: Math.round(Math.max(...v.map((r) => r.ms))),
      rowsPerSecond: Math.round(MEMBERS / (median(v.map((r) => r.ms)) / 1000)),
      rowsPerCpuSecond: Math.round(MEMBERS / (median(v.map((r) => r.cpuMs)) / 1000)),
      runsMs: v.map((r) => Math.round(r.ms)),
    },
  ]),
) as unknown as Record<keyof typeof runs, { medianMs: number; rowsPerSecond: number; rowsPerCpuSecond: number }>;
writeResult('import-ratio', {
  note: 'One run, alternating. ui: through the desk thread as the window imports (1 MB chunks, then commit; upload and write timed together). cli: importMembersFile. cliNoSsn: the same file with its SSN cells empty (nothing sealed). Ratios of medians of wall time; rows per CPU-second counts every thread of the process.',
  members: MEMBERS,
  rounds: ROUNDS,
  loadAverage: os.loadavg()[0],
  ...figures,
  ratios: {
    uiOverCli: Math.round((figures.cli.medianMs / figures.ui.medianMs) * 100) / 100,
    sealedOverUnsealed: Math.round((figures.cliNoSsn.medianMs / figures.cli.medianMs) * 100) / 100,
  },
  // On a machine this loaded, wall time is mostly waiting for a core: the same ratios in CPU time.
  cpuRatios: {
    uiOverCli: Math.round((figures.ui.rowsPerCpuSecond / figures.cli.rowsPerCpuSecond) * 100) / 100,
    sealedOverUnsealed: Math.round((figures.cli.rowsPerCpuSecond / figures.cliNoSsn.rowsPerCpuSecond) * 100) / 100,
  },
  targets: { uiOverCli: 0.8, sealedOverUnsealed: 0.7 },
});
