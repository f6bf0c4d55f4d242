/**
 * `central load members <csv>` (issue 17 §4): the marketplace's members.csv into the
 * central store, validated row by row exactly as a desk import is (csvRows.ts and the
 * importer's validateRecord), streamed with COPY FROM STDIN into a temporary table in
 * one transaction, then upserted: any bad row and nothing is loaded. SSNs go in sealed
 * under the contact-center key, never in clear. Unchanged members keep their txid, so
 * desks pull only what this load changed.
 *
 * COPY rather than INSERTs: a million rows in one statement stream, ~10× fewer round
 * trips and no parameter limit (pg-copy-streams is node-postgres's COPY companion).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { MemberRow } from '../../common/match/schemas';
import { CsvChunkReader, type CsvRecord } from '../match/csvRows';
import { fileChunks, headerIssues, MAX_ISSUES, validateRecord, type ImportIssue } from '../match/importer';
import { BLOCK_SLOTS, CenterKey } from './centerKey';
import type { SsnEntry } from '../security/ssnVault';
import { assertCentralVersion, MIGRATE_LOCK } from './schema';

export interface LoadReport {
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  committed: boolean;
  issues: ImportIssue[];
  loadId: number | null;
  durationMs: number;
  rowsPerSecond: number;
}

/** COPY's text format: tab-separated, \N for NULL, backslash escapes. */
function cell(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}
const bytea = (b: Buffer | null) => (b === null ? '\\N' : `\\\\x${b.toString('hex')}`);

function copyLine(r: MemberRow, key: CenterKey, place: (memberId: string, ssn: string) => [number, number]): string {
  const [block, slot] = r.ssn === null ? [null, null] : place(r.member_id, r.ssn);
  const check = r.ssn === null ? null : key.check(r.member_id, r.ssn);
  return [
    cell(r.member_id),
    cell(r.case_number),
    cell(r.application_number),
    cell(r.first_name),
    cell(r.middle_name),
    cell(r.last_name),
    cell(r.suffix),
    r.date_of_birth,
    r.sex,
    block === null ? '\\N' : String(block),
    slot === null ? '\\N' : String(slot),
    bytea(check),
    r.head_of_household ? 't' : 'f',
    cell(r.case_status),
    r.application_submitted_on ?? '\\N',
  ].join('\t');
}

const COLUMNS =
  'member_id, case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex, ssn_block, ssn_slot, ssn_check, head_of_household, case_status, application_submitted_on';
const DATA = 'case_number, application_number, first_name, middle_name, last_name, suffix, date_of_birth, sex, ssn_check, head_of_household, case_status, application_submitted_on';

const changedOrNew = `m.member_id IS NULL OR (${DATA.split(', ')
  .map((c) => `m.${c}`)
  .join(', ')}) IS DISTINCT FROM (${DATA.split(', ')
  .map((c) => `i.${c}`)
  .join(', ')})`;

/**
 * A re-load: only the members it inserts or changes take new SSN blocks. Placed in file
 * order they sat one to a block among unchanged members (a 1 % change: a block per changed
 * member), and a desk pulling the change opened and fetched a block per member; packed
 * into blocks of their own, one per 32. Returns the blocks to store (the packed ones);
 * the members' places in member_in are moved to them. The SSNs are read back from the
 * blocks this load sealed, in this process, and never leave it in clear.
 */
