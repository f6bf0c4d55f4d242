import type { Clock } from '../../common/clock';
import { memberKeys, nameKeys, ssnKeys } from '../../common/match/blocking';
import { NameCountTable, type NameCounts } from '../../common/match/frequencies';
import { nameLetters } from '../../common/match/normalize';
import { BLOCK_SLOTS, SsnVault, type SsnEntry } from '../security/ssnVault';
import type { AssociationRow, MatchMember, MemberRow, Sex } from '../../common/match/schemas';
import type { Database } from '../db/database';
import { DeskError } from '../../common/errors';
import { addNameSql, associationExistsSql, insertMembersSql, MEMBER_INSERT_WIDTH, upsertApplicationSql, upsertAssociationSql, upsertCaseSql } from './cacheSql';

/**
 * The member-match cache on SQLite (migration 0002). Writes are upserts by member_id
 * (and by case/agent for associations), so importing the same extract twice changes
 * nothing. Every read a lookup makes goes through an index: the candidate index
 * (match_key), member_id, case_number or application_number — never a scan.
 * SSNs go in sealed, in blocks of up to 32, and come out opened (ssnVault.ts); the
 * index holds keyed MACs of them. The vault is asked for only when an SSN is touched, so reading cases or
 * counting members needs no key.
 * match_name_count (migration 0014) follows every member write: how many members bear
 * each first and last name, for the frequency-based name weights of scoring.ts.
 */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

interface MemberDbRow {
  id: number;
  member_id: string;
  case_number: string;
  application_number: string | null;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  suffix: string | null;
  date_of_birth: string;
  sex: Sex;
  ssn_block: number | null;
  ssn_slot: number | null;
  head_of_household: number;
}

export interface CaseInfo {
  caseNumber: string;
  status: string;
}
export interface ApplicationInfo {
  applicationNumber: string;
  caseNumber: string;
  submittedOn: string | null;
}
export interface AgentAssociation {
  agentId: string;
  agentName: string;
  associatedOn: string;
}
export interface MemberDetails extends MatchMember {
  middleName: string | null;
  suffix: string | null;
  applicationNumber: string | null;
  headOfHousehold: boolean;
}

/** The same definitions as migration 0002; the bulk loader drops and rebuilds them (from these when the file has none). */
const MEMBER_ID_INDEX = 'CREATE UNIQUE INDEX IF NOT EXISTS match_member_member_id ON match_member (member_id)';
const MEMBER_CASE_INDEX = 'CREATE INDEX IF NOT EXISTS match_member_case ON match_member (case_number)';
const MEMBER_APPLICATION_INDEX = 'CREATE INDEX IF NOT EXISTS match_member_application ON match_member (application_number) WHERE application_number IS NOT NULL';

const memberColumns = 'id, member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex, ssn_block, ssn_slot, head_of_household';

export class MemberStore {
  readonly db: Database;
  readonly #clock: Clock;
  readonly vault: () => SsnVault;
  readonly #s;

