/**
 * The writing half of a staged import (importStaging.ts), in a thread of its own with
 * its own SQLite connection: reads the file, validates every row with the same code as
 * the one-thread import, merges it with what the cache holds as MemberStore's upserts
 * merge (same outcomes, same counts), computes the index keys, seals the SSNs and
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
import type { AssociationRow, MemberRow } from '../../common/match/schemas';
import { BLOCK_SLOTS, SsnVault, type DerivedKeys, type SsnEntry } from '../security/ssnVault';
import { CsvChunkReader, type CsvRecord } from './csvRows';
import { fileChunks, headerIssues, MAX_ISSUES, validateRecord, type ImportIssue } from './importer';
import {
  addNameSql,
  associationExistsSql,
  insertMembersSql,
  MEMBER_INSERT_COLUMNS,
  MEMBER_INSERT_WIDTH,
  pushMember,
  upsertApplicationSql,
  upsertAssociationSql,
  upsertCaseSql,
  type LiveMemberRow,
} from './cacheSql';
import { createStaging, dropStaging, retiredTables, retireTable, stagingName, type StagedKind } from './stagingTables';

export interface StagingInit {
  kind: Exclude<StagedKind, 'pull'>;
  /** 'retire': after the swap, empty and drop the tables it replaced (stagingTables.retireTable). */
  task?: 'stage' | 'retire';
  dbPath: string;
  file: string;
  skipInvalid: boolean;
  now: string;
  /** The vault's derived keys, for a members import (an associations import holds no SSN). */
  keys: DerivedKeys | null;
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
      updated: number;
      unchanged: number;
      invalid: number;
      issues: ImportIssue[];
      fatal: boolean;
      aborted: boolean;
    }
  | { type: 'retired'; tables: number }
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

function run(task: StagingInit = init): StagingMessage {
  const db = new BetterSqlite3(init.dbPath, init.nativeBinding ? { nativeBinding: init.nativeBinding } : {});
  try {
    // This thread's waits for the write lock hold up no one; the desk's are the ones kept short.
    db.pragma('busy_timeout = 30000');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -262144');
    // Checkpoints are run here, between transactions (checkpointNow), not inside a commit.
    db.pragma('wal_autocheckpoint = 0');
    checkpointDb = db;
    if (task.task === 'retire') {
      const tables = retiredTables(db, init.kind);
      for (const table of tables) retireTable(db, table, (fn) => write(db, fn));
      return { type: 'retired', tables: tables.length };
    }
    createStaging(db, init.kind);
    try {
      const result = init.kind === 'members' ? loadMembers(db) : loadAssociations(db);
      if (!result.staged) dropStaging(db, init.kind);
      return result;
    } catch (error) {
      dropStaging(db, init.kind);
      throw error;
    }
  } finally {
    checkpointDb = null;
    db.pragma('wal_checkpoint(PASSIVE)');
    db.close();
  }
}

type Done = Extract<StagingMessage, { type: 'done' }>;
type Counts = { inserted: number; updated: number; unchanged: number };

/**
 * Reads and validates the file, handing valid rows to `write` in batches of
 * init.batchRows; stops (returns false) when the cancel flag is raised. What the one-
 * thread import does with a bad header, a bad row or an empty file, it does too.
 */
function readFile(
  kind: Exclude<StagedKind, 'pull'>,
  write: (rows: Record<string, unknown>[]) => void,
): { ok: boolean; rows: number; invalid: number; issues: ImportIssue[]; fatal: boolean; aborted: boolean } {
  const issues: ImportIssue[] = [];
  const addIssue = (i: ImportIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(i);
  };
  let rows = 0;
  let invalid = 0;
  let fatal = false;
  let aborted = false;
  let headerChecked = false;
  const reader = new CsvChunkReader();
  const seen = new Map<string, number>();
  let batch: Record<string, unknown>[] = [];
  const flush = () => {
    const b = batch;
    batch = [];
    if (b.length && !fatal && !aborted) write(b);
  };
  const checkHeader = () => {
    headerChecked = true;
    const hi = headerIssues(kind, reader.header ?? []);
    if (hi.length) {
      hi.forEach(addIssue);
      fatal = true;
    }
  };
  const consume = (records: CsvRecord[]): boolean => {
    for (const rec of records) {
      if (!headerChecked) checkHeader();
      rows++;
      const v = validateRecord(kind, reader.header!, rec, seen);
      if (!v.ok) {
        invalid++;
        v.issues.forEach(addIssue);
        if (!init.skipInvalid) aborted = true;
        continue;
      }
      // After an abort keep validating, to report every bad row, but write nothing more.
      if (fatal || aborted) continue;
      batch.push(v.row);
      if (batch.length >= init.batchRows) {
        flush();
        port.postMessage({ type: 'progress', rows, invalid } satisfies StagingMessage);
        if (cancelled()) return false;
      }
    }
    return true;
  };
  const result = (ok: boolean) => ({ ok, rows, invalid, issues, fatal, aborted });
  for (const chunk of fileChunks(init.file)) {
    if (!consume(reader.push(chunk)) || cancelled()) return result(false);
  }
  if (!consume(reader.end())) return result(false);
  if (!headerChecked && reader.header) checkHeader();
  if (!headerChecked) {
    addIssue({ line: 1, column: '(header)', reason: 'The file is empty: expected a header row.' });
    fatal = true;
  }
  flush();
  return result(!cancelled());
}

