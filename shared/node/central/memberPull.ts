/**
 * Members and associations down (issue 17 §4): the desk pulls what changed in the
 * central store into its SQLite cache, in pages, each page applied in one local
 * transaction together with the cursor — so a desk killed mid-pull resumes at the
 * page it was on, and lookups between pages see whole pages only.
 *
 * The cursor is (txid, key): rows in the order of the transactions that wrote them,
 * taken only below the oldest transaction still running on the server, so a load
 * or an association that commits late is never skipped (a sequence number would be:
 * a later number can commit first).
 *
 * SSNs arrive sealed under the contact-center key; they are opened here and go into
 * the cache sealed under this desk's own key (ssnVault.ts), as an import does.
 * A first pull into an empty cache is staged (still sealed under the contact-center
 * key) page by page, then applied in one transaction through the import's bulk path.
 */
import type pg from 'pg';
import { z } from 'zod';
import { DeskError } from '../../common/errors';
import { nameKeys } from '../../common/match/blocking';
import type { MemberRow } from '../../common/match/schemas';
import type { DeskCore } from '../host/deskCore';
import type { MemberStore } from '../match/memberStore';
import { CenterKey } from './centerKey';
import { applyMemberDelta, type DeltaRow } from './deltaApply';
import { printMatches } from './ssnPrint';
import { canStagePull, pullFirstStaged } from './pullStaging';
import { dropStaging, resumablePull } from '../match/stagingTables';
import { MEMBER_PAGE, MEMBER_SELECT, NO_CENTER_KEY, type CentralMemberRow } from './memberPage';
import type { SsnEntry } from '../security/ssnVault';

/** The part of the desk a pull uses, and no more. */
type PullCore = Pick<DeskCore, 'clock' | 'db' | 'settings'>;

export interface PullCounts {
  rows: number;
  pages: number;
}
export interface PullReport {
  associations: PullCounts;
  /** `resumed`: rows of a first pull a killed desk had staged, taken over (pullStaging.ts). */
  members: PullCounts & { staged: number; applied: number; first: boolean; resumed?: number };
}

const ASSOCIATION_CURSOR = 'central.cursor.associations';
const MEMBER_CURSOR = 'central.cursor.members';
const MEMBER_STAGING = 'central.memberStaging';
const Cursor = z.object({ txid: z.string().regex(/^\d+$/), key: z.string() });
type Cursor = z.infer<typeof Cursor>;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const ASSOCIATION_PAGE = 5_000;

export async function pullAssociations(core: PullCore, store: MemberStore, client: pg.ClientBase, all: boolean): Promise<PullCounts> {
  const counts: PullCounts = { rows: 0, pages: 0 };
  const processed = core.db.prepare('UPDATE consent_request SET processed = 1 WHERE case_number = ? AND agent_id = ? AND processed = 0 AND sent_at <= ?');
  for (;;) {
    const cursor = core.settings.get(ASSOCIATION_CURSOR, Cursor, { txid: '0', key: NIL_UUID });
    const r = await client.query<{ id: string; agent_id: string; agent_name: string; case_number: string; associated_on: string; created_at: Date; txid: string }>(
      `SELECT id, agent_id, agent_name, case_number, associated_on::text AS associated_on, created_at, txid::text AS txid
         FROM agent_association
        WHERE (txid, id) > ($1::xid8, $2::uuid) AND txid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY agent_association.txid, id LIMIT $3`,
      [cursor.txid, cursor.key, ASSOCIATION_PAGE],
    );
    if (!r.rows.length) break;
    const now = core.clock.now().toISOString();
    core.db.transaction(() => {
      for (const a of r.rows) {
        store.upsertAssociation({ agent_id: a.agent_id, agent_name: a.agent_name, case_number: a.case_number, associated_on: a.associated_on }, now);
        // Access was processed (at whichever desk): the 3-request count starts again for the pair here too.
        processed.run(a.case_number, a.agent_id, a.created_at.toISOString());
      }
      const last = r.rows[r.rows.length - 1]!;
      core.settings.set(ASSOCIATION_CURSOR, Cursor, { txid: last.txid, key: last.id });
    })();
    counts.rows += r.rows.length;
    counts.pages++;
    if (!all && r.rows.length < ASSOCIATION_PAGE) break;
  }
  return counts;
}