  constructor(db: Database, clock: Clock, vault: () => SsnVault) {
    this.db = db;
    this.#clock = clock;
    this.vault = vault;
    this.#s = {
      byMemberId: db.prepare(`SELECT ${memberColumns} FROM match_member WHERE member_id = ?`),
      insertMember: db.prepare(insertMembersSql('match_member', 1, false)),
      insertMemberWithId: db.prepare(insertMembersSql('match_member', 1)),
      // The central SSN print (migration 0024) is not known here: cleared, so a delta opens the block again.
      updateMember: db.prepare(
        `UPDATE match_member SET case_number = ?, application_number = ?, first_name = ?, middle_name = ?, last_name = ?, suffix = ?,
           date_of_birth = ?, sex = ?, ssn_block = ?, ssn_slot = ?, head_of_household = ?, imported_at = ?, ssn_print = NULL WHERE id = ?`,
      ),
      insertKey: db.prepare('INSERT OR IGNORE INTO match_key (key, member) VALUES (?, ?)'),
      deleteKey: db.prepare('DELETE FROM match_key WHERE key = ? AND member = ?'),
      upsertCase: db.prepare(upsertCaseSql('match_case')),
      upsertApplication: db.prepare(upsertApplicationSql('match_application')),
      upsertAssociation: db.prepare(upsertAssociationSql('match_association')),
      associationExists: db.prepare(associationExistsSql('match_association')).pluck(),
      candidates: db.prepare(`SELECT ${memberColumns} FROM match_member WHERE id IN (SELECT DISTINCT member FROM match_key WHERE key IN (SELECT value FROM json_each(?)))`),
      byCase: db.prepare(`SELECT ${memberColumns} FROM match_member WHERE case_number = ? ORDER BY head_of_household DESC, member_id`),
      byApplication: db.prepare(`SELECT ${memberColumns} FROM match_member WHERE application_number = ? ORDER BY head_of_household DESC, member_id`),
      caseInfo: db.prepare('SELECT case_number AS caseNumber, status FROM match_case WHERE case_number = ?'),
      applicationsOfCase: db.prepare(
        'SELECT application_number AS applicationNumber, case_number AS caseNumber, submitted_on AS submittedOn FROM match_application WHERE case_number = ? ORDER BY submitted_on DESC',
      ),
      applicationInfo: db.prepare(
        'SELECT application_number AS applicationNumber, case_number AS caseNumber, submitted_on AS submittedOn FROM match_application WHERE application_number = ?',
      ),
      associations: db.prepare(
        'SELECT agent_id AS agentId, agent_name AS agentName, associated_on AS associatedOn FROM match_association WHERE case_number = ? ORDER BY associated_on DESC, agent_id',
      ),
      ssnOf: db.prepare('SELECT member_id, ssn_block, ssn_slot FROM match_member WHERE member_id = ?'),
      block: db.prepare('SELECT sealed FROM match_ssn_block WHERE id = ?').pluck(),
      insertBlock: db.prepare('INSERT INTO match_ssn_block (id, sealed) VALUES (?, ?)'),
      updateBlock: db.prepare('UPDATE match_ssn_block SET sealed = ? WHERE id = ?'),
      nextBlockId: db.prepare('SELECT coalesce(max(id), 0) + 1 FROM match_ssn_block').pluck(),
      memberCount: db.prepare('SELECT count(*) FROM match_member').pluck(),
      addName: db.prepare(addNameSql('match_name_count')),
      dropName: db.prepare('UPDATE match_name_count SET members = members - 1 WHERE part = ? AND name = ? AND members > 1'),
      deleteName: db.prepare('DELETE FROM match_name_count WHERE part = ? AND name = ? AND members = 1'),
      allNames: db.prepare('SELECT part, name, members FROM match_name_count'),
    };
  }

  /** The cache's name counts, read once and again after any member write. */
  #nameCounts: NameCountTable | null = null;

  nameCounts(): NameCounts {
    if (!this.#nameCounts) {
      const t = new NameCountTable();
      let members = 0;
      for (const r of this.#s.allNames.iterate() as IterableIterator<{ part: 'first' | 'last'; name: string; members: number }>) {
        t.set(r.part, r.name, r.members);
        if (r.part === 'first') members += r.members;
      }
      t.setMembers(members);
      this.#nameCounts = t;
    }
    return this.#nameCounts;
  }

  #countName(part: 'first' | 'last', name: string, delta: 1 | -1): void {
    const letters = nameLetters(name);
    if (delta === 1) this.#s.addName.run(part, letters, 1);
    else if (this.#s.dropName.run(part, letters).changes === 0) this.#s.deleteName.run(part, letters);
    this.#nameCounts = null;
  }

  /** Whether the cache holds no members (the import then skips per-row look-ups). */
  isEmpty(): boolean {
    return this.db.prepare('SELECT NOT EXISTS (SELECT 1 FROM match_member)').pluck().get() === 1;
  }

  memberCount(): number {
    return this.#s.memberCount.get() as number;
  }

  /**
   * Upserts one validated members.csv row and its case, application and index keys.
   * Must run inside the caller's transaction.
   */
  upsertMember(row: MemberRow, now: string): UpsertOutcome {
    const s = this.#s;
    const vault = this.vault();
    // A changed case status is a change the import reports (issue 14 §7), even when the member row is the same.
    const caseChanged = s.upsertCase.run(row.case_number, row.case_status, now).changes > 0;
    const applicationChanged = row.application_number ? s.upsertApplication.run(row.application_number, row.case_number, row.application_submitted_on, now).changes > 0 : false;
    const existing = s.byMemberId.get(row.member_id) as MemberDbRow | undefined;
    const hoh = row.head_of_household ? 1 : 0;
    const keysOf = () => memberKeys({ firstName: row.first_name, lastName: row.last_name, dateOfBirth: row.date_of_birth, ssn: row.ssn }, vault.indexMac);
    if (!existing) {
      const [block, slot] = row.ssn === null ? [null, null] : this.#newBlock(vault, row.member_id, row.ssn);
      const info = s.insertMember.run(
        row.member_id,
        row.case_number,
        row.application_number,
        row.first_name,
        row.middle_name,
        row.last_name,
        row.suffix,
        row.date_of_birth,
        row.sex,
        block,
        slot,
        hoh,
        now,
      );
      const id = Number(info.lastInsertRowid);
      for (const k of keysOf()) s.insertKey.run(k, id);
      this.#countName('first', row.first_name, 1);
      this.#countName('last', row.last_name, 1);
      return 'inserted';
    }
    const existingSsn = this.#ssnOf(existing, this.#recent);
    const same =
      existing.case_number === row.case_number &&
      existing.application_number === row.application_number &&
      existing.first_name === row.first_name &&
      existing.middle_name === row.middle_name &&
      existing.last_name === row.last_name &&
      existing.suffix === row.suffix &&
      existing.date_of_birth === row.date_of_birth &&
      existing.sex === row.sex &&
      existingSsn === row.ssn &&
      existing.head_of_household === hoh;
    if (same) return caseChanged || applicationChanged ? 'updated' : 'unchanged';
    const newKeys = keysOf();
    const oldKeys = memberKeys({ firstName: existing.first_name, lastName: existing.last_name, dateOfBirth: existing.date_of_birth, ssn: existingSsn }, vault.indexMac);
    for (const k of oldKeys) if (!newKeys.includes(k)) s.deleteKey.run(k, existing.id);
    let block = existing.ssn_block;
    let slot = existing.ssn_slot;
    if (existingSsn !== row.ssn) {
      if (block !== null && slot !== null) {
        // The member keeps its slot; the block is sealed again with the new SSN (or none), so the old one is gone.
        const entries = [...this.#entries(block, this.#recent)];
        entries[slot] = [row.member_id, row.ssn];
        s.updateBlock.run(vault.sealBlock(block, entries), block);
        this.#recent.set(block, entries);
      } else if (row.ssn !== null) {
        [block, slot] = this.#newBlock(vault, row.member_id, row.ssn);
      }
    }
    s.updateMember.run(
      row.case_number,
      row.application_number,
      row.first_name,
      row.middle_name,
      row.last_name,
      row.suffix,
      row.date_of_birth,
      row.sex,
      block,
      slot,
      hoh,
      now,
      existing.id,
    );
    for (const k of newKeys) s.insertKey.run(k, existing.id);
    for (const [part, before, after] of [
      ['first', existing.first_name, row.first_name],
      ['last', existing.last_name, row.last_name],
    ] as const) {
      if (nameLetters(before) === nameLetters(after)) continue;
      this.#countName(part, before, -1);
      this.#countName(part, after, 1);
    }
    return 'updated';
  }

  /** A block of one, for a member added outside a bulk load. */
  #newBlock(vault: SsnVault, memberId: string, ssn: string): [number, number] {
    const id = this.#s.nextBlockId.get() as number;
    this.#s.insertBlock.run(id, vault.sealBlock(id, [[memberId, ssn]]));
    return [id, 0];
  }

  /**
   * Blocks opened lately, so that re-importing an extract opens each block once, not
   * once per member. Bounded, and emptied when an import ends (forgetOpened).
   */
  readonly #recent = new Map<number, SsnEntry[]>();

  #entries(block: number, cache: Map<number, SsnEntry[]>): SsnEntry[] {
    let entries = cache.get(block);
    if (!entries) {
      const sealed = this.#s.block.get(block) as Buffer | undefined;
      if (!sealed) throw new DeskError('unavailable', `A block of stored SSNs (${block}) is missing from the member cache. Re-import the members extract.`);
      entries = this.vault().openBlock(block, sealed);
      if (cache.size >= 64) cache.clear();
      cache.set(block, entries);
    }
    return entries;
  }

  #ssnOf(r: Pick<MemberDbRow, 'member_id' | 'ssn_block' | 'ssn_slot'>, cache: Map<number, SsnEntry[]>): string | null {
    if (r.ssn_block === null || r.ssn_slot === null) return null;
    return SsnVault.ssnAt(this.#entries(r.ssn_block, cache), r.ssn_slot, r.member_id, r.ssn_block);
  }

  /** A committed import of an extract: when, for "No match" to name (issue 11 §12). Inside the import's transaction. */
  markImported(kind: 'members' | 'associations', at: string): void {
    this.db.prepare('INSERT INTO match_extract (kind, imported_at) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET imported_at = excluded.imported_at').run(kind, at);
  }

  /** When the members extract was last imported, or null for an empty cache. */
  membersImportedAt(): string | null {
    return (this.db.prepare("SELECT imported_at FROM match_extract WHERE kind = 'members'").pluck().get() as string | undefined) ?? null;
  }

  /** Drops the SSNs an import opened; called when it ends. */
  forgetOpened(): void {
    this.#recent.clear();
    // And the name counts, read again from the table: right after a rollback too.
    this.#nameCounts = null;
  }

  /**
   * The candidate index (match_key) made again from the members, e.g. after damage to
   * it alone (issue 14 §6): it holds nothing the members do not. The caller owns the
   * transaction; returns the number of members indexed.
   */
  rebuildKeys(): number {
    const vault = this.vault();
    const cache = new Map<number, SsnEntry[]>();
    const insert = this.db.prepare('INSERT OR IGNORE INTO match_key (key, member) VALUES (?, ?)');
    this.db.prepare('DELETE FROM match_key').run();
    // In pages: a statement cannot write while another one is still being read.
    const page = this.db.prepare(`SELECT ${memberColumns} FROM match_member WHERE id > ? ORDER BY id LIMIT 5000`);
    let n = 0;
    let after = 0;
    for (;;) {
      const rows = page.all(after) as MemberDbRow[];
      if (!rows.length) return n;
      for (const r of rows) {
        const ssn = this.#ssnOf(r, cache);
        for (const k of memberKeys({ firstName: r.first_name, lastName: r.last_name, dateOfBirth: r.date_of_birth, ssn }, vault.indexMac)) insert.run(k, r.id);
        n++;
      }
      after = rows.at(-1)!.id;
    }
  }

  upsertAssociation(row: AssociationRow, now: string): UpsertOutcome {
    const existed = this.#s.associationExists.get(row.case_number, row.agent_id) === 1;
    const info = this.#s.upsertAssociation.run(row.agent_id, row.case_number, row.agent_name, row.associated_on, now);
    // changes is 0 when the row was already the same (the DO UPDATE's WHERE was false).
    if (info.changes === 0) return 'unchanged';
    return existed ? 'updated' : 'inserted';
  }

  /**
   * Loading into an empty cache: members go in without the secondary indexes (rebuilt
   * once at the end, which sorts instead of inserting at random), and the (key, member)
   * pairs are collected, sorted and written in key order so the candidate index B-tree
   * grows by appending. Runs inside the caller's transaction, so a rollback undoes the
   * index drop too.
   */
  bulkLoader(now: string): BulkLoader {
    const s = this.#s;
    const db = this.db;
    const vault = this.vault();
    this.#recent.clear();
    // By their names in the file: a staged import (stagingTables.ts) leaves them under their other names.
    const memberIndexes = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'match_member' AND sql IS NOT NULL").all() as {
      name: string;
      sql: string;
    }[];
    for (const i of memberIndexes) db.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
    const ID_SPACE = 2_097_152; // 2^21: key (32 bits) × 2^21 + id stays an exact double
    const ROWS = 64; // rows per multi-row INSERT: fewer statement runs, same SQL
    const insertMembers = db.prepare(insertMembersSql('match_member', ROWS));
    const insertKeys = db.prepare(
      `INSERT INTO match_key (key, member) VALUES ${Array(ROWS * 4)
        .fill('(?,?)')
        .join(',')}`,
    );
    let nextId = ((db.prepare('SELECT coalesce(max(id), 0) FROM match_member').pluck().get() as number) ?? 0) + 1;
    let pending: unknown[] = [];
    let pendingRows = 0;
    let pairs = new Float64Array(1 << 22);
    let n = 0;
    // SSNs fill blocks of BLOCK_SLOTS in file order; a block is sealed and written when full.
    let blockId = s.nextBlockId.get() as number;
    let block: SsnEntry[] = [];
    const flushBlock = () => {
      if (block.length === 0) return;
      s.insertBlock.run(blockId, vault.sealBlock(blockId, block));
      blockId++;
      block = [];
    };
    const extra: number[] = [0, 0];
    // Names as spelled, counted per row (a Map hit); folded to letters once at the end.
    const firstSeen = new Map<string, number>();
    const lastSeen = new Map<string, number>();
    let lastCase = '';
    let lastStatus = '';
    const flushMembers = () => {
      if (pendingRows === ROWS) insertMembers.run(pending);
      else {
        const single = s.insertMemberWithId;
        for (let i = 0; i < pendingRows; i++) single.run(pending.slice(i * MEMBER_INSERT_WIDTH, (i + 1) * MEMBER_INSERT_WIDTH));
      }
      pending = [];
      pendingRows = 0;
    };
    return {
      add(row: MemberRow): UpsertOutcome {
        const keys = nameKeys({ firstName: row.first_name, lastName: row.last_name, dateOfBirth: row.date_of_birth });
        return this.addValues(memberValues(row), 0, keys, 0, keys.length);
      },
      addValues(v: readonly unknown[], o: number, keys: ArrayLike<number>, ko: number, kn: number): UpsertOutcome {
        const caseNumber = v[o + 1] as string;
        const caseStatus = v[o + 11] as string;
        if (caseNumber !== lastCase || caseStatus !== lastStatus) {
          s.upsertCase.run(caseNumber, caseStatus, now);
          lastCase = caseNumber;
          lastStatus = caseStatus;
        }
        if (v[o + 2]) s.upsertApplication.run(v[o + 2], caseNumber, v[o + 12], now);
        const first = v[o + 3] as string;
        const last = v[o + 5] as string;
        firstSeen.set(first, (firstSeen.get(first) ?? 0) + 1);
        lastSeen.set(last, (lastSeen.get(last) ?? 0) + 1);
        const id = nextId++;
        pending.push(id);
        for (let i = 0; i < 9; i++) pending.push(v[o + i]);
        const ssn = v[o + 9] as string | null;
        if (ssn === null) pending.push(null, null);
        else {
          pending.push(blockId, block.length);
          block.push([v[o] as string, ssn]);
          if (block.length === BLOCK_SLOTS) flushBlock();
        }
        pending.push(v[o + 10], now);
        if (++pendingRows === ROWS) flushMembers();
        // The SSN keys are made here: the reading thread holds no key. One that happens to
        // equal a name key of the same member is already filed.
        let sk = 0;
        if (ssn !== null) {
          for (const k of ssnKeys(ssn, v[o + 7] as string, vault.indexMac)) {
            let dup = false;
            for (let i = 0; i < kn; i++) if (keys[ko + i] === k) dup = true;
            if (!dup) extra[sk++] = k;
          }
        }
        if (id >= ID_SPACE) {
          for (let i = 0; i < kn; i++) s.insertKey.run(keys[ko + i], id);
          for (let i = 0; i < sk; i++) s.insertKey.run(extra[i], id);
          return 'inserted';
        }
        if (n + kn + sk > pairs.length) {
          const bigger = new Float64Array(pairs.length * 2);
          bigger.set(pairs);
          pairs = bigger;
        }
        for (let i = 0; i < kn; i++) pairs[n++] = keys[ko + i]! * ID_SPACE + id;
        for (let i = 0; i < sk; i++) pairs[n++] = extra[i]! * ID_SPACE + id;
        return 'inserted';
      },
      finish: (): void => {
        if (pendingRows) flushMembers();
        flushBlock();
        const sorted = pairs.subarray(0, n).sort();
        const batch = ROWS * 4;
        const params = new Array<number>(batch * 2);
        let i = 0;
        for (; i + batch <= n; i += batch) {
          for (let j = 0; j < batch; j++) {
            const x = sorted[i + j]!;
            params[2 * j] = Math.floor(x / ID_SPACE);
            params[2 * j + 1] = x % ID_SPACE;
          }
          insertKeys.run(params);
        }
        for (; i < n; i++) {
          const x = sorted[i]!;
          s.insertKey.run(Math.floor(x / ID_SPACE), x % ID_SPACE);
        }
        if (memberIndexes.length) for (const i of memberIndexes) db.exec(i.sql);
        else db.exec(`${MEMBER_ID_INDEX}; ${MEMBER_CASE_INDEX}; ${MEMBER_APPLICATION_INDEX};`);
        for (const [part, seen] of [
          ['first', firstSeen],
          ['last', lastSeen],
        ] as const) {
          const byLetters = new Map<string, number>();
          for (const [name, n] of seen) {
            const letters = nameLetters(name);
            byLetters.set(letters, (byLetters.get(letters) ?? 0) + n);
          }
          for (const [letters, n] of byLetters) s.addName.run(part, letters, n);
        }
        this.#nameCounts = null;
      },
    };
  }

  /** Members filed under any of the given blocking keys (one indexed statement). */
  candidates(keys: readonly number[]): MemberDetails[] {
    return this.#details(this.#s.candidates.all(JSON.stringify(keys)) as MemberDbRow[]);
  }

  membersOfCase(caseNumber: string): MemberDetails[] {
    return this.#details(this.#s.byCase.all(caseNumber) as MemberDbRow[]);
  }

  membersOfApplication(applicationNumber: string): MemberDetails[] {
    return this.#details(this.#s.byApplication.all(applicationNumber) as MemberDbRow[]);
  }

  /** Opens the blocks of the rows a lookup returns (a handful), never the whole cache. */
  #details(rows: MemberDbRow[]): MemberDetails[] {
    const opened = new Map<number, SsnEntry[]>();
    return rows.map((r) => toDetails(r, this.#ssnOf(r, opened)));
  }

  caseInfo(caseNumber: string): CaseInfo | null {
    return (this.#s.caseInfo.get(caseNumber) as CaseInfo | undefined) ?? null;
  }

  applicationsOfCase(caseNumber: string): ApplicationInfo[] {
    return this.#s.applicationsOfCase.all(caseNumber) as ApplicationInfo[];
  }

  applicationInfo(applicationNumber: string): ApplicationInfo | null {
    return (this.#s.applicationInfo.get(applicationNumber) as ApplicationInfo | undefined) ?? null;
  }

  associationsOfCase(caseNumber: string): AgentAssociation[] {
    return this.#s.associations.all(caseNumber) as AgentAssociation[];
  }

  /** The SSN on file, for a deliberate reveal only (the caller audits it). */
  ssnOf(memberId: string): string | null | undefined {
    const row = this.#s.ssnOf.get(memberId) as Pick<MemberDbRow, 'member_id' | 'ssn_block' | 'ssn_slot'> | undefined;
    return row === undefined ? undefined : this.#ssnOf(row, new Map());
  }

  now(): string {
    return this.#clock.now().toISOString();
  }
}

export interface BulkLoader {
  add(row: MemberRow): UpsertOutcome;
  /** One member as the 13 values of `memberValues` at v[o…], with its name and date keys (`nameKeys`) at keys[ko…ko+kn); the SSN keys are made here. */
  addValues(v: readonly unknown[], o: number, keys: ArrayLike<number>, ko: number, kn: number): UpsertOutcome;
  finish(): void;
}

/** A row as flat values in members.csv column order (head_of_household as 0/1), for cheap hand-over between threads. */
export function memberValues(r: MemberRow): unknown[] {
  return [
    r.member_id,
    r.case_number,
    r.application_number,
    r.first_name,
    r.middle_name,
    r.last_name,
    r.suffix,
    r.date_of_birth,
    r.sex,
    r.ssn,
    r.head_of_household ? 1 : 0,
    r.case_status,
    r.application_submitted_on,
  ];
}
export const MEMBER_VALUES = 13;

function toDetails(r: MemberDbRow, ssn: string | null): MemberDetails {
  return {
    id: r.id,
    memberId: r.member_id,
    caseNumber: r.case_number,
    applicationNumber: r.application_number,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    suffix: r.suffix,
    dateOfBirth: r.date_of_birth,
    sex: r.sex,
    ssn,
    headOfHousehold: r.head_of_household === 1,
  };
}
