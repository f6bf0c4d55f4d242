import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import { DeskError } from '../../common/errors';
import { associationColumns, associationRowSchema, memberColumns, memberCsvSchema, toMemberRow } from '../../common/match/schemas';
import { CsvChunkReader, type CsvRecord } from './csvRows';
import type { MemberStore, UpsertOutcome } from './memberStore';
import { csvDocument } from '../../common/csv';

/**
 * CSV imports into the member-match cache (issue 4 §1). One import is one transaction:
 * by default any bad row aborts it — nothing is written — and the report lists every
 * bad cell (line, column, reason); with skipInvalid the good rows land and the bad ones
 * are listed (the CLI writes them to a report file). Rows are validated with zod.
 */
export type ImportKind = 'members' | 'associations';

export interface ImportIssue {
  line: number;
  column: string;
  reason: string;
}

export interface ImportReport {
  kind: ImportKind;
  /** Data rows read (header excluded). */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  /** Whether anything was written (false when a bad row aborted the import). */
  committed: boolean;
  skipInvalid: boolean;
  /** Bad cells, first MAX_ISSUES of them; `invalid` counts every bad row. */
  issues: ImportIssue[];
  issuesTruncated: boolean;
  durationMs: number;
  rowsPerSecond: number;
}

export const MAX_ISSUES = 1000;

/** What an import's audit entry says: counts only, never a resident's data. */
export interface ImportCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  committed: boolean;
}

export interface ImportOptions {
  skipInvalid?: boolean;
  /**
   * Records the import in the audit log. Called inside the import's transaction just
   * before it commits, so the rows and their audit entry land together or not at all
   * (issue 14 §7: a kill between COMMIT and a later append left 200,000 rows with no
   * entry); for an import that writes nothing, called after it rolled back.
   */
  audit?: (counts: ImportCounts) => void;
  /** Called every few thousand rows (for progress bars). */
  onProgress?: (rowsDone: number) => void;
}

const specs = {
  members: {
    schema: memberCsvSchema,
    shape: (v: unknown) => toMemberRow(v as never) as unknown as Record<string, unknown>,
    columns: memberColumns as readonly string[],
    key: (r: Record<string, string>) => r.member_id ?? '',
  },
  associations: {
    schema: associationRowSchema,
    shape: (v: unknown) => v as Record<string, unknown>,
    columns: associationColumns as readonly string[],
    key: (r: Record<string, string>) => `${r.case_number}\u0000${r.agent_id}`,
  },
} as const;

/** Thrown inside the transaction to roll it back when a bad row aborts the import. */
class AbortImport extends Error {}

/**
 * Validates rows as chunks arrive (no writes): used while the UI uploads a file, so
 * the rep sees bad rows and progress before committing.
 */
export class ImportValidator {
  readonly kind: ImportKind;
  readonly #reader = new CsvChunkReader();
  readonly #seen = new Map<string, number>();
  rows = 0;
  invalid = 0;
  readonly issues: ImportIssue[] = [];
  #headerChecked = false;

  constructor(kind: ImportKind) {
    this.kind = kind;
  }

  push(chunk: string): void {
    this.#consume(this.#reader.push(chunk));
  }

  end(): void {
    this.#consume(this.#reader.end());
    if (!this.#headerChecked) this.#issue({ line: 1, column: '(header)', reason: 'The file is empty: expected a header row.' });
  }

  #issue(i: ImportIssue): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(i);
  }

