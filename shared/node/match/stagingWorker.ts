/**
 * The writing half of a staged members import (importStaging.ts), in a thread of its
 * own with its own SQLite connection: reads the file, validates every row with the
 * same code as the one-thread import, computes the index keys, seals the SSNs and
 * writes the staging tables (stagingTables.ts) in short transactions. Short, because
 * the desk's connection writes too (each lookup's audit entry, notes, the lock) and
 * waits at most its busy_timeout (1 s) for the file's one write lock: one long
 * transaction here would make those writes fail. The rows are parsed outside the
 * transactions, so between two batches the lock is free for as long as a batch took
 * to read.
 *
 * Stops at the next batch when the cancel flag is raised, and drops what it staged.
 * Never touches the live tables: the desk swaps the staging tables in.
 */
import BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { nameKeys, ssnKeys } from '../../common/match/blocking';
import { nameLetters } from '../../common/match/normalize';
import type { MemberRow } from '../../common/match/schemas';
import { BLOCK_SLOTS, SsnVault, type DerivedKeys, type SsnEntry } from '../security/ssnVault';
import { CsvChunkReader, type CsvRecord } from './csvRows';
import { fileChunks, headerIssues, MAX_ISSUES, validateRecord, type ImportIssue } from './importer';
import { createStaging, dropStaging, stagingName } from './stagingTables';

export interface StagingInit {
  dbPath: string;
  file: string;
  skipInvalid: boolean;
  now: string;
  keys: DerivedKeys;
  /** Int32Array over it: [0] = 1 asks the thread to stop. */
  cancel: SharedArrayBuffer;
  nativeBinding?: string;
  /** Rows per write transaction. */
  batchRows: number;
  /** The desk thread's `serving` flag (host/serving.ts): above 0 while it runs a request. */
  serving: SharedArrayBuffer;
}

export type StagingMessage =
  | { type: 'progress'; rows: number; invalid: number }
  | {
      type: 'done';
      /** Whether the staging tables hold the whole import, ready to swap in. */
      staged: boolean;
      cancelled: boolean;
      rows: number;
      inserted: number;
      invalid: number;
      issues: ImportIssue[];
      fatal: boolean;
      aborted: boolean;
    }
  | { type: 'error'; message: string };

const init = workerData as StagingInit;
const port = parentPort!;
const cancelFlag = new Int32Array(init.cancel);
const cancelled = () => Atomics.load(cancelFlag, 0) === 1;
const deskServing = new Int32Array(init.serving);

let written = 0;
let checkpointDb: BetterSqlite3.Database | null = null;
/**
 * The WAL copied back into the file every few transactions, by this thread and outside
 * any transaction: a checkpoint run by a commit counted in that commit's time (up to
 * 628 ms at 1,000,000 on a loaded machine), and one run by the desk's connection ran on
 * the desk thread (importStaging.ts turns its autocheckpoint off for the import).
 */
function checkpointNow(): void {
  if (++written % 8 === 0) timed('checkpoint', () => checkpointDb?.pragma('wal_checkpoint(PASSIVE)'));
}

/** Waits (a little, never for ever) while the desk serves a request. */
function giveWay(): void {
  const until = performance.now() + 250;
  for (;;) {
    const now = Atomics.load(deskServing, 0);
    const left = until - performance.now();
    if (now === 0 || left <= 0) break;
    Atomics.wait(deskServing, 0, now, left);
  }
}

/**
 * One write transaction, given way to the desk: it starts when the desk serves no
 * request, and at each gap (every 64 rows or 256 keys) commits what it has and waits
 * when a request has come in meanwhile, so a request waits for a few milliseconds of
 * work, not a batch (on a loaded machine a batch of 500 took 230 ms). Committing part
 * of a batch is safe: only the swap makes staging visible to anyone.
 */
