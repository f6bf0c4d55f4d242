import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DeskError } from '../../common/errors';
import { MAX_ISSUES, type ImportKind, type ImportOptions, type ImportReport } from './importer';
import type { MemberStore } from './memberStore';
import { serving } from '../host/serving';
import { dropStaging, liveWrites, swapStaging } from './stagingTables';
import type { StagingInit, StagingMessage } from './stagingWorker';

/**
 * A members.csv or associations.csv imported without holding the desk (issue 15 §1),
 * into an empty cache or one that has members (the daily re-import, merged as the
 * one-thread import merges): the staging thread (stagingWorker.ts) writes staging
 * tables on its own connection while this thread keeps answering; then one short
 * transaction here swaps them in with the extract's date and the audit entry, so the
 * rows and their entry land together or not at all (issue 14 §7). Cancel stops the
 * thread at its next batch and drops what it staged: the cache is as it was. The
 * report is the one-thread import's.
 */
export interface StagedImportOptions extends ImportOptions {
  /** Aborting stops the write at its next batch; the import then reports cancelled, nothing written. */
  signal?: AbortSignal;
  /** Electron-ABI better-sqlite3 binary for the staging thread's connection. */
  nativeBinding?: string;
  /** Rows per staging transaction (tests make it small). */
  batchRows?: number;
  /** Called once the swap has committed: from then on the import cannot be cancelled. */
  onCommitted?: () => void;
}

export interface StagedImportReport extends ImportReport {
  cancelled: boolean;
}

/** Stores with a staged import of each kind being written: one of a kind at a time, or two would share the staging tables. */
const writing = new WeakMap<MemberStore, Set<ImportKind>>();
const savedCheckpoint = new WeakMap<MemberStore, number>();

/** Whether this host can start the staging thread and the cache is one it serves (a file). */
export function canStage(store: MemberStore): boolean {
  const file = store.db.name;
  return file !== ':memory:' && file !== '' && !store.db.memory && workerEntry() !== null;
}

/** Under tsx (tests, CLI, harness) the thread loads stagingWorker.ts through the same loader; in Electron's bundle, stagingWorker.cjs beside it. */
function workerEntry(): { eval: string } | { file: string } | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return {
      eval: `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./stagingWorker.ts', here).href)}); })`,
    };
  }
  const file = path.join(path.dirname(fileURLToPath(here)), 'stagingWorker.cjs');
  return fs.existsSync(file) ? { file } : null;
}

/**
 * Waits for the thread that empties and drops the tables the swap replaced. It never
 * fails the import, which has committed: what it could not drop, the next import or
 * the next open drops.
 */
async function retire(worker: Worker): Promise<void> {
  await new Promise<void>((resolve) => {
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
    worker.on('message', (m: StagingMessage) => {
      if (m.type === 'retired' || m.type === 'error') resolve();
    });
    worker.postMessage('retire');
  });
  await worker.terminate();
}

export function importMembersStaged(store: MemberStore, file: string, options: StagedImportOptions = {}): Promise<StagedImportReport> {
  return importStaged(store, 'members', file, options);
}

