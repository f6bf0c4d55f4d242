/**
 * Issue 15.1 A: how long `app:status.get` and a member lookup wait, through the desk
 * thread as the harness and Electron run it, while a member import's write phase
 * commits. "before" (kept from the committed result): the commit was one synchronous
 * transaction on the desk thread, so a request waited for the whole write phase.
 * "after": the staging thread writes (importStaging.ts) and the desk only swaps.
 * BENCH_IMPORT_MEMBERS sets the size (default 200,000; the figure is 1,000,000);
 * the result goes under BENCH_PHASE (default "after"), the other phase's figures kept.
 * BENCH_IMPORT_MODE=reimport measures the daily re-import instead: the cache already
 * holds the members, and the file names them all again, one in 20 with a changed first
 * name (figures under "reimport").
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { PopulationGenerator } from '../shared/common/match/population';
import { startDeskThread } from '../shared/node/host/deskThread';
import { writeMembersCsv } from '../shared/node/match/populationCsv';
import { fixedKeySource } from '../shared/node/security/deskKey';
import { SsnVault } from '../shared/node/security/ssnVault';
import { summarize, writeResult } from './stats';

const MEMBERS = Number(process.env.BENCH_IMPORT_MEMBERS ?? 200_000);
const PHASE = process.env.BENCH_PHASE === 'before' ? 'before' : 'after';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kynect-bench-hold-'));
const t = await startDeskThread({ dbPath: path.join(dir, 'desk.sqlite3'), host: 'web', env: {}, deskKey: fixedKeySource(SsnVault.generateKey()) });

const REIMPORT = process.env.BENCH_IMPORT_MODE === 'reimport';
const csvFile = path.join(dir, 'members.csv');
const members = [...new PopulationGenerator({ seed: 15 }).members(MEMBERS)];
writeMembersCsv(csvFile, members);
let csv = fs.readFileSync(csvFile, 'utf8');

const ctx = { via: 'test' } as const;
/** As the UI sends a file: 1 MB chunks, then (by the caller) commit. */
async function upload(text: string): Promise<string> {
  const begun = (await t.dispatch('app:match.importBegin', { kind: 'members', skipInvalid: true, totalBytes: text.length }, ctx)) as { ok: true; value: { importId: string } };
  const id = begun.value.importId;
  for (let i = 0; i < text.length; i += 1_000_000) await t.dispatch('app:match.importChunk', { importId: id, text: text.slice(i, i + 1_000_000) }, ctx);
  return id;
}
if (REIMPORT) {
  const first = (await t.dispatch('app:match.importCommit', { importId: await upload(csv) }, ctx)) as { ok: boolean };
  if (!first.ok) throw new Error('The first import failed.');
  writeMembersCsv(
    csvFile,
    members.map((m, i) => (i % 20 === 7 ? { ...m, firstName: `${m.firstName}a` } : m)),
  );
  csv = fs.readFileSync(csvFile, 'utf8');
}
const importId = await upload(csv);

const lookup = { firstName: 'Ann', lastName: 'Lee', sex: 'F', dateOfBirth: '1980-01-01' };
const status: number[] = [];
const lookups: number[] = [];
let writing = true;
const failures: string[] = [];
const probe = async (samples: number[], send: () => Promise<unknown>) => {
  while (writing) {
    const s = performance.now();
    const r = (await send()) as { ok: boolean; error?: { message: string } };
    if (!r.ok) failures.push(r.error?.message ?? 'failed');
    // Kept even when the answer came after the commit ended: that wait is the hold.
    samples.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 5));
  }
};
// The same probes for 5 s with no import: what this machine's load alone costs a request.
const idleStatus: number[] = [];
const idleLookups: number[] = [];
const idleUntil = performance.now() + 5000;
const idle = async (samples: number[], send: () => Promise<unknown>) => {
  while (performance.now() < idleUntil) {
    const s = performance.now();
    await send();
    samples.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 5));
  }
};
await Promise.all([idle(idleStatus, () => t.dispatch('app:status.get', {}, ctx)), idle(idleLookups, () => t.dispatch('app:match.lookup', lookup, ctx))]);
const started = performance.now();
const probes = [probe(status, () => t.dispatch('app:status.get', {}, ctx)), probe(lookups, () => t.dispatch('app:match.lookup', lookup, ctx))];
const commit = (await t.dispatch('app:match.importCommit', { importId }, ctx)) as { ok: boolean; value?: { rows: number; committed: boolean; updated: number; unchanged: number } };
const commitMs = performance.now() - started;
writing = false;
await Promise.all(probes);
await t.close();
fs.rmSync(dir, { recursive: true, force: true });

const figures = {
  members: MEMBERS,
  commit: {
    ok: commit.ok,
    committed: commit.value?.committed ?? false,
    rows: commit.value?.rows ?? 0,
    ...(REIMPORT ? { updated: commit.value?.updated ?? 0, unchanged: commit.value?.unchanged ?? 0 } : {}),
    ms: Math.round(commitMs),
  },
  statusGet: status.length ? summarize(status) : { n: 0, note: 'no request completed while the commit ran' },
  lookup: lookups.length ? summarize(lookups) : { n: 0, note: 'no request completed while the commit ran' },
  failedRequests: failures.length,
  withoutImport: { statusGet: summarize(idleStatus), lookup: summarize(idleLookups), loadAverage: os.loadavg()[0] },
  ...(failures.length ? { firstFailure: failures[0] } : {}),
};
// The other phase's figures stay as they were measured (before: the committed result of 24f52dd/9f88c16).
const resultFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'import-hold.json');
const previous = fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as Record<string, unknown>) : {};
const kept: Record<string, unknown> = {};
if (REIMPORT) {
  for (const k of ['before', 'after']) if (previous[k]) kept[k] = previous[k];
  const r = (previous.reimport ?? {}) as Record<string, unknown>;
  kept.reimport = { ...r, [PHASE]: figures };
} else if (previous.reimport) kept.reimport = previous.reimport;
if (REIMPORT) {
  // The first-import figures stay as they were.
} else if (previous.before && PHASE !== 'before') {
  // The first result had the size and commit beside "before"; they belong to it.
  const b = previous.before as Record<string, unknown>;
  kept.before = 'members' in b ? b : { members: previous.members, commit: previous.commit, ...b };
}
if (!REIMPORT && previous.after && PHASE !== 'after') kept.after = previous.after;
// A probe sent just after the commit began waited for all of it "before"; that sample is what the issue measured.
writeResult('import-hold', {
  note: 'Round trips through the desk thread while importCommit writes. before: the commit was one synchronous transaction on the desk thread, so a request waited for the whole write phase. after: the staging thread writes staging tables on its own connection in transactions of up to 1,000 rows that commit early whenever a request comes in; the desk thread only swaps them in.',
  ...kept,
  ...(REIMPORT ? {} : { [PHASE]: figures }),
});