function write(db: BetterSqlite3.Database, fn: (gap: () => void) => void): void {
  giveWay();
  db.exec('BEGIN IMMEDIATE');
  try {
    fn(() => {
      if (Atomics.load(deskServing, 0) === 0) return;
      db.exec('COMMIT');
      giveWay();
      db.exec('BEGIN IMMEDIATE');
    });
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  checkpointNow();
}

const ID_SPACE = 2_097_152; // 2^21: key (32 bits) × 2^21 + id stays an exact double
const ROWS = 64; // rows per multi-row INSERT
const KEY_BATCH = 8192; // index keys per write transaction (appended in key order: cheap)

const TIMING = process.env.KYNECT_STAGING_TIMING === '1';
let longest = 0;
function timed<T>(what: string, fn: () => T): T {
  if (!TIMING) return fn();
  const s = performance.now();
  const r = fn();
  const ms = performance.now() - s;
  if (ms > longest) {
    longest = ms;
    process.stderr.write(`staging ${what} ${ms.toFixed(1)} ms\n`);
  }
  return r;
}

function run(): StagingMessage {
  const db = new BetterSqlite3(init.dbPath, init.nativeBinding ? { nativeBinding: init.nativeBinding } : {});
  try {
    // This thread's waits for the write lock hold up no one; the desk's are the ones kept short.
    db.pragma('busy_timeout = 30000');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -262144');
    // Checkpoints are run here, between transactions (checkpointNow), not inside a commit.
    db.pragma('wal_autocheckpoint = 0');
    checkpointDb = db;
    createStaging(db);
    try {
      const result = load(db);
      if (!result.staged) dropStaging(db);
      return result;
    } catch (error) {
      dropStaging(db);
      throw error;
    }
  } finally {
    checkpointDb = null;
    db.pragma('wal_checkpoint(PASSIVE)');
    db.close();
  }
}

function load(db: BetterSqlite3.Database): Extract<StagingMessage, { type: 'done' }> {
  const vault = new SsnVault(init.keys);
  const now = init.now;
  const t = {
    member: stagingName('match_member'),
    key: stagingName('match_key'),
    block: stagingName('match_ssn_block'),
    case: stagingName('match_case'),
    application: stagingName('match_application'),
    names: stagingName('match_name_count'),
  };
  // Cases and applications the live tables hold without members (normally none) stay.
  db.transaction(() => {
    db.exec(`INSERT INTO ${t.case} SELECT * FROM match_case; INSERT INTO ${t.application} SELECT * FROM match_application;`);
  }).immediate();
  const memberSql = `INSERT INTO ${t.member} (id, member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex, ssn_block, ssn_slot, head_of_household, imported_at) VALUES `;
  const one = '(?,?,?,?,?,?,?,?,?,?,?,?,?,?)';
  const insertMembers = db.prepare(memberSql + Array(ROWS).fill(one).join(','));
  const insertMember = db.prepare(memberSql + one);
  const insertBlock = db.prepare(`INSERT INTO ${t.block} (id, sealed) VALUES (?, ?)`);
  const upsertCase = db.prepare(
    `INSERT INTO ${t.case} (case_number, status, imported_at) VALUES (?, ?, ?)
     ON CONFLICT (case_number) DO UPDATE SET status = excluded.status, imported_at = excluded.imported_at WHERE status IS NOT excluded.status`,
  );
  const upsertApplication = db.prepare(
    `INSERT INTO ${t.application} (application_number, case_number, submitted_on, imported_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (application_number) DO UPDATE SET case_number = excluded.case_number, submitted_on = excluded.submitted_on, imported_at = excluded.imported_at
     WHERE case_number IS NOT excluded.case_number OR submitted_on IS NOT excluded.submitted_on`,
  );
  const insertKey = db.prepare(`INSERT OR IGNORE INTO ${t.key} (key, member) VALUES (?, ?)`);
  const insertKeys = db.prepare(`INSERT OR IGNORE INTO ${t.key} (key, member) VALUES ${Array(256).fill('(?,?)').join(',')}`);
  const addName = db.prepare(`INSERT INTO ${t.names} (part, name, members) VALUES (?, ?, ?) ON CONFLICT (part, name) DO UPDATE SET members = members + excluded.members`);

  const issues: ImportIssue[] = [];
  const addIssue = (i: ImportIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(i);
  };
  let rows = 0;
  let invalid = 0;
  let inserted = 0;
  let fatal = false;
  let aborted = false;
  let headerChecked = false;
  const reader = new CsvChunkReader();
  const seen = new Map<string, number>();

  let nextId = 1;
  let blockId = 1;
  let block: SsnEntry[] = [];
  let pairs = new Float64Array(1 << 20);
  let n = 0;
  const firstSeen = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  let lastCase = '';
  let lastStatus = '';
  let batch: MemberRow[] = [];

  const writeBatch = () => {
    if (batch.length === 0) return;
    const rowsOf = batch;
    batch = [];
    if (fatal || aborted) return;
    timed('batch', () =>
      write(db, (gap) => {
        let pending: unknown[] = [];
        let pendingRows = 0;
        const flushMembers = () => {
          if (pendingRows === ROWS) insertMembers.run(pending);
          else for (let i = 0; i < pendingRows; i++) insertMember.run(pending.slice(i * 14, i * 14 + 14));
          pending = [];
          pendingRows = 0;
        };
        for (const row of rowsOf) {
          if (row.case_number !== lastCase || row.case_status !== lastStatus) {
            upsertCase.run(row.case_number, row.case_status, now);
            lastCase = row.case_number;
            lastStatus = row.case_status;
          }
          if (row.application_number) upsertApplication.run(row.application_number, row.case_number, row.application_submitted_on, now);
          firstSeen.set(row.first_name, (firstSeen.get(row.first_name) ?? 0) + 1);
          lastSeen.set(row.last_name, (lastSeen.get(row.last_name) ?? 0) + 1);
          const id = nextId++;
          let slot: [number, number] | [null, null] = [null, null];
          if (row.ssn !== null) {
            slot = [blockId, block.length];
            block.push([row.member_id, row.ssn]);
          }
          pending.push(
            id,
            row.member_id,
            row.case_number,
            row.application_number,
            row.first_name,
            row.middle_name,
            row.last_name,
            row.suffix,
            row.date_of_birth,
            row.sex,
            slot[0],
            slot[1],
            row.head_of_household ? 1 : 0,
            now,
          );
          if (++pendingRows === ROWS) {
            flushMembers();
            gap();
          }
          if (block.length === BLOCK_SLOTS) {
            insertBlock.run(blockId, vault.sealBlock(blockId, block));
            blockId++;
            block = [];
          }
          const keys = nameKeys({ firstName: row.first_name, lastName: row.last_name, dateOfBirth: row.date_of_birth });
          if (row.ssn !== null) for (const k of ssnKeys(row.ssn, row.date_of_birth, vault.indexMac)) if (!keys.includes(k)) keys.push(k);
          if (id >= ID_SPACE) {
            for (const k of keys) insertKey.run(k, id);
            continue;
          }
          if (n + keys.length > pairs.length) {
            const bigger = new Float64Array(pairs.length * 2);
            bigger.set(pairs);
            pairs = bigger;
          }
          for (const k of keys) pairs[n++] = k * ID_SPACE + id;
        }
        if (pendingRows) flushMembers();
      }),
    );
    inserted += rowsOf.length;
  };

  const checkHeader = () => {
    headerChecked = true;
    const hi = headerIssues('members', reader.header ?? []);
    if (hi.length) {
      hi.forEach(addIssue);
      fatal = true;
    }
  };
  const consume = (records: CsvRecord[]): boolean => {
    for (const rec of records) {
      if (!headerChecked) checkHeader();
      rows++;
      const v = validateRecord('members', reader.header!, rec, seen);
      if (!v.ok) {
        invalid++;
        v.issues.forEach(addIssue);
        if (!init.skipInvalid) aborted = true;
        continue;
      }
      // After an abort keep validating, to report every bad row, but write nothing more.
      if (fatal || aborted) continue;
      batch.push(v.row as unknown as MemberRow);
      if (batch.length >= init.batchRows) {
        writeBatch();
        port.postMessage({ type: 'progress', rows, invalid } satisfies StagingMessage);
        if (cancelled()) return false;
      }
    }
    return true;
  };
  const stop = (): Extract<StagingMessage, { type: 'done' }> => ({ type: 'done', staged: false, cancelled: true, rows, inserted: 0, invalid, issues, fatal, aborted });

  for (const chunk of fileChunks(init.file)) {
    if (!consume(reader.push(chunk))) return stop();
    if (cancelled()) return stop();
  }
  if (!consume(reader.end())) return stop();
  if (!headerChecked && reader.header) checkHeader();
  if (!headerChecked) {
    addIssue({ line: 1, column: '(header)', reason: 'The file is empty: expected a header row.' });
    fatal = true;
  }
  writeBatch();
  if (block.length && !fatal && !aborted) {
    const last = block;
    write(db, () => insertBlock.run(blockId, vault.sealBlock(blockId, last)));
  }
  if (fatal || aborted) return { type: 'done', staged: false, cancelled: false, rows, inserted: 0, invalid, issues, fatal, aborted };

  // The index keys in key order: the B-tree grows by appending, a short transaction at a time.
  const sorted = pairs.subarray(0, n).sort();
  const params = new Array<number>(512);
  for (let i = 0; i < n;) {
    if (cancelled()) return stop();
    const end = Math.min(n, i + KEY_BATCH);
    timed('keys', () =>
      write(db, (gap) => {
        for (; i + 256 <= end; i += 256) {
          for (let j = 0; j < 256; j++) {
            const x = sorted[i + j]!;
            params[2 * j] = Math.floor(x / ID_SPACE);
            params[2 * j + 1] = x % ID_SPACE;
          }
          insertKeys.run(params);
          gap();
        }
        for (; i < end; i++) {
          const x = sorted[i]!;
          insertKey.run(Math.floor(x / ID_SPACE), x % ID_SPACE);
        }
      }),
    );
  }
  const names: [string, string, number][] = [];
  for (const [part, seenNames] of [
    ['first', firstSeen],
    ['last', lastSeen],
  ] as const) {
    const byLetters = new Map<string, number>();
    for (const [name, count] of seenNames) {
      const letters = nameLetters(name);
      byLetters.set(letters, (byLetters.get(letters) ?? 0) + count);
    }
    for (const [letters, count] of byLetters) names.push([part, letters, count]);
  }
  for (let i = 0; i < names.length; i += 2000) {
    write(db, () => {
      for (const [part, letters, count] of names.slice(i, i + 2000)) addName.run(part, letters, count);
    });
  }
  if (cancelled()) return stop();
  return { type: 'done', staged: true, cancelled: false, rows, inserted, invalid, issues, fatal, aborted };
}

try {
  port.postMessage(run());
} catch (error) {
  port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies StagingMessage);
}
