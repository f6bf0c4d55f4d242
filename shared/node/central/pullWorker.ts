/**
 * The writing half of a staged first pull (pullStaging.ts), in a thread of its own with
 * its own SQLite connection and its own PostgreSQL connection: reads the central member
 * table page by page in change order, opens each page's SSN blocks with the
 * contact-center key, seals the SSNs again in blocks of 32 under this desk's key and
 * writes the pull's staging twins of the members tables (stagingTables.ts, kind
 * 'pull'), the way an import's staging thread writes its own (stagingWorker.ts): the
 * same statements (cacheSql.ts), index keys collected and written in key order at the
 * end, name counts made once. Short transactions that give way to the desk's requests.
 *
 * Never touches the live tables: the desk swaps the twins in, with the pull's cursor,
 * in one transaction. Killed or stopped before that, the cache is as it was and the
 * cursor where it was (the next open drops the twins).
 */
import BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type pg from 'pg';
import { nameKeys, ssnKeys } from '../../common/match/blocking';
import { DeskError } from '../../common/errors';
import { nameLetters } from '../../common/match/normalize';
import { addNameSql, insertMembersSql, MEMBER_INSERT_WIDTH, upsertApplicationSql, upsertCaseSql } from '../match/cacheSql';
import { createStaging, dropStaging, PULL_PROGRESS_TABLE, resumablePull, retiredTables, retireTable, stagingName } from '../match/stagingTables';
import { BLOCK_SLOTS, SsnVault, type DerivedKeys, type SsnEntry } from '../security/ssnVault';
import { CenterKey } from './centerKey';
import { openClient } from './connection';
import { MEMBER_PAGE, MEMBER_SELECT, NO_CENTER_KEY, type CentralMemberRow } from './memberPage';
import { printKeys, ssnPrint } from './ssnPrint';

export interface PullInit {
  dbPath: string;
  nativeBinding?: string;
  /** The desk's connection settings for the central store (a plain object, this process only). */
  config: pg.ClientConfig;
  /** The contact-center key's vault keys (null: none configured; a page with an SSN then stops the pull). */
  centerKeys: { vault: DerivedKeys } | null;
  /** The desk vault's derived keys: the SSNs are sealed here as the desk seals them. */
  deskKeys: DerivedKeys;
  now: string;
  /** Int32Array over it: [0] = 1 asks the thread to stop. */
  cancel: SharedArrayBuffer;
  /** The desk thread's `serving` flag (host/serving.ts). */
  serving: SharedArrayBuffer;
  /** Rows per page read from PostgreSQL (tests make it small). */
  pageRows?: number;
}

export type PullMessage =
  | { type: 'progress'; rows: number; pages: number }
  | { type: 'done'; staged: boolean; cancelled: boolean; rows: number; pages: number; cursor: { txid: string; key: string } | null; resumed: number }
  | { type: 'retired'; tables: number }
  | { type: 'error'; message: string; code?: string; deskError?: boolean };

const init = workerData as PullInit;
const port = parentPort!;
const cancelFlag = new Int32Array(init.cancel);
const cancelled = () => Atomics.load(cancelFlag, 0) === 1;
const deskServing = new Int32Array(init.serving);
const PAGE = init.pageRows ?? MEMBER_PAGE;

const ID_SPACE = 2_097_152; // 2^21: key (32 bits) × 2^21 + id stays an exact double
const ROWS = 64; // rows per multi-row INSERT
const KEY_BATCH = 8192; // index keys per write transaction
const WIDTH = MEMBER_INSERT_WIDTH + 1; // a member's values, then its SSN print

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

let written = 0;
/** One write transaction, committed early at a gap when the desk has a request waiting (as stagingWorker.write). */
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
  // The WAL copied back here, between transactions, not by a commit on the desk's thread.
  if (++written % 8 === 0) db.pragma('wal_checkpoint(PASSIVE)');
}