async function packChanged(client: pg.ClientBase, key: CenterKey, sealedInFileOrder: readonly { id: number; sealed: Buffer }[]): Promise<{ id: number; sealed: Buffer }[]> {
  const moving = await client.query<{ member_id: string; ssn_block: string; ssn_slot: number }>(
    `SELECT i.member_id, i.ssn_block, i.ssn_slot FROM member_in i LEFT JOIN member m ON m.member_id = i.member_id
      WHERE i.ssn_block IS NOT NULL AND (${changedOrNew}) ORDER BY i.ssn_block, i.ssn_slot`,
  );
  if (!moving.rows.length) return [];
  const need = Math.ceil(moving.rows.length / BLOCK_SLOTS);
  const newIds = (await client.query<{ id: string }>("SELECT nextval('member_ssn_block_id') AS id FROM generate_series(1, $1)", [need])).rows.map((x) => Number(x.id));
  const sealedOf = new Map(sealedInFileOrder.map((b) => [b.id, b.sealed]));
  const packed: { id: number; sealed: Buffer }[] = [];
  const members: string[] = [];
  const places: number[] = [];
  const slots: number[] = [];
  let openId = -1;
  let opened: SsnEntry[] = [];
  let entries: SsnEntry[] = [];
  const flush = () => {
    const id = newIds[packed.length]!;
    packed.push({ id, sealed: key.sealBlock(id, entries) });
    entries = [];
  };
  for (const r of moving.rows) {
    const from = Number(r.ssn_block);
    if (from !== openId) {
      opened = key.openBlock(from, sealedOf.get(from)!);
      openId = from;
    }
    members.push(r.member_id);
    places.push(newIds[packed.length]!);
    slots.push(entries.length);
    entries.push([r.member_id, CenterKey.ssnAt(opened, r.ssn_slot, r.member_id, from)]);
    if (entries.length === BLOCK_SLOTS) flush();
  }
  if (entries.length) flush();
  await client.query(
    `UPDATE member_in i SET ssn_block = u.block, ssn_slot = u.slot FROM unnest($1::text[], $2::bigint[], $3::smallint[]) AS u (member_id, block, slot) WHERE i.member_id = u.member_id`,
    [members, places, slots],
  );
  return packed;
}

