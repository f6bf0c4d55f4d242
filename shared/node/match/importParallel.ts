import { Worker } from 'node:worker_threads';
import { importFile, MAX_ISSUES, type ImportIssue, type ImportOptions, type ImportReport } from './importer';
import type { WorkerMessage } from './importWorker';
import { MEMBER_VALUES, type MemberStore } from './memberStore';

/**
 * A members.csv into an empty cache, on two threads: a worker reads, validates and
 * computes index keys (importWorker.ts) while this thread writes. Same rules as the
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
  // The worker registers the same TypeScript loader (tsx) this thread runs under, then loads importWorker.ts.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./importWorker.ts', import.meta.url).href)}); })`;
  let worker: Worker | undefined;
  try {
    // The vault first (bulkLoader asks for it): a missing or wrong desk key stops the import before a thread starts.
    const bulk = store.bulkLoader(now);
    const w = new Worker(boot, { eval: true, workerData: { file } });
    worker = w;
    await new Promise<void>((resolve, reject) => {
      w.on('error', reject);
      let ended = false;
      w.on('exit', (code) => (ended || code === 0 ? resolve() : reject(new Error(`The import worker stopped (exit ${code}).`))));
      w.on('message', (m: WorkerMessage) => {
        try {
          if (m.type === 'error') return reject(new Error(m.message));
          if (m.type === 'end') {
            if (m.empty) {
              fatal = true;
              issues.push({ line: 1, column: '(header)', reason: 'The file is empty: expected a header row.' });
            }
            ended = true;
            resolve();
            return;
          }
          rows += m.read;
          invalid += m.invalid;
          if (m.headerBad) fatal = true;
          for (const i of m.issues) if (issues.length < MAX_ISSUES) issues.push(i);
          if (m.invalid > 0 && !skipInvalid) aborted = true;
          if (!fatal && !aborted) {
            let ko = 0;
            for (let i = 0; i < m.rows; i++) {
              const kn = m.counts[i]!;
              bulk.addValues(m.values, i * MEMBER_VALUES, m.keys, ko, kn);
              ko += kn;
            }
            inserted += m.rows;
          }
          if (options.onProgress) options.onProgress(rows);
          w.postMessage({ type: 'ack' });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    if (fatal || aborted) {
      db.exec('ROLLBACK');
      open = false;
      options.audit?.({ rows, inserted: 0, updated: 0, unchanged: 0, invalid, committed: false });
    } else {
      bulk.finish();
      store.markImported('members', now);
      // The audit entry in the same transaction as the rows (issue 14 §7).
      options.audit?.({ rows, inserted, updated: 0, unchanged: 0, invalid, committed: true });
      db.exec('COMMIT');
    }
    open = false;
  } finally {
    if (open && db.inTransaction) db.exec('ROLLBACK');
    await worker?.terminate();
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
