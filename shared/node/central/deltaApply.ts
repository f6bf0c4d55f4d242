/**
 * A page of central member changes into a cache that has members (issue 17 §4), inside
 * the caller's transaction (the one that moves the cursor). The outcome for every
 * member is MemberStore.upsertMember's (same rows, keys, slots and name counts), but
 * done for the page at once instead of row by row:
 *   - the members the page names are read in one statement, and their SSN blocks in one
 *     more, each block opened once;
 *   - SSNs of new members fill new blocks of 32, sealed once each (upsertMember seals a
 *     block of one per new member), and a block whose SSNs changed is sealed again once;
 *   - name counts are summed per name and written once per name, not four statements a
 *     changed member;
 *   - index keys are deleted and inserted in key order.
 */
import { memberKeys, nameKeys, ssnKeys } from '../../common/match/blocking';
import { nameLetters } from '../../common/match/normalize';
import type { MemberRow } from '../../common/match/schemas';
import { DeskError } from '../../common/errors';
import type { Database } from '../db/database';
import { addNameSql, insertMembersSql, upsertApplicationSql, upsertCaseSql, type LiveMemberRow } from '../match/cacheSql';
import type { MemberStore, UpsertOutcome } from '../match/memberStore';
import { BLOCK_SLOTS, SsnVault, type SsnEntry } from '../security/ssnVault';
import { printKeys, printMatches, ssnPrint } from './ssnPrint';

type LiveMember = LiveMemberRow;

const COLUMNS = 'id, member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex, ssn_block, ssn_slot, head_of_household, ssn_print';

/**
 * A central change to a member. `ssn` is the SSN in clear, or undefined when the central
 * check (`ssn_check`) matched the SSN print the cache holds for the member (ssnPrint.ts):
 * the SSN is the one the cache has, and neither block is opened for it.
 */
export type DeltaRow = Omit<MemberRow, 'ssn'> & { ssn: string | null | undefined; ssn_check?: Buffer | null };

function statements(db: Database) {
  return {
    existing: db.prepare(`SELECT ${COLUMNS} FROM match_member WHERE member_id IN (SELECT value FROM json_each(?))`),
    block: db.prepare('SELECT sealed FROM match_ssn_block WHERE id = ?').pluck(),
    nextBlockId: db.prepare('SELECT coalesce(max(id), 0) + 1 FROM match_ssn_block').pluck(),
    insertBlock: db.prepare('INSERT INTO match_ssn_block (id, sealed) VALUES (?, ?)'),
    updateBlock: db.prepare('UPDATE match_ssn_block SET sealed = ? WHERE id = ?'),
    insertMember: db.prepare(insertMembersSql('match_member', 1, false, true)),
    updateMember: db.prepare(
      `UPDATE match_member SET case_number = ?, application_number = ?, first_name = ?, middle_name = ?, last_name = ?, suffix = ?,
         date_of_birth = ?, sex = ?, ssn_block = ?, ssn_slot = ?, head_of_household = ?, imported_at = ?, ssn_print = ? WHERE id = ?`,
    ),
    upsertCase: db.prepare(upsertCaseSql('match_case')),
    upsertApplication: db.prepare(upsertApplicationSql('match_application')),
    insertKey: db.prepare('INSERT OR IGNORE INTO match_key (key, member) VALUES (?, ?)'),
    deleteKey: db.prepare('DELETE FROM match_key WHERE key = ? AND member = ?'),
    addName: db.prepare(addNameSql('match_name_count')),
    dropName: db.prepare('UPDATE match_name_count SET members = members - ? WHERE part = ? AND name = ?'),
    // Deleted first when none would be left (the table holds counts above 0 only).
    deleteName: db.prepare('DELETE FROM match_name_count WHERE part = ? AND name = ? AND members <= ?'),
  };
}
const prepared = new WeakMap<Database, ReturnType<typeof statements>>();

