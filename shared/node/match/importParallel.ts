import { MessageChannel, Worker } from 'node:worker_threads';
import { SEALED_SSN_BYTES } from '../security/ssnVault';
import { importFile, MAX_ISSUES, type ImportIssue, type ImportOptions, type ImportReport } from './importer';
import type { WorkerBatch, WorkerMessage } from './importWorker';
import type { SealMessage } from './sealWorker';
import { MEMBER_VALUES, type MemberStore } from './memberStore';

/**
 * A members.csv into an empty cache, on three threads: a worker reads, validates and
 * computes index keys (importWorker.ts), another seals the SSNs (sealWorker.ts), while
 * this thread writes. Same rules as the
 * one-thread import — one transaction, all or nothing unless skipInvalid, the same
 * report. Anything else (a cache that already has members, associations, a host that
 * cannot start a TypeScript worker) takes the one-thread path.
 */
export async function importMembersFile(store: MemberStore, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  if (!store.isEmpty() || !canUseWorker()) return importFile(store, 'members', file, options);
  const started = performance.now();
  const skipInvalid = options.skipInvalid === true;
  const db = store.db;
  const now = store.now();
  const issues: ImportIssue[] = [];
  let rows = 0;
  let invalid = 0;
  let inserted = 0;
  let fatal = false;
  let aborted = false;
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  db.exec('BEGIN IMMEDIATE');
  let open = true;
  // Workers register the same TypeScript loader (tsx) this thread runs under, then load their module.
  const boot = (module: string) =>
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL(module, import.meta.url).href)}); })`;
  const workers: Worker[] = [];
  try {
    // The vault first: a missing or wrong desk key stops the import before a thread starts.
    const bulk = store.bulkLoader(now);
    const keys = store.vault().threadKeys();
    const { port1, port2 } = new MessageChannel();
    const sealer = new Worker(boot('./sealWorker.ts'), { eval: true, workerData: { keys, requests: port2 }, transferList: [port2] });
    workers.push(sealer);
    const reader = new Worker(boot('./importWorker.ts'), { eval: true, workerData: { file, sealer: port1 }, transferList: [port1] });
    workers.push(reader);
    keys.sealKey.fill(0);
    keys.indexKey.fill(0);
    await new Promise<void>((resolve, reject) => {
      // A batch is written once both halves are here: its rows from the reader, its keys and sealed SSNs from the sealer.
      const batches = new Map<number, WorkerBatch>();
      const sealedBatches = new Map<number, { sealed: Buffer; keys: Float64Array; counts: Uint8Array }>();
      let next = 0;
      let ended = false;
      let expected = -1;
      const finishIfDone = () => {
        if (ended && next === expected) resolve();
      };
      const write = () => {
        while (batches.has(next) && sealedBatches.has(next)) {
          const m = batches.get(next)!;
          const { sealed, keys: rowKeys, counts } = sealedBatches.get(next)!;
          batches.delete(next);
          sealedBatches.delete(next);
          next++;
          rows += m.read;
          invalid += m.invalid;
          if (m.headerBad) fatal = true;
          for (const i of m.issues) if (issues.length < MAX_ISSUES) issues.push(i);
          if (m.invalid > 0 && !skipInvalid) aborted = true;
          if (!fatal && !aborted) {
            let ko = 0;
            for (let i = 0; i < m.rows; i++) {
              const kn = counts[i]!;
              const at = i * SEALED_SSN_BYTES;
              // Version byte 0: the member has no SSN.
              m.values[i * MEMBER_VALUES + 9] = sealed[at] === 0 ? null : sealed.subarray(at, at + SEALED_SSN_BYTES);
              bulk.addValues(m.values, i * MEMBER_VALUES, rowKeys, ko, kn);
              ko += kn;
            }
            inserted += m.rows;
          }
          if (options.onProgress) options.onProgress(rows);
          reader.postMessage({ type: 'ack' });
        }
        finishIfDone();
      };
      for (const w of workers) {
        w.on('error', reject);
        w.on('exit', (code) => (ended || code === 0 ? undefined : reject(new Error(`An import thread stopped (exit ${code}).`))));
      }
      sealer.on('message', (m: SealMessage) => {
        try {
          if (m.type === 'error') return reject(new Error(m.message));
          sealedBatches.set(m.seq, { sealed: Buffer.from(m.sealed), keys: m.keys, counts: m.counts });
          write();
        } catch (error) {
          reject(error);
        }
      });
      reader.on('message', (m: WorkerMessage) => {
        try {
          if (m.type === 'error') return reject(new Error(m.message));
          if (m.type === 'end') {
            if (m.empty) {
              fatal = true;
              issues.push({ line: 1, column: '(header)', reason: 'The file is empty: expected a header row.' });
            }
            ended = true;
            expected = m.batches;
            finishIfDone();
            return;
          }
          batches.set(m.seq, m);
          write();
        } catch (error) {
          reject(error);
        }
      });
    });
    if (fatal || aborted) {
      db.exec('ROLLBACK');
    } else {
      bulk.finish();
      db.exec('COMMIT');
    }
    open = false;
  } finally {
    if (open && db.inTransaction) db.exec('ROLLBACK');
    await Promise.all(workers.map((w) => w.terminate()));
    db.pragma(`cache_size = ${cacheBefore}`);
  }
  const committed = !fatal && !aborted;
  const durationMs = performance.now() - started;
  return {
    kind: 'members',
    rows,
    inserted: committed ? inserted : 0,
    updated: 0,
    unchanged: 0,
    invalid,
    committed,
    skipInvalid,
    issues,
    issuesTruncated: issues.length >= MAX_ISSUES,
    durationMs: Math.round(durationMs),
    rowsPerSecond: durationMs > 0 ? Math.round((rows / durationMs) * 1000) : rows,
  };
}

/** Workers load importWorker.ts through the tsx loader the CLI and tests run under; a bundled host has no .ts files. */
function canUseWorker(): boolean {
  return import.meta.url.endsWith('.ts') && !('electron' in process.versions);
}