function openDb(): BetterSqlite3.Database {
  const db = new BetterSqlite3(init.dbPath, init.nativeBinding ? { nativeBinding: init.nativeBinding } : {});
  db.pragma('busy_timeout = 30000');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -262144');
  db.pragma('wal_autocheckpoint = 0');
  return db;
}

/**
 * How far a first pull got, one row (PULL_PROGRESS_TABLE) written in the transaction of
 * each page it staged: the page's cursor, the next member id and the SSN block being
 * filled (its first `block_len` entries are this pull's; the block is written sealed at
 * every page's end). `source` is the server and database the rows came from.
 */
interface Progress {
  source: string;
  txid: string;
  key: string;
  rows: number;
  pages: number;
  next_id: number;
  block_id: number;
  block_len: number;
}

const PROGRESS_COLUMNS = 'source, txid, key, rows, pages, next_id, block_id, block_len';

/** The central store a pull reads, without its credentials: a stage from another is not resumed. */
const sourceOf = (c: pg.ClientConfig) => `${c.host ?? ''}:${c.port ?? 5432}/${c.database ?? ''}/${c.user ?? ''}`;

/** The progress of a stage a killed desk left, when it can be resumed here (same central store, every table there). */
function progressToResume(db: BetterSqlite3.Database): Progress | null {
  if (!resumablePull(db)) return null;
  const p = db.prepare(`SELECT ${PROGRESS_COLUMNS} FROM ${PULL_PROGRESS_TABLE}`).get() as Progress | undefined;
  return p && p.source === sourceOf(init.config) ? p : null;
}