  #consume(records: CsvRecord[]): void {
    for (const rec of records) {
      if (!this.#headerChecked) this.#checkHeader();
      const result = validateRecord(this.kind, this.#reader.header!, rec, this.#seen);
      this.rows++;
      if (!result.ok) {
        this.invalid++;
        for (const i of result.issues) this.#issue(i);
      }
    }
    if (!this.#headerChecked && this.#reader.header) this.#checkHeader();
  }

  #checkHeader(): void {
    this.#headerChecked = true;
    for (const i of headerIssues(this.kind, this.#reader.header ?? [])) {
      this.invalid++;
      this.#issue(i);
    }
  }
}

export function headerIssues(kind: ImportKind, header: string[]): ImportIssue[] {
  const missing = specs[kind].columns.filter((c) => !header.includes(c));
  return missing.map((c) => ({ line: 1, column: c, reason: `The header has no ${c} column.` }));
}

export type Validated = { ok: true; row: Record<string, unknown> } | { ok: false; issues: ImportIssue[] };

export function validateRecord(kind: ImportKind, header: string[], rec: CsvRecord, seen: Map<string, number>): Validated {
  const spec = specs[kind];
  const raw: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) raw[header[i]!] = (rec.cells[i] ?? '').trim();
  const issues: ImportIssue[] = [];
  if (rec.cells.length !== header.length) {
    issues.push({ line: rec.line, column: '(row)', reason: `Expected ${header.length} cells, found ${rec.cells.length}.` });
  }
  const parsed = (spec.schema as z.ZodType).safeParse(raw);
  if (!parsed.success) {
    const byColumn = new Set<string>();
    for (const issue of parsed.error.issues) {
      const column = String(issue.path[0] ?? '(row)');
      if (byColumn.has(column)) continue;
      byColumn.add(column);
      issues.push({ line: rec.line, column, reason: issue.message });
    }
  }
  const key = spec.key(raw);
  const first = seen.get(key);
  if (first !== undefined && issues.length === 0) {
    issues.push({ line: rec.line, column: kind === 'members' ? 'member_id' : 'agent_id', reason: `Appears again in this file (first on line ${first}).` });
  } else if (first === undefined) seen.set(key, rec.line);
  if (issues.length) return { ok: false, issues };
  return { ok: true, row: spec.shape(parsed.data) };
}

/**
 * Imports a whole extract given as text chunks, synchronously, in one transaction.
 * Returns the report; when a bad row aborts it (no skipInvalid), `committed` is false
 * and the cache is exactly as before.
 */
export function importChunks(store: MemberStore, kind: ImportKind, chunks: Iterable<string>, options: ImportOptions = {}): ImportReport {
  const started = performance.now();
  const skipInvalid = options.skipInvalid === true;
  const counts: Record<UpsertOutcome, number> = { inserted: 0, updated: 0, unchanged: 0 };
  const issues: ImportIssue[] = [];
  let rows = 0;
  let invalid = 0;
  let aborted = false;
  const now = store.now();
  const db = store.db;
  const reader = new CsvChunkReader();
  const seen = new Map<string, number>();
  let headerChecked = false;
  // Into an empty cache, members take the bulk path (memberStore.bulkLoader).
  const knownNew = kind === 'members' && store.isEmpty();
  let bulk: ReturnType<MemberStore['bulkLoader']> | null = null;
  const addIssue = (i: ImportIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(i);
  };

  // fatal: nothing can be written (bad header, empty file); aborted: a bad row without skipInvalid.
  let fatal = false;
  const consume = (records: CsvRecord[]) => {
    for (const rec of records) {
      if (!headerChecked) {
        headerChecked = true;
        const hi = headerIssues(kind, reader.header ?? []);
        if (hi.length) {
          hi.forEach(addIssue);
          fatal = true;
        }
      }
      rows++;
      const v = validateRecord(kind, reader.header!, rec, seen);
      if (!v.ok) {
        invalid++;
        v.issues.forEach(addIssue);
        if (!skipInvalid) aborted = true;
        continue;
      }
      // After an abort keep validating, to report every bad row, but write nothing more.
      if (aborted || fatal) continue;
      const outcome = kind === 'associations' ? store.upsertAssociation(v.row as never, now) : bulk ? bulk.add(v.row as never) : store.upsertMember(v.row as never, now);
      counts[outcome]++;
      if (options.onProgress && rows % 10_000 === 0) options.onProgress(rows);
    }
  };

  // A bigger page cache for the length of the import keeps the index B-trees in memory.
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  try {
    db.transaction(() => {
      if (knownNew) bulk = store.bulkLoader(now);
      for (const chunk of chunks) consume(reader.push(chunk));
      consume(reader.end());
      if (!headerChecked && reader.header) {
        // A header and no rows: check the header all the same; nothing else to write.
        headerChecked = true;
        const hi = headerIssues(kind, reader.header);
        if (hi.length) {
          hi.forEach(addIssue);
          fatal = true;
        }
      }
      if (bulk && !fatal && !aborted) bulk.finish();
      if (!headerChecked) {
        addIssue({ line: 1, column: '(header)', reason: 'The file is empty: expected a header row.' });
        fatal = true;
      }
      if (fatal || aborted) throw new AbortImport();
      store.markImported(kind, now);
      options.audit?.({ rows, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, invalid, committed: true });
    })();
  } catch (error) {
    if (!(error instanceof AbortImport)) throw error;
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
    store.forgetOpened();
  }
  const committed = !fatal && !aborted;
  if (!committed) options.audit?.({ rows, inserted: 0, updated: 0, unchanged: 0, invalid, committed: false });
  const durationMs = performance.now() - started;
  if (options.onProgress) options.onProgress(rows);
  return {
    kind,
    rows,
    inserted: committed ? counts.inserted : 0,
    updated: committed ? counts.updated : 0,
    unchanged: committed ? counts.unchanged : 0,
    invalid,
    committed,
    skipInvalid,
    issues,
    issuesTruncated: issues.length >= MAX_ISSUES,
    durationMs: Math.round(durationMs),
    rowsPerSecond: durationMs > 0 ? Math.round((rows / durationMs) * 1000) : rows,
  };
}

/** Reads a file in 1 MB pieces as UTF-8 text, synchronously (for the one-transaction import). */
export function* fileChunks(file: string, size = 1 << 20): Generator<string> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw new DeskError('not_found', `Cannot open ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`, { file: 'The file cannot be opened.' });
  }
  const decoder = new StringDecoder('utf8');
  const buf = Buffer.allocUnsafe(size);
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, size, null);
      if (n === 0) break;
      yield decoder.write(buf.subarray(0, n));
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

export function importFile(store: MemberStore, kind: ImportKind, file: string, options: ImportOptions = {}): ImportReport {
  return importChunks(store, kind, fileChunks(file), options);
}

/** The bad rows as CSV (line, column, reason) for --skip-invalid's report file. */
export function issuesCsv(issues: readonly ImportIssue[]): string {
  return csvDocument(
    ['line', 'column', 'reason'],
    issues.map((i) => [i.line, i.column, i.reason]),
  );
}
