/**
 * A fresh desk's first pull of the member extract (issue 17 §4), written the way a
 * members import is (match/importStaging.ts): a thread of its own (pullWorker.ts) reads
 * the central member table on its own PostgreSQL connection and writes the pull's
 * staging twins of the members tables on its own SQLite connection, in short
 * transactions that give way to the desk's requests; then one short transaction here
 * swaps the twins in together with the pull's cursor, so the cache holds the whole
 * first pull and the cursor the rows it covers, or neither.
 *
 * Before, the first pull staged the central rows in a table of its own on the desk's
 * connection and applied them in one transaction at the end: every member was written
 * twice, read back once, and all of it on the desk's thread.
 *
 * A kill, a failure or a stop before the swap leaves the cache as it was (empty) and
 * the cursor at its start. After a failure the twins are dropped and the next pull
 * starts over; after a stop (the desk closing) or a kill (the desk process gone mid-pull)
 * they are kept with the progress row the thread wrote with each page
 * (match_pull_progress), the next open keeps them, and the next pull resumes after the
 * last page committed: each member staged once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { DeskError } from '../../common/errors';
import { serving } from '../host/serving';
import type { MemberStore } from '../match/memberStore';
import { dropStaging, liveWrites, STAGED_TABLES, swapStaging } from '../match/stagingTables';
import type { CenterKey } from './centerKey';
import type { PullInit, PullMessage } from './pullWorker';

export interface StagedPullOptions {
  /** Aborting stops the thread at its next page; nothing is swapped in. */
  signal?: AbortSignal;
  nativeBinding?: string;
  /** Rows per page read (tests make it small). */
  pageRows?: number;
  /** Called with the rows staged so far, after each page. */
  onProgress?: (rows: number) => void;
}

export interface StagedPullResult {
  rows: number;
  pages: number;
  cursor: { txid: string; key: string } | null;
  cancelled: boolean;
  /** Rows a killed pull had staged, taken over by this one (0: it started from the beginning). */
  resumed: number;
}

/** Under tsx (tests, CLI, harness) the thread loads pullWorker.ts through the same loader; in Electron's bundle, pullWorker.cjs beside it. */
function workerEntry(): { eval: string } | { file: string } | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return {
      eval: `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./pullWorker.ts', here).href)}); })`,
    };
  }
  const file = path.join(path.dirname(fileURLToPath(here)), 'pullWorker.cjs');
  return fs.existsSync(file) ? { file } : null;
}

/** Whether the first pull can be staged here: a cache on a file, a host that can start the thread, and every members table empty. */
export function canStagePull(store: MemberStore): boolean {
  const db = store.db;
  if (db.memory || db.name === '' || db.name === ':memory:' || workerEntry() === null) return false;
  return STAGED_TABLES.every((t) => db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${t})`).pluck().get() === 1);
}

/**
 * Runs the thread to the end, then calls `commit` inside the swap's transaction (the
 * cursor and the settings go in with the rows). Returns what was swapped in; throws
 * what the thread or the swap failed with, the cache left as it was.
 */
export async function pullFirstStaged(
  store: MemberStore,
  config: pg.ClientConfig,
  centerKey: CenterKey | null,
  commit: (result: StagedPullResult) => void,
  options: StagedPullOptions = {},
): Promise<StagedPullResult> {
  const entry = workerEntry();
  if (!entry) throw new Error('This host cannot start the pull thread.');
  const db = store.db;
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const onAbort = () => Atomics.store(flag, 0, 1);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort);
  const init: PullInit = {
    dbPath: db.name,
    config,
    centerKeys: centerKey ? centerKey.vaultKeys() : null,
    deskKeys: store.vault().derivedKeys(),
    now: store.now(),
    cancel,
    serving: serving.buffer,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.pageRows ? { pageRows: options.pageRows } : {}),
  };
  // The thread fills the WAL and checkpoints it itself; a checkpoint run by a commit here would copy its pages on the desk's thread.
  const savedCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  const worker = 'eval' in entry ? new Worker(entry.eval, { eval: true, workerData: init }) : new Worker(entry.file, { workerData: init });
  try {
    let done: Extract<PullMessage, { type: 'done' }>;
    try {
      done = await new Promise((resolve, reject) => {
        let settled = false;
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (!settled) reject(new Error(`The pull thread stopped (exit ${code}).`));
        });
        worker.on('message', (m: PullMessage) => {
          if (m.type === 'progress') options.onProgress?.(m.rows);
          else if (m.type === 'error') {
            settled = true;
            reject(
              m.deskError ? new DeskError(m.code === 'unavailable' ? 'unavailable' : 'refused', m.message) : Object.assign(new Error(m.message), m.code ? { code: m.code } : {}),
            );
          } else if (m.type === 'done') {
            settled = true;
            resolve(m);
          }
        });
      });
    } catch (error) {
      await worker.terminate();
      if (db.open) dropStaging(db, 'pull');
      throw error;
    }
    const result: StagedPullResult = {
      rows: done.rows,
      pages: done.pages,
      cursor: done.cursor,
      cancelled: done.cancelled || Atomics.load(flag, 0) === 1,
      resumed: done.resumed,
    };
    if (!done.staged || result.cancelled) {
      await worker.terminate();
      // A stop keeps what was staged (and its progress) for the next pull to resume.
      if (db.open && !result.cancelled) dropStaging(db, 'pull');
      return { ...result, rows: result.cancelled ? 0 : result.rows };
    }
    try {
      db.transaction(() => {
        // Written meanwhile (an import swapped in, a repair): the swap would lose it. Said, not assumed.
        if (liveWrites(db, 'pull') > 0 || db.prepare('SELECT EXISTS (SELECT 1 FROM match_member)').pluck().get() === 1) {
          throw new DeskError('conflict', 'Members were written to the cache while its first pull was staged; nothing was swapped in. The next pull merges the central changes.');
        }
        swapStaging(db, 'pull');
        commit(result);
      }).immediate();
    } catch (error) {
      await worker.terminate();
      if (db.open) dropStaging(db, 'pull');
      throw error;
    } finally {
      store.forgetOpened();
    }
    await retire(worker);
    return result;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (db.open) db.pragma(`wal_autocheckpoint = ${savedCheckpoint}`);
  }
}

/** Waits for the thread to empty and drop the (empty) tables the swap replaced; never fails the pull, which has committed. */
async function retire(worker: Worker): Promise<void> {
  await new Promise<void>((resolve) => {
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
    worker.on('message', (m: PullMessage) => {
      if (m.type === 'retired' || m.type === 'error') resolve();
    });
    worker.postMessage('retire');
  });
  await worker.terminate();
}