/** The page's members whose SSN print in the cache matches the central check (read again, in the transaction, by applyMemberDelta). */
function keptSsns(db: PullCore['db'], rows: readonly CentralMemberRow[]): Set<string> {
  const withCheck = rows.filter((m) => m.ssn_check !== null);
  const kept = new Set<string>();
  if (!withCheck.length) return kept;
  const checks = new Map(withCheck.map((m) => [m.member_id, m.ssn_check!]));
  const prints = db
    .prepare('SELECT member_id, ssn_print FROM match_member WHERE member_id IN (SELECT value FROM json_each(?)) AND ssn_print IS NOT NULL')
    .all(JSON.stringify([...checks.keys()])) as { member_id: string; ssn_print: Buffer }[];
  for (const p of prints) if (printMatches(p.ssn_print, checks.get(p.member_id)!)) kept.add(p.member_id);
  return kept;
}

function toRow(m: Omit<CentralMemberRow, 'txid' | 'ssn_block' | 'ssn_slot' | 'ssn_check'>, ssn: string | null): MemberRow {
  return {
    member_id: m.member_id,
    case_number: m.case_number,
    application_number: m.application_number,
    first_name: m.first_name,
    middle_name: m.middle_name,
    last_name: m.last_name,
    suffix: m.suffix,
    date_of_birth: m.date_of_birth,
    sex: m.sex,
    ssn,
    head_of_household: Boolean(m.head_of_household),
    case_status: m.case_status,
    application_submitted_on: m.application_submitted_on,
  };
}

/** The contact-center key, checked against the one the latest load was sealed with. */
async function checkedKey(client: pg.ClientBase, centerKey: () => CenterKey | null): Promise<CenterKey> {
  const key = centerKey();
  if (!key) throw new DeskError('refused', NO_CENTER_KEY);
  await checkKey(client, key);
  return key;
}

async function checkKey(client: pg.ClientBase, key: CenterKey): Promise<void> {
  const r = await client.query<{ key_check: string }>('SELECT key_check FROM member_load ORDER BY id DESC LIMIT 1');
  const expected = r.rows[0]?.key_check;
  if (expected && expected !== key.checkValue) {
    throw new DeskError('refused', "This desk's contact-center key is not the one the member extract was sealed with. Members were not pulled; nothing was opened.");
  }
}

export interface PullOptions {
  /** The central connection's settings: with them a first pull into an empty cache is staged by a thread of its own (pullStaging.ts). */
  config?: pg.ClientConfig;
  nativeBinding?: string;
  /** Stops a staged first pull at its next page (nothing swapped in). */
  signal?: AbortSignal;
  /** Rows per page of a staged first pull (tests make it small). */
  pageRows?: number;
  /** A staged first pull's rows so far, after each page. */
  onProgress?: (rows: number) => void;
}

/** Rows per multi-row INSERT into the stage: one statement run per 64 rows, not per row. */
const STAGE_ROWS = 64;
const STAGE_COLUMNS = 14;
/** The page cache while a pull writes (256 MiB, as applyStage's bulk load): a delta's random index pages stay read once. */
const PULL_CACHE = 'cache_size = -262144';