export async function importStaged(store: MemberStore, kind: ImportKind, file: string, options: StagedImportOptions = {}): Promise<StagedImportReport> {
  const kinds = writing.get(store) ?? new Set<ImportKind>();
  if (kinds.has(kind)) throw new DeskError('conflict', `Another ${kind} import is being written. Wait for it to finish, or cancel it.`);
  const entry = workerEntry();
  if (!entry) throw new Error('This host cannot start the import thread.');
  const started = performance.now();
  const skipInvalid = options.skipInvalid === true;
  // The vault first: a missing or wrong desk key stops a members import before a thread starts (associations hold no SSN).
  const keys = kind === 'members' ? store.vault().derivedKeys() : null;
  const now = store.now();
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const onAbort = () => Atomics.store(flag, 0, 1);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort);
  const init: StagingInit = {
    kind,
    dbPath: store.db.name,
    file,
    skipInvalid,
    now,
    keys,
    cancel,
    batchRows: options.batchRows ?? 1000,
    serving: serving.buffer,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };
  kinds.add(kind);
  writing.set(store, kinds);
  const db = store.db;
  // The staging thread fills the WAL; a checkpoint is run by whichever connection commits past
  // the threshold, and on the desk's it copied the thread's pages on the desk thread (p99 438 ms
  // at 200,000). The thread's own connection checkpoints meanwhile.
  // Saved by the first of two imports (members and associations) and put back by the last.
  if (kinds.size === 1) savedCheckpoint.set(store, db.pragma('wal_autocheckpoint', { simple: true }) as number);
  db.pragma('wal_autocheckpoint = 0');
  try {
    const start = (data: StagingInit) => ('eval' in entry ? new Worker(entry.eval, { eval: true, workerData: data }) : new Worker(entry.file, { workerData: data }));
    const worker = start(init);
    let done: Extract<StagingMessage, { type: 'done' }>;
    try {
      done = await new Promise((resolve, reject) => {
        let settled = false;
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (!settled) reject(new Error(`The import thread stopped (exit ${code}).`));
        });
        worker.on('message', (m: StagingMessage) => {
          if (m.type === 'progress') options.onProgress?.(m.rows);
          else if (m.type === 'error') {
            settled = true;
            reject(new Error(m.message));
          } else if (m.type === 'done') {
            settled = true;
            resolve(m);
          }
        });
      });
    } catch (error) {
      // The thread drops its staging when it fails; a thread that died could not.
      await worker.terminate();
      dropStaging(db, kind);
      throw error;
    }
    const committed = done.staged && !Atomics.load(flag, 0);
    // A committed import's thread stays to retire the replaced tables (below); any other is done.
    if (!committed) await worker.terminate();
    if (committed) {
      try {
        const swapStarted = performance.now();
        db.transaction(() => {
          // Members written meanwhile (a central pull, a repair) would be lost by the swap: said, not assumed.
          if (kind === 'members' && liveWrites(db) > 0) {
            throw new DeskError('conflict', 'Members were written to the cache while this import ran; nothing was imported. Import again.');
          }
          swapStaging(db, kind);
          store.markImported(kind, now);
          options.audit?.({ rows: done.rows, inserted: done.inserted, updated: done.updated, unchanged: done.unchanged, invalid: done.invalid, committed: true });
        }).immediate();
        if (process.env.KYNECT_STAGING_TIMING === '1') process.stderr.write(`staging swap ${(performance.now() - swapStarted).toFixed(1)} ms\n`);
      } catch (error) {
        await worker.terminate();
        dropStaging(db, kind);
        throw error;
      } finally {
        store.forgetOpened();
      }
      options.onCommitted?.();
      await retire(worker);
    } else {
      dropStaging(db, kind);
      // An import that was cancelled wrote nothing and changed nothing; one that a bad row stopped is recorded as the one-thread import records it.
      if (!done.cancelled && !Atomics.load(flag, 0)) options.audit?.({ rows: done.rows, inserted: 0, updated: 0, unchanged: 0, invalid: done.invalid, committed: false });
    }
    options.onProgress?.(done.rows);
    const durationMs = performance.now() - started;
    return {
      kind,
      rows: done.rows,
      inserted: committed ? done.inserted : 0,
      updated: committed ? done.updated : 0,
      unchanged: committed ? done.unchanged : 0,
      invalid: done.invalid,
      committed,
      cancelled: !committed && (done.cancelled || Atomics.load(flag, 0) === 1),
      skipInvalid,
      issues: done.issues,
      issuesTruncated: done.issues.length >= MAX_ISSUES,
      durationMs: Math.round(durationMs),
      rowsPerSecond: durationMs > 0 ? Math.round((done.rows / durationMs) * 1000) : done.rows,
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    kinds.delete(kind);
    if (kinds.size === 0) db.pragma(`wal_autocheckpoint = ${savedCheckpoint.get(store) ?? 1000}`);
  }
}
