/**
 * Issue 15.1 A, the "before" figure: how long `app:status.get` and a member lookup
 * wait, through the desk thread as the harness and Electron run it, while a member
 * import's write phase commits. Today the commit is one synchronous transaction on
 * the desk thread, so every request sent meanwhile waits for the whole write phase.
 * BENCH_IMPORT_MEMBERS sets the size (default 200,000; the figure is 1,000,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PopulationGenerator } from '../shared/common/match/population';
import { startDeskThread } from '../shared/node/host/deskThread';
import { writeMembersCsv } from '../shared/node/match/populationCsv';
import { fixedKeySource } from '../shared/node/security/deskKey';
import { SsnVault } from '../shared/node/security/ssnVault';
import { summarize, writeResult } from './stats';

const MEMBERS = Number(process.env.BENCH_IMPORT_MEMBERS ?? 200_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kynect-bench-hold-'));
const t = await startDeskThread({ dbPath: path.join(dir, 'desk.sqlite3'), host: 'web', env: {}, deskKey: fixedKeySource(SsnVault.generateKey()) });

const csvFile = path.join(dir, 'members.csv');
writeMembersCsv(csvFile, new PopulationGenerator({ seed: 15 }).members(MEMBERS));
const csv = fs.readFileSync(csvFile, 'utf8');

const ctx = { via: 'test' } as const;
const begun = (await t.dispatch('app:match.importBegin', { kind: 'members', skipInvalid: true, totalBytes: csv.length }, ctx)) as { ok: true; value: { importId: string } };
const importId = begun.value.importId;
for (let i = 0; i < csv.length; i += 1_000_000) await t.dispatch('app:match.importChunk', { importId, text: csv.slice(i, i + 1_000_000) }, ctx);

const lookup = { firstName: 'Ann', lastName: 'Lee', sex: 'F', dateOfBirth: '1980-01-01' };
const status: number[] = [];
const lookups: number[] = [];
let writing = true;
const probe = async (samples: number[], send: () => Promise<unknown>) => {
  while (writing) {
    const s = performance.now();
    await send();
    // Kept even when the answer came after the commit ended: that wait is the hold.
    samples.push(performance.now() - s);
    await new Promise((r) => setTimeout(r, 5));
  }
};
const started = performance.now();
const probes = [probe(status, () => t.dispatch('app:status.get', {}, ctx)), probe(lookups, () => t.dispatch('app:match.lookup', lookup, ctx))];
const commit = (await t.dispatch('app:match.importCommit', { importId }, ctx)) as { ok: boolean; value?: { rows: number; committed: boolean } };
const commitMs = performance.now() - started;
writing = false;
await Promise.all(probes);
await t.close();
fs.rmSync(dir, { recursive: true, force: true });

// A probe sent just after the commit began waits for all of it; that sample is what the issue measured.
writeResult('import-hold', {
  note: 'Before (issue 15.1 A): round trips through the desk thread while importCommit writes. The commit is one synchronous transaction on the desk thread, so a request waits for the whole write phase.',
  members: MEMBERS,
  commit: { ok: commit.ok, committed: commit.value?.committed ?? false, rows: commit.value?.rows ?? 0, ms: Math.round(commitMs) },
  before: {
    statusGet: status.length ? summarize(status) : { n: 0, note: 'no request completed while the commit ran' },
    lookup: lookups.length ? summarize(lookups) : { n: 0, note: 'no request completed while the commit ran' },
  },
});