export async function pullMembers(
  core: PullCore,
  store: MemberStore,
  client: pg.ClientBase,
  centerKey: () => CenterKey | null,
  all: boolean,
  options: PullOptions = {},
): Promise<PullReport['members']> {
  const counts = { rows: 0, pages: 0, staged: 0, applied: 0, first: false };
  const db = core.db;
  let key: CenterKey | null = null;
  const cursor0 = core.settings.get(MEMBER_CURSOR, Cursor, { txid: '0', key: '' });
  // A first pull (nothing pulled yet, or only a stage the old way left) into an empty cache: written by its own thread and swapped in.
  if (
    options.config &&
    (cursor0.txid === '0' || core.settings.get(MEMBER_STAGING, z.boolean(), false)) &&
    canStagePull(store) &&
    (resumablePull(db) || (await anythingToPull(client, cursor0)))
  ) {
    const given = centerKey();
    if (given) await checkKey(client, given);
    const staged = await pullFirstStaged(
      store,
      options.config,
      given,
      (r) => {
        if (r.cursor) core.settings.set(MEMBER_CURSOR, Cursor, r.cursor);
        db.exec('DELETE FROM central_member_stage; DELETE FROM central_block_stage;');
        core.settings.set(MEMBER_STAGING, z.boolean(), false);
      },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(options.pageRows ? { pageRows: options.pageRows } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    );
    return { rows: staged.rows, pages: staged.pages, staged: staged.rows, applied: staged.rows, first: true, ...(staged.resumed ? { resumed: staged.resumed } : {}) };
  }
  // A first pull's stage left by a killed or stopped desk that cannot be resumed now (members written here since): dropped.
  if (resumablePull(db)) dropStaging(db, 'pull');
  // A first pull into an empty cache is staged, then bulk-applied once it has caught up.
  let staging = core.settings.get(MEMBER_STAGING, z.boolean(), false);
  if (!staging && cursor0.txid === '0' && store.isEmpty()) {
    staging = true;
    core.settings.set(MEMBER_STAGING, z.boolean(), true);
  }
  counts.first = staging;
  const stageSql = `INSERT OR REPLACE INTO central_member_stage (member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex, ssn_block, ssn_slot, head_of_household, case_status, application_submitted_on) VALUES `;
  const one = `(${Array(STAGE_COLUMNS).fill('?').join(',')})`;
  const stage = db.prepare(stageSql + one);
  const stageMany = db.prepare(stageSql + Array(STAGE_ROWS).fill(one).join(','));
  const stageBlock = db.prepare('INSERT OR REPLACE INTO central_block_stage (id, sealed) VALUES (?, ?)');
  const page = (c: Cursor) => {
    const q = client.query<CentralMemberRow>(MEMBER_SELECT, [c.txid, c.key, MEMBER_PAGE]);
    // Awaited later, or dropped with the connection when applying a page fails: never an unhandled rejection.
    q.catch(() => undefined);
    return q;
  };
  let next: Promise<pg.QueryResult<CentralMemberRow>> | null = page(cursor0);
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(PULL_CACHE);
  try {
    while (next) {
      const r = await next;
      next = null;
      if (!r.rows.length) break;
      const last = r.rows[r.rows.length - 1]!;
      // Members whose SSN print (ssnPrint.ts) matches the central check keep the SSN the cache has: their blocks are not fetched nor opened.
      const kept = staging ? new Set<string>() : keptSsns(db, r.rows);
      const blockIds = [...new Set(r.rows.filter((m) => m.ssn_block !== null && !kept.has(m.member_id)).map((m) => m.ssn_block!))];
      if (!key && blockIds.length) key = await checkedKey(client, centerKey);
      const blockQueries: Promise<pg.QueryResult<{ id: string; sealed: Buffer }>>[] = [];
      for (let i = 0; i < blockIds.length; i += 5_000) {
        const q = client.query<{ id: string; sealed: Buffer }>('SELECT id, sealed FROM member_ssn_block WHERE id = ANY($1::bigint[])', [blockIds.slice(i, i + 5_000)]);
        q.catch(() => undefined);
        blockQueries.push(q);
      }
      // The next page is asked for now, so the server reads it while this one is written here
      // (this page's last row is the cursor it will have). A short page was the last for now.
      const more = r.rows.length === MEMBER_PAGE;
      if (more) next = page({ txid: last.txid, key: last.member_id });
      const sealed = new Map<number, Buffer>();
      for (const q of blockQueries) for (const x of (await q).rows) sealed.set(Number(x.id), x.sealed);
      const now = core.clock.now().toISOString();
      if (staging) {
        db.transaction(() => {
          for (const [id, blob] of sealed) stageBlock.run(id, blob);
          const values: unknown[] = [];
          let pending = 0;
          for (const m of r.rows) {
            values.push(
              m.member_id,
              m.case_number,
              m.application_number,
              m.first_name,
              m.middle_name,
              m.last_name,
              m.suffix,
              m.date_of_birth,
              m.sex,
              m.ssn_block === null ? null : Number(m.ssn_block),
              m.ssn_slot,
              m.head_of_household ? 1 : 0,
              m.case_status,
              m.application_submitted_on,
            );
            if (++pending === STAGE_ROWS) {
              stageMany.run(values);
              values.length = 0;
              pending = 0;
            }
          }
          for (let i = 0; i < pending; i++) stage.run(values.slice(i * STAGE_COLUMNS, (i + 1) * STAGE_COLUMNS));
          core.settings.set(MEMBER_CURSOR, Cursor, { txid: last.txid, key: last.member_id });
        })();
        counts.staged += r.rows.length;
      } else {
        const opened = new Map<number, SsnEntry[]>();
        const ssnOf = (m: CentralMemberRow) => ssnFrom(key!, m.member_id, m.ssn_block === null ? null : Number(m.ssn_block), m.ssn_slot, (id) => sealed.get(id), opened);
        try {
          const rows = r.rows.map((m): DeltaRow => ({ ...toRow(m, null), ssn: kept.has(m.member_id) ? undefined : ssnOf(m), ssn_check: m.ssn_check }));
          db.transaction(() => {
            applyMemberDelta(store, rows, now);
            core.settings.set(MEMBER_CURSOR, Cursor, { txid: last.txid, key: last.member_id });
          })();
        } finally {
          store.forgetOpened();
        }
      }
      counts.rows += r.rows.length;
      counts.pages++;
      // In the background one page at a time is enough; the next tick takes the next.
      if (!all && !staging && !more) break;
      if (!next && !more) next = page({ txid: last.txid, key: last.member_id });
    }
    // Nothing staged yet (an empty extract so far): stay staging, so the first real one takes the bulk path.
    if (staging && (db.prepare('SELECT EXISTS (SELECT 1 FROM central_member_stage)').pluck().get() as number) === 1) {
      if (!key && db.prepare('SELECT EXISTS (SELECT 1 FROM central_block_stage)').pluck().get() === 1) key = await checkedKey(client, centerKey);
      counts.applied = applyStage(core, store, key);
    }
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
  }
  return counts;
}

/** The staged columns in `memberValues` order (the SSN's place holds its block), then the slot. */
const STAGED_VALUES = `SELECT member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex,
       ssn_block, head_of_household, case_status, application_submitted_on, ssn_slot
  FROM central_member_stage WHERE member_id > ? ORDER BY member_id LIMIT 20000`;

/**
 * The staged extract into the cache in one transaction, through the import's bulk path:
 * rows read as flat values and handed over as the import's reading thread hands them
 * (addValues), with no row object made per member.
 */
function applyStage(core: PullCore, store: MemberStore, key: CenterKey | null): number {
  const db = core.db;
  const now = core.clock.now().toISOString();
  let applied = 0;
  try {
    db.transaction(() => {
      const empty = store.isEmpty();
      const bulk = empty ? store.bulkLoader(now) : null;
      // In slices: better-sqlite3 runs no other statement while an iterator is open.
      const slice = db.prepare(STAGED_VALUES).raw();
      const blockOf = db.prepare('SELECT sealed FROM central_block_stage WHERE id = ?').pluck();
      const sealed = (id: number) => blockOf.get(id) as Buffer | undefined;
      const opened = new Map<number, SsnEntry[]>();
      for (let after = ''; ;) {
        const rows = slice.all(after) as unknown[][];
        if (!rows.length) break;
        for (const v of rows) {
          const memberId = v[0] as string;
          // The SSN's place held its central block; from here on it holds the SSN (or null).
          v[9] = ssnFrom(key!, memberId, v[9] as number | null, v[13] as number | null, sealed, opened);
          if (bulk) {
            const keys = nameKeys({ firstName: v[3] as string, lastName: v[5] as string, dateOfBirth: v[7] as string });
            bulk.addValues(v, 0, keys, 0, keys.length);
          } else store.upsertMember(rowOfValues(v), now);
          applied++;
        }
        after = rows[rows.length - 1]![0] as string;
      }
      bulk?.finish();
      db.exec('DELETE FROM central_member_stage; DELETE FROM central_block_stage;');
      core.settings.set(MEMBER_STAGING, z.boolean(), false);
    })();
  } finally {
    store.forgetOpened();
  }
  return applied;
}

/** A staged row (values as STAGED_VALUES reads them, the SSN in its place) as an import row. */
function rowOfValues(v: readonly unknown[]): MemberRow {
  return {
    member_id: v[0] as string,
    case_number: v[1] as string,
    application_number: v[2] as string | null,
    first_name: v[3] as string,
    middle_name: v[4] as string | null,
    last_name: v[5] as string,
    suffix: v[6] as string | null,
    date_of_birth: v[7] as string,
    sex: v[8] as MemberRow['sex'],
    ssn: v[9] as string | null,
    head_of_household: v[10] === 1,
    case_status: v[11] as MemberRow['case_status'],
    application_submitted_on: v[12] as string | null,
  };
}

/** A member's SSN from its central block (opened once, kept while a bounded number are open). */
function ssnFrom(
  key: CenterKey,
  memberId: string,
  block: number | null,
  slot: number | null,
  sealed: (id: number) => Buffer | undefined,
  opened: Map<number, SsnEntry[]>,
): string | null {
  if (block === null || slot === null) return null;
  let entries = opened.get(block);
  if (!entries) {
    const blob = sealed(block);
    if (!blob) throw new DeskError('unavailable', `The central store gave member ${memberId} an SSN block (${block}) it did not send. Pull again.`);
    entries = key.openBlock(block, blob);
    if (opened.size >= 4096) opened.clear();
    opened.set(block, entries);
  }
  return CenterKey.ssnAt(entries, slot, memberId, block);
}

/**
 * Whether the central extract has members beyond the cursor. A store with none yet (a new
 * contact center) left the cursor at its start, so every pull started a thread, a module load
 * each time, to find nothing: fifty desks of the push-lag bench in one process doing that every
 * pull interval held their pushes for up to 15 s.
 */
export async function anythingToPull(client: pg.ClientBase, cursor: Cursor): Promise<boolean> {
  const r = await client.query<{ any: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM member WHERE (txid, member_id) > ($1::xid8, $2) AND txid < pg_snapshot_xmin(pg_current_snapshot())) AS any',
    [cursor.txid, cursor.key],
  );
  return r.rows[0]?.any === true;
}