/**
 * Copies a live table into its twin in pages (by rowid, or by primary key for a
 * WITHOUT ROWID table), a short transaction each. Nothing changes the live table
 * meanwhile unnoticed: the guard counts such writes, or the triggers copy them.
 */
function copyLive(db: BetterSqlite3.Database, table: string, key: readonly string[]): boolean {
  const staging = `${table}_staging`;
  const columns = db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
  const keyList = key.join(', ');
  const after = key.map(() => '?').join(', ');
  const first = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${keyList} LIMIT 2000`);
  const next = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE (${keyList}) > (${after}) ORDER BY ${keyList} LIMIT 2000`);
  // OR REPLACE: a row an associations trigger already copied is replaced by the same row, read later.
  const insert = db.prepare(`INSERT OR REPLACE INTO ${staging} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  let last: unknown[] | null = null;
  for (;;) {
    if (cancelled()) return false;
    const page = (last ? next.all(...last) : first.all()) as Record<string, unknown>[];
    if (!page.length) return true;
    write(db, () => {
      for (const r of page) insert.run(columns.map((c) => r[c]));
    });
    last = key.map((k) => page.at(-1)![k]);
  }
}

type LiveMember = LiveMemberRow & { imported_at: string };

function loadMembers(db: BetterSqlite3.Database): Done {
  if (!init.keys) throw new Error('A members import needs the desk key.');
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
  // Read after createStaging set the guard: from here on a live write is counted.
  const liveEmpty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM match_member)').pluck().get() === 1;
  const liveMaxId = db.prepare('SELECT coalesce(max(id), 0) FROM match_member').pluck().get() as number;
  // Cases and applications the file does not name stay, as an upsert leaves them; SSN blocks
  // too (members the file does not name keep their slots; a changed SSN reseals its block below).
  if (!copyLive(db, 'match_case', ['case_number']) || !copyLive(db, 'match_application', ['application_number'])) return stopped(0, 0);
  if (!copyLive(db, 'match_ssn_block', ['id'])) return stopped(0, 0);

  const cols = MEMBER_INSERT_COLUMNS.join(', ');
  const insertMembers = db.prepare(insertMembersSql(t.member, ROWS));
  const insertMember = db.prepare(insertMembersSql(t.member, 1));
  const insertBlock = db.prepare(`INSERT INTO ${t.block} (id, sealed) VALUES (?, ?)`);
  const updateBlock = db.prepare(`UPDATE ${t.block} SET sealed = ? WHERE id = ?`);
  const upsertCase = db.prepare(upsertCaseSql(t.case));
  const upsertApplication = db.prepare(upsertApplicationSql(t.application));
  const insertKey = db.prepare(`INSERT OR IGNORE INTO ${t.key} (key, member) VALUES (?, ?)`);
  const insertKeys = db.prepare(`INSERT OR IGNORE INTO ${t.key} (key, member) VALUES ${Array(256).fill('(?,?)').join(',')}`);
  const addName = db.prepare(addNameSql(t.names));
  const liveByMemberId = db.prepare(`SELECT ${cols} FROM match_member WHERE member_id = ?`);
  const liveBlock = db.prepare('SELECT sealed FROM match_ssn_block WHERE id = ?').pluck();
  const livePage = db.prepare(`SELECT ${cols} FROM match_member WHERE id > ? ORDER BY id LIMIT 2000`);

  // Blocks of the live cache opened lately (a re-import in file order opens each about once).
  const opened = new Map<number, SsnEntry[]>();
  const entriesOf = (block: number): SsnEntry[] => {
    let e = opened.get(block);
    if (!e) {
      const sealed = liveBlock.get(block) as Buffer | undefined;
      if (!sealed) throw new Error(`A block of stored SSNs (${block}) is missing from the member cache. Re-import the members extract.`);
      e = vault.openBlock(block, sealed);
      if (opened.size >= 64) opened.clear();
      opened.set(block, e);
    }
    return e;
  };
  const ssnOf = (m: LiveMember): string | null =>
    m.ssn_block === null || m.ssn_slot === null ? null : SsnVault.ssnAt(entriesOf(m.ssn_block), m.ssn_slot, m.member_id, m.ssn_block);
  // Live blocks whose entries a changed SSN rewrites, sealed again once at the end.
  const resealed = new Map<number, SsnEntry[]>();
  /** Members of the live cache the file names: the copy of the others skips them. */
  const named = new Uint8Array(liveMaxId + 1);

  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  let nextId = liveMaxId + 1;
  let blockId = (db.prepare('SELECT coalesce(max(id), 0) FROM match_ssn_block').pluck().get() as number) + 1;
  let block: SsnEntry[] = [];
  let pairs = new Float64Array(1 << 20);
  let n = 0;
  const firstSeen = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  let lastCase = '';
  let lastStatus = '';
  let pending: unknown[] = [];
  let pendingRows = 0;
  const flushMembers = () => {
    if (pendingRows === ROWS) insertMembers.run(pending);
    else for (let i = 0; i < pendingRows; i++) insertMember.run(pending.slice(i * MEMBER_INSERT_WIDTH, (i + 1) * MEMBER_INSERT_WIDTH));
    pending = [];
    pendingRows = 0;
  };
  const newSlot = (memberId: string, ssn: string): [number, number] => {
    const slot: [number, number] = [blockId, block.length];
    block.push([memberId, ssn]);
    if (block.length === BLOCK_SLOTS) {
      insertBlock.run(blockId, vault.sealBlock(blockId, block));
      blockId++;
      block = [];
    }
    return slot;
  };
  /** A staged member's index keys and names: the same for one the file names and one copied. */
  const file = (id: number, m: { first_name: string; last_name: string; date_of_birth: string }, ssn: string | null) => {
    firstSeen.set(m.first_name, (firstSeen.get(m.first_name) ?? 0) + 1);
    lastSeen.set(m.last_name, (lastSeen.get(m.last_name) ?? 0) + 1);
    const keys = nameKeys({ firstName: m.first_name, lastName: m.last_name, dateOfBirth: m.date_of_birth });
    if (ssn !== null) for (const k of ssnKeys(ssn, m.date_of_birth, vault.indexMac)) if (!keys.includes(k)) keys.push(k);
    if (id >= ID_SPACE) {
      for (const k of keys) insertKey.run(k, id);
      return;
    }
    if (n + keys.length > pairs.length) {
      const bigger = new Float64Array(pairs.length * 2);
      bigger.set(pairs);
      pairs = bigger;
    }
    for (const k of keys) pairs[n++] = k * ID_SPACE + id;
  };
  const gapAfterRow = (gap: () => void) => {
    if (++pendingRows === ROWS) {
      flushMembers();
      gap();
    }
  };

  const read = readFile('members', (batch) =>
    timed('batch', () =>
      write(db, (gap) => {
        for (const b of batch) {
          const row = b as unknown as MemberRow;
          // The same outcomes as MemberStore.upsertMember: a changed case status or application makes an unchanged member "updated".
          let caseChanged = false;
          if (row.case_number !== lastCase || row.case_status !== lastStatus) {
            caseChanged = upsertCase.run(row.case_number, row.case_status, now).changes > 0;
            lastCase = row.case_number;
            lastStatus = row.case_status;
          }
          const applicationChanged = row.application_number ? upsertApplication.run(row.application_number, row.case_number, row.application_submitted_on, now).changes > 0 : false;
          const hoh = row.head_of_household ? 1 : 0;
          const live = liveEmpty ? undefined : (liveByMemberId.get(row.member_id) as LiveMember | undefined);
          if (!live) {
            const id = nextId++;
            const [blk, slot] = row.ssn === null ? [null, null] : newSlot(row.member_id, row.ssn);
            pushMember(pending, id, row, blk, slot, hoh, now);
            gapAfterRow(gap);
            file(id, row, row.ssn);
            counts.inserted++;
            continue;
          }
          named[live.id] = 1;
          const liveSsn = ssnOf(live);
          const same =
            live.case_number === row.case_number &&
            live.application_number === row.application_number &&
            live.first_name === row.first_name &&
            live.middle_name === row.middle_name &&
            live.last_name === row.last_name &&
            live.suffix === row.suffix &&
            live.date_of_birth === row.date_of_birth &&
            live.sex === row.sex &&
            liveSsn === row.ssn &&
            live.head_of_household === hoh;
          if (same) {
            pushMember(pending, live.id, live, live.ssn_block, live.ssn_slot, live.head_of_household as 0 | 1, live.imported_at);
            if (caseChanged || applicationChanged) counts.updated++;
            else counts.unchanged++;
          } else {
            let blk = live.ssn_block;
            let slot = live.ssn_slot;
            if (liveSsn !== row.ssn) {
              if (blk !== null && slot !== null) {
                // The member keeps its slot; the block is sealed again with the new SSN (or none), so the old one is gone.
                const entries = resealed.get(blk) ?? [...entriesOf(blk)];
                entries[slot] = [row.member_id, row.ssn];
                resealed.set(blk, entries);
              } else if (row.ssn !== null) [blk, slot] = newSlot(row.member_id, row.ssn);
            }
            pushMember(pending, live.id, row, blk, slot, hoh, now);
            counts.updated++;
          }
          gapAfterRow(gap);
          file(live.id, row, row.ssn);
        }
        if (pendingRows) flushMembers();
      }),
    ),
  );
  if (!read.ok) return stopped(read.rows, read.invalid, read);
  if (read.fatal || read.aborted) return refused(read);
  if (block.length) {
    const last = block;
    write(db, () => insertBlock.run(blockId, vault.sealBlock(blockId, last)));
  }
  if (resealed.size) write(db, () => resealed.forEach((entries, id) => updateBlock.run(vault.sealBlock(id, entries), id)));

  // The members the file does not name, as they are: same id, slot and date.
  if (!liveEmpty) {
    let after = 0;
    for (;;) {
      if (cancelled()) return stopped(read.rows, read.invalid, read);
      const page = livePage.all(after) as LiveMember[];
      if (!page.length) break;
      after = page.at(-1)!.id;
      write(db, (gap) => {
        for (const m of page) {
          if (named[m.id] === 1) continue;
          pushMember(pending, m.id, m, m.ssn_block, m.ssn_slot, m.head_of_household as 0 | 1, m.imported_at);
          gapAfterRow(gap);
          file(m.id, m, ssnOf(m));
        }
        if (pendingRows) flushMembers();
      });
    }
  }

  // The index keys in key order: the B-tree grows by appending, a short transaction at a time.
  const sorted = pairs.subarray(0, n).sort();
  const params = new Array<number>(512);
  for (let i = 0; i < n;) {
    if (cancelled()) return stopped(read.rows, read.invalid, read);
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
  // The name counts of the cache as staged, every member counted once: what MemberStore's
  // per-row counting keeps, made afresh.
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
  if (cancelled()) return stopped(read.rows, read.invalid, read);
  return { type: 'done', staged: true, cancelled: false, rows: read.rows, ...counts, invalid: read.invalid, issues: read.issues, fatal: false, aborted: false };
}

/** A file refused whole (a fatal row, or the reader gave up): nothing staged, nothing to swap. */
function refused(read: { rows: number; invalid: number; issues: ImportIssue[]; fatal: boolean; aborted: boolean }): Done {
  return { ...stopped(read.rows, read.invalid, read), cancelled: false };
}

function stopped(rows: number, invalid: number, read?: { issues: ImportIssue[]; fatal: boolean; aborted: boolean }): Done {
  return {
    type: 'done',
    staged: false,
    cancelled: true,
    rows,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    invalid,
    issues: read?.issues ?? [],
    fatal: read?.fatal ?? false,
    aborted: read?.aborted ?? false,
  };
}

/**
 * associations.csv: the live table copied into its twin (the triggers copy whatever
 * the desk records meanwhile), then each row upserted there as MemberStore's
 * upsertAssociation upserts it.
 */
function loadAssociations(db: BetterSqlite3.Database): Done {
  const staging = stagingName('match_association');
  if (!copyLive(db, 'match_association', ['case_number', 'agent_id'])) return stopped(0, 0);
  const upsert = db.prepare(upsertAssociationSql(staging));
  const exists = db.prepare(associationExistsSql(staging)).pluck();
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  const read = readFile('associations', (batch) =>
    write(db, (gap) => {
      let k = 0;
      for (const b of batch) {
        const row = b as unknown as AssociationRow;
        const existed = exists.get(row.case_number, row.agent_id) === 1;
        if (upsert.run(row.agent_id, row.case_number, row.agent_name, row.associated_on, init.now).changes === 0) counts.unchanged++;
        else if (existed) counts.updated++;
        else counts.inserted++;
        if (++k % ROWS === 0) gap();
      }
    }),
  );
  if (!read.ok) return stopped(read.rows, read.invalid, read);
  if (read.fatal || read.aborted) return refused(read);
  return { type: 'done', staged: true, cancelled: false, rows: read.rows, ...counts, invalid: read.invalid, issues: read.issues, fatal: false, aborted: false };
}

const post = (fn: () => StagingMessage): StagingMessage | null => {
  try {
    const m = fn();
    port.postMessage(m);
    return m;
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies StagingMessage);
    return null;
  }
};
const result = post(run);
// Staged: this thread then waits for the swap and retires what it replaced, rather than
// a second thread loading (under tsx, compiling) the whole module graph again.
if (result?.type === 'done' && result.staged) {
  port.once('message', (m: unknown) => {
    if (m === 'retire') post(() => run({ ...init, task: 'retire' }));
    port.close();
  });
}