async function stage(db: BetterSqlite3.Database, client: pg.Client, resume: Progress | null): Promise<Extract<PullMessage, { type: 'done' }>> {
  const deskVault = new SsnVault(init.deskKeys);
  const centerKey = init.centerKeys ? new CenterKey(init.centerKeys) : null;
  const now = init.now;
  const t = {
    member: stagingName('match_member', 'pull'),
    key: stagingName('match_key', 'pull'),
    block: stagingName('match_ssn_block', 'pull'),
    case: stagingName('match_case', 'pull'),
    application: stagingName('match_application', 'pull'),
    names: stagingName('match_name_count', 'pull'),
  };
  // With each member's SSN print (ssnPrint.ts), so that a later delta need not open its block to see its SSN unchanged.
  const insertMembers = db.prepare(insertMembersSql(t.member, ROWS, true, true));
  const insertMember = db.prepare(insertMembersSql(t.member, 1, true, true));
  // OR REPLACE: the block being filled is written at each page's end, then again when full.
  const insertBlock = db.prepare(`INSERT OR REPLACE INTO ${t.block} (id, sealed) VALUES (?, ?)`);
  const setProgress = db.prepare(`INSERT INTO ${PULL_PROGRESS_TABLE} (rowid, ${PROGRESS_COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (rowid) DO UPDATE SET txid = excluded.txid, key = excluded.key, rows = excluded.rows, pages = excluded.pages,
      next_id = excluded.next_id, block_id = excluded.block_id, block_len = excluded.block_len`);
  const upsertCase = db.prepare(upsertCaseSql(t.case));
  const upsertApplication = db.prepare(upsertApplicationSql(t.application));
  const insertKey = db.prepare(`INSERT OR IGNORE INTO ${t.key} (key, member) VALUES (?, ?)`);
  const insertKeys = db.prepare(`INSERT OR IGNORE INTO ${t.key} (key, member) VALUES ${Array(256).fill('(?,?)').join(',')}`);
  const addName = db.prepare(addNameSql(t.names));

  let nextId = 1;
  let blockId = 1;
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
    else for (let i = 0; i < pendingRows; i++) insertMember.run(pending.slice(i * WIDTH, (i + 1) * WIDTH));
    pending = [];
    pendingRows = 0;
  };
  // Central blocks opened lately: a page's blocks, and the one it shares with the next.
  const opened = new Map<number, SsnEntry[]>();

  const page = (c: { txid: string; key: string }) => {
    const q = client.query<CentralMemberRow>(MEMBER_SELECT, [c.txid, c.key, PAGE]);
    q.catch(() => undefined);
    return q;
  };
  let cursor: { txid: string; key: string } | null = null;
  let rows = 0;
  let pages = 0;
  const source = sourceOf(init.config);
  const addKeys = (id: number, keys: readonly number[]) => {
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
  if (resume) {
    // Resumed after the last page the killed pull committed: what a page cut short by the kill
    // wrote after its last commit is taken away, and the keys and name counts (written only at
    // the end) are made again from the members staged, as this pull would have had them in memory.
    write(db, () => {
      db.prepare(`DELETE FROM ${t.member} WHERE id >= ?`).run(resume.next_id);
      db.prepare(`DELETE FROM ${t.block} WHERE id > ?`).run(resume.block_len > 0 ? resume.block_id : resume.block_id - 1);
      db.exec(`DELETE FROM ${t.key}; DELETE FROM ${t.names};`);
    });
    nextId = resume.next_id;
    blockId = resume.block_id;
    if (resume.block_len > 0) {
      const sealed = db.prepare(`SELECT sealed FROM ${t.block} WHERE id = ?`).pluck().get(blockId) as Buffer | undefined;
      if (!sealed) throw new Error('The SSN block a resumed pull was filling is missing; it starts over.');
      block = deskVault.openBlock(blockId, sealed).slice(0, resume.block_len);
    }
    rows = resume.rows;
    pages = resume.pages;
    cursor = { txid: resume.txid, key: resume.key };
    const slice = db.prepare(`SELECT id, member_id, first_name, last_name, date_of_birth, ssn_block, ssn_slot, ssn_print FROM ${t.member} WHERE id > ? ORDER BY id LIMIT 20000`);
    const blockOf = db.prepare(`SELECT sealed FROM ${t.block} WHERE id = ?`).pluck();
    const own = new Map<number, SsnEntry[]>();
    // Read outside a write transaction (only this thread writes the twins); keys of ids past ID_SPACE written after.
    const late: [number, number][] = [];
    {
      for (let after = 0; ;) {
        const staged = slice.all(after) as {
          id: number;
          member_id: string;
          first_name: string;
          last_name: string;
          date_of_birth: string;
          ssn_block: number | null;
          ssn_slot: number | null;
          ssn_print: Buffer | null;
        }[];
        if (!staged.length) break;
        for (const m of staged) {
          firstSeen.set(m.first_name, (firstSeen.get(m.first_name) ?? 0) + 1);
          lastSeen.set(m.last_name, (lastSeen.get(m.last_name) ?? 0) + 1);
          const keys = nameKeys({ firstName: m.first_name, lastName: m.last_name, dateOfBirth: m.date_of_birth });
          let ssnKeyList: number[] = [];
          if (m.ssn_print) ssnKeyList = printKeys(m.ssn_print);
          else if (m.ssn_block !== null && m.ssn_slot !== null) {
            // No print (a central row without its check): its SSN keys from the block it was sealed in here.
            let e = own.get(m.ssn_block) ?? (m.ssn_block === blockId && block.length ? block : undefined);
            if (!e) {
              e = deskVault.openBlock(m.ssn_block, blockOf.get(m.ssn_block) as Buffer);
              if (own.size > 64) own.clear();
              own.set(m.ssn_block, e);
            }
            const ssn = SsnVault.ssnAt(e, m.ssn_slot, m.member_id, m.ssn_block);
            if (ssn !== null) ssnKeyList = ssnKeys(ssn, m.date_of_birth, deskVault.indexMac);
          }
          for (const k of ssnKeyList) if (!keys.includes(k)) keys.push(k);
          if (m.id >= ID_SPACE) for (const k of keys) late.push([k, m.id]);
          else addKeys(m.id, keys);
        }
        after = staged[staged.length - 1]!.id;
      }
    }
    for (let i = 0; i < late.length; i += KEY_BATCH) write(db, () => late.slice(i, i + KEY_BATCH).forEach(([k, id]) => insertKey.run(k, id)));
    port.postMessage({ type: 'progress', rows, pages } satisfies PullMessage);
  }
  const resumed = rows;
  let next: Promise<pg.QueryResult<CentralMemberRow>> | null = page(cursor ?? { txid: '0', key: '' });
  while (next) {
    const r = await next;
    next = null;
    if (cancelled()) return { type: 'done', staged: false, cancelled: true, rows, pages, cursor: null, resumed };
    if (!r.rows.length) break;
    const last = r.rows[r.rows.length - 1]!;
    // The next page is read by the server while this one is written here; a short page was the last for now.
    if (r.rows.length === PAGE) next = page({ txid: last.txid, key: last.member_id });
    // Kept from the page before: the block it shares with this one (a full map is emptied first, never mid-page).
    if (opened.size > 4096) opened.clear();
    const wanted = new Set<number>();
    for (const m of r.rows) if (m.ssn_block !== null && !opened.has(Number(m.ssn_block))) wanted.add(Number(m.ssn_block));
    if (wanted.size) {
      if (!centerKey) throw new DeskError('refused', NO_CENTER_KEY);
      const ids = [...wanted];
      const got = new Map<number, Buffer>();
      for (let i = 0; i < ids.length; i += 5_000) {
        const b = await client.query<{ id: string; sealed: Buffer }>('SELECT id, sealed FROM member_ssn_block WHERE id = ANY($1::bigint[])', [ids.slice(i, i + 5_000)]);
        for (const x of b.rows) got.set(Number(x.id), x.sealed);
      }
      for (const id of ids) {
        const blob = got.get(id);
        if (!blob) throw new DeskError('unavailable', `The central store named an SSN block (${id}) it did not send. Pull again.`);
        opened.set(id, centerKey.openBlock(id, blob));
      }
    }
    write(db, (gap) => {
      for (const m of r.rows) {
        if (m.case_number !== lastCase || m.case_status !== lastStatus) {
          upsertCase.run(m.case_number, m.case_status, now);
          lastCase = m.case_number;
          lastStatus = m.case_status;
        }
        if (m.application_number) upsertApplication.run(m.application_number, m.case_number, m.application_submitted_on, now);
        firstSeen.set(m.first_name, (firstSeen.get(m.first_name) ?? 0) + 1);
        lastSeen.set(m.last_name, (lastSeen.get(m.last_name) ?? 0) + 1);
        const id = nextId++;
        let ssn: string | null = null;
        if (m.ssn_block !== null && m.ssn_slot !== null) {
          const b = Number(m.ssn_block);
          ssn = CenterKey.ssnAt(opened.get(b)!, m.ssn_slot, m.member_id, b);
        }
        pending.push(id, m.member_id, m.case_number, m.application_number, m.first_name, m.middle_name, m.last_name, m.suffix, m.date_of_birth, m.sex);
        if (ssn === null) pending.push(null, null);
        else {
          pending.push(blockId, block.length);
          block.push([m.member_id, ssn]);
          if (block.length === BLOCK_SLOTS) {
            insertBlock.run(blockId, deskVault.sealBlock(blockId, block));
            blockId++;
            block = [];
          }
        }
        const ssnKeyList = ssn === null ? null : ssnKeys(ssn, m.date_of_birth, deskVault.indexMac);
        pending.push(m.head_of_household ? 1 : 0, now, ssnKeyList && m.ssn_check ? ssnPrint(m.ssn_check, ssnKeyList) : null);
        if (++pendingRows === ROWS) {
          flushMembers();
          gap();
        }
        const keys = nameKeys({ firstName: m.first_name, lastName: m.last_name, dateOfBirth: m.date_of_birth });
        if (ssnKeyList) for (const k of ssnKeyList) if (!keys.includes(k)) keys.push(k);
        addKeys(id, keys);
      }
      if (pendingRows) flushMembers();
      // The page's end, in its transaction: the block being filled as it stands, and how far the pull got.
      if (block.length) insertBlock.run(blockId, deskVault.sealBlock(blockId, block));
      setProgress.run(source, last.txid, last.member_id, rows + r.rows.length, pages + 1, nextId, blockId, block.length);
    });
    rows += r.rows.length;
    pages++;
    cursor = { txid: last.txid, key: last.member_id };
    port.postMessage({ type: 'progress', rows, pages } satisfies PullMessage);
  }
  if (block.length) {
    const lastBlock = block;
    write(db, () => insertBlock.run(blockId, deskVault.sealBlock(blockId, lastBlock)));
  }
  // The index keys in key order: the B-tree grows by appending, a short transaction at a time.
  const sorted = pairs.subarray(0, n).sort();
  const params = new Array<number>(512);
  for (let i = 0; i < n;) {
    if (cancelled()) return { type: 'done', staged: false, cancelled: true, rows, pages, cursor: null, resumed };
    const end = Math.min(n, i + KEY_BATCH);
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
    });
  }
  const names: [string, string, number][] = [];
  for (const [part, seen] of [
    ['first', firstSeen],
    ['last', lastSeen],
  ] as const) {
    const byLetters = new Map<string, number>();
    for (const [name, count] of seen) {
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
  if (cancelled()) return { type: 'done', staged: false, cancelled: true, rows, pages, cursor: null, resumed };
  return { type: 'done', staged: rows > 0, cancelled: false, rows, pages, cursor, resumed };
}

function errorMessage(error: unknown): PullMessage {
  const e = error as { message?: string; code?: unknown };
  return {
    type: 'error',
    message: e?.message ?? String(error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    ...(error instanceof DeskError ? { deskError: true } : {}),
  };
}

async function main(): Promise<void> {
  const db = openDb();
  let staged = false;
  try {
    // A stage a killed desk left is resumed after its last committed page; otherwise a fresh one.
    const resume = progressToResume(db);
    if (!resume) {
      createStaging(db, 'pull');
      db.exec(`DROP TABLE IF EXISTS ${PULL_PROGRESS_TABLE};
        CREATE TABLE ${PULL_PROGRESS_TABLE} (source TEXT NOT NULL, txid TEXT NOT NULL, key TEXT NOT NULL, rows INTEGER NOT NULL, pages INTEGER NOT NULL,
          next_id INTEGER NOT NULL, block_id INTEGER NOT NULL, block_len INTEGER NOT NULL)`);
    }
    const client = await openClient(init.config);
    let done: Extract<PullMessage, { type: 'done' }>;
    try {
      done = await stage(db, client, resume);
    } finally {
      await client.end().catch(() => undefined);
    }
    // Stopped (the desk closing): kept with its progress, for the next pull to resume; nothing to stage (an empty extract): dropped.
    if (!done.staged && !done.cancelled) dropStaging(db, 'pull');
    staged = done.staged;
    db.pragma('wal_checkpoint(PASSIVE)');
    port.postMessage(done);
  } catch (error) {
    try {
      dropStaging(db, 'pull');
    } catch {
      // the desk drops them at its next open
    }
    port.postMessage(errorMessage(error));
  }
  if (!staged) {
    db.close();
    port.close();
    return;
  }
  // Staged: the desk swaps the twins in, then this thread empties and drops the tables they replaced.
  port.once('message', (m: unknown) => {
    try {
      if (m === 'retire') {
        const tables = retiredTables(db, 'pull');
        for (const table of tables) retireTable(db, table, (fn) => write(db, fn));
        port.postMessage({ type: 'retired', tables: tables.length } satisfies PullMessage);
      }
    } catch (error) {
      port.postMessage(errorMessage(error));
    } finally {
      db.pragma('wal_checkpoint(PASSIVE)');
      db.close();
      port.close();
    }
  });
}

void main();