export interface DeltaCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Applies `rows` (validated members, SSNs in clear in memory only) to the cache; the caller owns the transaction. */
export function applyMemberDelta(store: MemberStore, rows: readonly DeltaRow[], now: string): DeltaCounts {
  const db = store.db;
  let s = prepared.get(db);
  if (!s) {
    s = statements(db);
    prepared.set(db, s);
  }
  const vault = store.vault();
  const counts: DeltaCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const count = (o: UpsertOutcome) => counts[o]++;

  const live = new Map<string, LiveMember>();
  for (const m of s.existing.all(JSON.stringify(rows.map((r) => r.member_id))) as LiveMember[]) live.set(m.member_id, m);
  // A block is opened only when a member in it needs its SSN: it has no print, or its SSN or date of birth changed.
  const opened = new Map<number, SsnEntry[]>();
  const entriesOf = (block: number): SsnEntry[] => {
    let e = opened.get(block);
    if (!e) {
      const sealed = s.block.get(block) as Buffer | undefined;
      if (!sealed) throw new DeskError('unavailable', `A block of stored SSNs (${block}) is missing from the member cache. Re-import the members extract.`);
      e = vault.openBlock(block, sealed);
      opened.set(block, e);
    }
    return e;
  };
  const ssnOf = (m: LiveMember) => (m.ssn_block === null || m.ssn_slot === null ? null : SsnVault.ssnAt(entriesOf(m.ssn_block), m.ssn_slot, m.member_id, m.ssn_block));

  // New SSNs (new members, or members that had none) fill new blocks; changed ones keep their slot and their block is sealed again once.
  let nextBlock = s.nextBlockId.get() as number;
  const fresh: SsnEntry[][] = [];
  const newSlot = (memberId: string, ssn: string): [number, number] => {
    let last = fresh.at(-1);
    if (!last || last.length === BLOCK_SLOTS) {
      last = [];
      fresh.push(last);
    }
    last.push([memberId, ssn]);
    return [nextBlock + fresh.length - 1, last.length - 1];
  };
  const resealed = new Map<number, SsnEntry[]>();
  const names = new Map<string, number>();
  const countName = (part: 'first' | 'last', name: string, delta: number) => {
    const k = `${part}\u0000${nameLetters(name)}`;
    names.set(k, (names.get(k) ?? 0) + delta);
  };
  const dropKeys: [number, number][] = [];
  const addKeys: [number, number][] = [];
  const inserts: { row: DeltaRow & { ssn: string | null }; block: number | null; slot: number | null }[] = [];
  const printOf = (check: Buffer | null | undefined, keys: readonly number[]) => (check && keys.length ? ssnPrint(check, keys) : null);

  let lastCase = '';
  let lastStatus = '';
  for (const row of rows) {
    // As upsertMember: a changed case status or application makes an unchanged member "updated".
    let caseChanged = false;
    if (row.case_number !== lastCase || row.case_status !== lastStatus) {
      caseChanged = s.upsertCase.run(row.case_number, row.case_status, now).changes > 0;
      lastCase = row.case_number;
      lastStatus = row.case_status;
    }
    const applicationChanged = row.application_number ? s.upsertApplication.run(row.application_number, row.case_number, row.application_submitted_on, now).changes > 0 : false;
    const hoh = row.head_of_household ? 1 : 0;
    const existing = live.get(row.member_id);
    if (!existing) {
      if (row.ssn === undefined) throw changedMeanwhile(row.member_id);
      const [block, slot] = row.ssn === null ? [null, null] : newSlot(row.member_id, row.ssn);
      inserts.push({ row: { ...row, ssn: row.ssn }, block, slot });
      countName('first', row.first_name, 1);
      countName('last', row.last_name, 1);
      count('inserted');
      continue;
    }
    const print = existing.ssn_print ?? null;
    // The cache's SSN, opened only when needed (undefined: not opened).
    let existingSsn: string | null | undefined;
    const cached = () => (existingSsn === undefined ? (existingSsn = ssnOf(existing)) : existingSsn);
    let ssnSame: boolean;
    if (row.ssn === undefined) {
      // The puller matched the print before this transaction: a writer since then cleared or changed it.
      if (!printMatches(print, row.ssn_check ?? null)) throw changedMeanwhile(row.member_id);
      ssnSame = true;
    } else if (print && row.ssn_check !== undefined) ssnSame = printMatches(print, row.ssn_check);
    else ssnSame = cached() === row.ssn;
    const same =
      existing.case_number === row.case_number &&
      existing.application_number === row.application_number &&
      existing.first_name === row.first_name &&
      existing.middle_name === row.middle_name &&
      existing.last_name === row.last_name &&
      existing.suffix === row.suffix &&
      existing.date_of_birth === row.date_of_birth &&
      existing.sex === row.sex &&
      ssnSame &&
      existing.head_of_household === hoh;
    if (same) {
      count(caseChanged || applicationChanged ? 'updated' : 'unchanged');
      continue;
    }
    // The index keys as memberKeys makes them (name keys and SSN keys, once each); the SSN's old
    // keys are the print's when there is one (made with the member's date of birth as stored).
    const ssnKeysOf = (ssn: string | null, dateOfBirth: string) => (ssn === null ? [] : ssnKeys(ssn, dateOfBirth, vault.indexMac));
    const oldSsnKeys = print ? printKeys(print) : ssnKeysOf(cached(), existing.date_of_birth);
    const newSsn = row.ssn === undefined || ssnSame ? undefined : row.ssn;
    const newSsnKeys =
      newSsn !== undefined ? ssnKeysOf(newSsn, row.date_of_birth) : existing.date_of_birth === row.date_of_birth && print ? oldSsnKeys : ssnKeysOf(cached(), row.date_of_birth);
    const newKeys = [...new Set([...nameKeys({ firstName: row.first_name, lastName: row.last_name, dateOfBirth: row.date_of_birth }), ...newSsnKeys])];
    const oldKeys = [...new Set([...nameKeys({ firstName: existing.first_name, lastName: existing.last_name, dateOfBirth: existing.date_of_birth }), ...oldSsnKeys])];
    for (const k of oldKeys) if (!newKeys.includes(k)) dropKeys.push([k, existing.id]);
    for (const k of newKeys) if (!oldKeys.includes(k)) addKeys.push([k, existing.id]);
    // Kept when the SSN and the date did not change; made again from the central check when known.
    const newPrint = row.ssn === undefined && existing.date_of_birth === row.date_of_birth ? print : printOf(row.ssn_check, newSsnKeys);
    let block = existing.ssn_block;
    let slot = existing.ssn_slot;
    if (newSsn !== undefined) {
      if (block !== null && slot !== null) {
        const entries = resealed.get(block) ?? [...entriesOf(block)];
        entries[slot] = [row.member_id, newSsn];
        resealed.set(block, entries);
        opened.set(block, entries);
      } else if (newSsn !== null) [block, slot] = newSlot(row.member_id, newSsn);
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
      newPrint,
      existing.id,
    );
    if (nameLetters(existing.first_name) !== nameLetters(row.first_name)) {
      countName('first', existing.first_name, -1);
      countName('first', row.first_name, 1);
    }
    if (nameLetters(existing.last_name) !== nameLetters(row.last_name)) {
      countName('last', existing.last_name, -1);
      countName('last', row.last_name, 1);
    }
    count('updated');
  }

  for (const { row, block, slot } of inserts) {
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
      row.head_of_household ? 1 : 0,
      now,
      printOf(row.ssn_check, row.ssn === null ? [] : ssnKeys(row.ssn, row.date_of_birth, vault.indexMac)),
    );
    const id = Number(info.lastInsertRowid);
    for (const k of memberKeys({ firstName: row.first_name, lastName: row.last_name, dateOfBirth: row.date_of_birth, ssn: row.ssn }, vault.indexMac)) addKeys.push([k, id]);
  }
  fresh.forEach((entries, i) => s.insertBlock.run(nextBlock + i, vault.sealBlock(nextBlock + i, entries)));
  nextBlock += fresh.length;
  for (const [id, entries] of resealed) s.updateBlock.run(vault.sealBlock(id, entries), id);

  // Key order: neighbouring keys share index pages.
  const byKey = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
  for (const [k, m] of dropKeys.sort(byKey)) s.deleteKey.run(k, m);
  for (const [k, m] of addKeys.sort(byKey)) s.insertKey.run(k, m);

  for (const [k, delta] of names) {
    if (delta === 0) continue;
    const [part, letters] = k.split('\u0000') as [string, string];
    if (delta > 0) s.addName.run(part, letters, delta);
    else {
      if (s.deleteName.run(part, letters, -delta).changes === 0) s.dropName.run(-delta, part, letters);
    }
  }
  return counts;
}

function changedMeanwhile(memberId: string): DeskError {
  return new DeskError('unavailable', `Member ${memberId} was written in the cache while its central change was read; nothing of the page was applied. Pull again.`);
}