export async function loadMembers(client: pg.ClientBase, file: string, key: CenterKey, options: { onProgress?: (rows: number) => void } = {}): Promise<LoadReport> {
  const started = performance.now();
  const issues: ImportIssue[] = [];
  let rows = 0;
  let invalid = 0;
  let fatal = false;
  const reader = new CsvChunkReader();
  const seen = new Map<string, number>();
  let headerChecked = false;
  const sha = createHash('sha256');
  const addIssue = (i: ImportIssue) => void (issues.length < MAX_ISSUES && issues.push(i));
  const checkHeader = () => {
    if (headerChecked || !reader.header) return;
    headerChecked = true;
    const hi = headerIssues('members', reader.header);
    if (hi.length) {
      hi.forEach(addIssue);
      fatal = true;
    }
  };
  // SSNs fill blocks of 32 in file order; a full block is sealed and kept for the second COPY.
  const ids: number[] = [];
  let blocks: { id: number; sealed: Buffer }[] = [];
  let blockId = 0;
  let entries: SsnEntry[] = [];
  const flushBlock = () => {
    if (!entries.length) return;
    blocks.push({ id: blockId, sealed: key.sealBlock(blockId, entries) });
    entries = [];
  };
  const place = (memberId: string, ssn: string): [number, number] => {
    if (entries.length === 0) blockId = ids.pop()!;
    entries.push([memberId, ssn]);
    const at: [number, number] = [blockId, entries.length - 1];
    if (entries.length === BLOCK_SLOTS) flushBlock();
    return at;
  };
  // Block ids come from a sequence, taken before the COPY starts (no other query can run during it):
  // a members.csv row is at least 40 bytes, so the file cannot need more than this many.
  const reserveIds = async () => {
    const need = Math.ceil(fs.statSync(file).size / 40 / BLOCK_SLOTS) + 2;
    const r = await client.query<{ id: string }>("SELECT nextval('member_ssn_block_id') AS id FROM generate_series(1, $1)", [need]);
    ids.push(...r.rows.map((x) => Number(x.id)).reverse());
  };
  const lines = (records: CsvRecord[]): string => {
    let out = '';
    for (const rec of records) {
      checkHeader();
      rows++;
      const v = validateRecord('members', reader.header!, rec, seen);
      if (!v.ok) {
        invalid++;
        v.issues.forEach(addIssue);
        continue;
      }
      // After a bad row keep validating, to report every one, but seal and send nothing more.
      if (invalid === 0 && !fatal) out += copyLine(v.row as unknown as MemberRow, key, place) + '\n';
    }
    return out;
  };

  const { from: copyFrom } = await import('pg-copy-streams');
  await client.query('BEGIN');
  let open = true;
  try {
    // One load at a time: the txids of one load must all be below the next one's.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK + 1]);
    await assertCentralVersion(client);
    await client.query(`CREATE TEMP TABLE member_in (
      member_id text, case_number text, application_number text, first_name text, middle_name text, last_name text, suffix text,
      date_of_birth date, sex text, ssn_block bigint, ssn_slot smallint, ssn_check bytea, head_of_household boolean, case_status text, application_submitted_on date) ON COMMIT DROP`);
    await reserveIds();
    const copy = client.query(copyFrom(`COPY member_in (${COLUMNS}) FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      copy.on('finish', resolve);
      copy.on('error', reject);
    });
    const send = async (text: string) => {
      if (text && !copy.write(text)) await new Promise<void>((r) => copy.once('drain', r));
    };
    for (const chunk of fileChunks(file)) {
      sha.update(chunk);
      await send(lines(reader.push(chunk)));
      options.onProgress?.(rows);
    }
    await send(lines(reader.end()));
    flushBlock();
    checkHeader();
    if (!headerChecked) {
      addIssue({ line: 1, column: '(header)', reason: 'The file is empty: expected a header row.' });
      fatal = true;
    }
    copy.end();
    await done;
    if (fatal || invalid > 0) {
      await client.query('ROLLBACK');
      open = false;
      return report(false, 0, 0, 0, null);
    }
    const counts = await client.query<{ inserted: number; updated: number; unchanged: number }>(`
      SELECT count(*) FILTER (WHERE m.member_id IS NULL)::int AS inserted,
             count(*) FILTER (WHERE m.member_id IS NOT NULL AND (${DATA.split(', ')
               .map((c) => `m.${c}`)
               .join(', ')}) IS DISTINCT FROM (${DATA.split(', ')
               .map((c) => `i.${c}`)
               .join(', ')}))::int AS updated,
             count(*) FILTER (WHERE m.member_id IS NOT NULL AND (${DATA.split(', ')
               .map((c) => `m.${c}`)
               .join(', ')}) IS NOT DISTINCT FROM (${DATA.split(', ')
               .map((c) => `i.${c}`)
               .join(', ')}))::int AS unchanged
        FROM member_in i LEFT JOIN member m ON m.member_id = i.member_id`);
    const c = counts.rows[0]!;
    if (c.unchanged > 0) blocks = await packChanged(client, key, blocks);
    // The sealed blocks; those only unchanged members were placed in are dropped below.
    const blockCopy = client.query(copyFrom('COPY member_ssn_block (id, sealed) FROM STDIN'));
    const blocksDone = new Promise<void>((resolve, reject) => {
      blockCopy.on('finish', resolve);
      blockCopy.on('error', reject);
    });
    for (let i = 0; i < blocks.length; i += 1024) {
      const text = blocks
        .slice(i, i + 1024)
        .map((b) => `${b.id}\t${bytea(b.sealed)}\n`)
        .join('');
      if (!blockCopy.write(text)) await new Promise<void>((r) => blockCopy.once('drain', r));
    }
    blockCopy.end();
    await blocksDone;
    const load = await client.query<{ id: string }>(
      'INSERT INTO member_load (file_name, file_sha256, rows, inserted, updated, unchanged, key_check) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [path.basename(file), sha.digest('hex'), rows, c.inserted, c.updated, c.unchanged, key.checkValue],
    );
    const loadId = Number(load.rows[0]!.id);
    await client.query(
      `INSERT INTO member (${COLUMNS}, load_id) SELECT ${COLUMNS}, $1 FROM member_in
       ON CONFLICT (member_id) DO UPDATE SET ${DATA.split(', ')
         .map((col) => `${col} = excluded.${col}`)
         .join(', ')}, ssn_block = excluded.ssn_block, ssn_slot = excluded.ssn_slot,
         load_id = excluded.load_id, txid = pg_current_xact_id()
       WHERE (${DATA.split(', ')
         .map((col) => `member.${col}`)
         .join(', ')}) IS DISTINCT FROM (${DATA.split(', ')
         .map((col) => `excluded.${col}`)
         .join(', ')})`,
      [loadId],
    );
    // Blocks no member points at any more (this load's for unchanged members, earlier ones for changed members).
    await client.query('DELETE FROM member_ssn_block b WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.ssn_block = b.id)');
    await client.query('COMMIT');
    open = false;
    return report(true, c.inserted, c.updated, c.unchanged, loadId);
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
  }

  function report(committed: boolean, inserted: number, updated: number, unchanged: number, loadId: number | null): LoadReport {
    const durationMs = performance.now() - started;
    return {
      file,
      rows,
      inserted,
      updated,
      unchanged,
      invalid,
      committed,
      issues,
      loadId,
      durationMs: Math.round(durationMs),
      rowsPerSecond: durationMs > 0 ? Math.round((rows / durationMs) * 1000) : rows,
    };
  }
}
