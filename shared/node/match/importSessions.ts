import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeskError } from '../../common/errors';
import type { AuditLog } from '../audit/auditLog';
import type { EventHub } from '../host/events';
import { importFile, ImportValidator, type ImportKind, type ImportReport } from './importer';
import { canStage, importStaged } from './importStaging';
import type { MemberStore } from './memberStore';

/**
 * Imports started from a file picker (Electron window or browser harness). Chunks are
 * validated as they arrive — so the progress bar and the first bad rows show early —
 * and staged in a private temp file; nothing touches the cache until commit. The file
 * is then written by the staging thread while the desk keeps answering
 * (importStaging.ts), and Cancel works through that write too; only a cache the
 * thread cannot open (in memory) is written in one transaction here. Cancel leaves
 * the cache as it was.
 */
interface Session {
  id: string;
  kind: ImportKind;
  skipInvalid: boolean;
  file: string;
  bytes: number;
  totalBytes: number | null;
  validator: ImportValidator;
}

export class ImportSessions {
  readonly #sessions = new Map<string, Session>();
  /** Imports whose write phase runs on the staging thread, to stop on cancel or close. */
  readonly #writing = new Map<string, { session: Session; abort: AbortController; rows: number }>();
  #dir: string | null = null;

  constructor(
    readonly store: MemberStore,
    readonly audit: AuditLog,
    readonly events: EventHub,
    readonly nativeBinding?: string,
  ) {}

  /** A private folder for staged uploads, made on the first import of this run. */
  #stagingDir(): string {
    this.#dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'kynect-desk-import-'));
    return this.#dir;
  }

  begin(kind: ImportKind, skipInvalid: boolean, totalBytes: number | null): { importId: string } {
    const id = randomUUID();
    const file = path.join(this.#stagingDir(), `${id}.csv`);
    fs.writeFileSync(file, '', { mode: 0o600 });
    this.#sessions.set(id, { id, kind, skipInvalid, file, bytes: 0, totalBytes, validator: new ImportValidator(kind) });
    return { importId: id };
  }

  chunk(importId: string, text: string): { rows: number; invalid: number; bytes: number } {
    const s = this.#get(importId);
    fs.appendFileSync(s.file, text);
    s.bytes += Buffer.byteLength(text);
    s.validator.push(text);
    this.#progress(s, 'upload', s.validator.rows);
    return { rows: s.validator.rows, invalid: s.validator.invalid, bytes: s.bytes };
  }

  async commit(importId: string): Promise<ImportReport> {
    const s = this.#get(importId);
    this.#sessions.delete(importId);
    const options = {
      skipInvalid: s.skipInvalid,
      onProgress: (rows: number) => {
        const w = this.#writing.get(importId);
        if (w) w.rows = rows;
        this.#progress(s, 'write', rows);
      },
      audit: (details: object) => void this.audit.append({ action: `match.import.${s.kind}`, details: { ...details } }),
    };
    try {
      if (canStage(this.store)) {
        const abort = new AbortController();
        this.#writing.set(importId, { session: s, abort, rows: 0 });
        try {
          const { cancelled, ...report } = await importStaged(this.store, s.kind, s.file, {
            ...options,
            signal: abort.signal,
            // Swapped in: a cancel now would only say so falsely.
            onCommitted: () => this.#writing.delete(importId),
            ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
          });
          if (!cancelled) this.#progress(s, 'done', report.rows);
          return report;
        } finally {
          this.#writing.delete(importId);
        }
      }
      const report = importFile(this.store, s.kind, s.file, options);
      this.#progress(s, 'done', report.rows);
      return report;
    } finally {
      fs.rmSync(s.file, { force: true });
    }
  }

  cancel(importId: string): { cancelled: boolean } {
    const w = this.#writing.get(importId);
    if (w) {
      // The staging thread stops at its next batch and drops what it wrote; the commit then answers "not committed".
      this.#writing.delete(importId);
      w.abort.abort();
      this.#cancelled(w.session, 'write', w.rows);
      return { cancelled: true };
    }
    const s = this.#sessions.get(importId);
    if (!s) return { cancelled: false };
    this.#sessions.delete(importId);
    fs.rmSync(s.file, { force: true });
    this.#cancelled(s, 'upload', s.validator.rows);
    return { cancelled: true };
  }

  /** A cancel is a decision about the cache, so it is audited like the import it stopped: counts only, never a row. */
  #cancelled(s: Session, phase: 'upload' | 'write', rows: number): void {
    this.audit.append({ action: `match.import.${s.kind}.cancelled`, details: { phase, rows, invalid: s.validator.invalid, bytes: s.bytes, committed: false } });
    this.#progress(s, 'cancelled', rows);
  }

  close(): void {
    for (const w of this.#writing.values()) w.abort.abort();
    this.#writing.clear();
    this.#sessions.clear();
    if (this.#dir) fs.rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = null;
  }

  #get(importId: string): Session {
    const s = this.#sessions.get(importId);
    if (!s) throw new DeskError('not_found', 'That import is no longer open (it was committed, cancelled, or the app restarted).');
    return s;
  }

  #progress(s: Session, phase: 'upload' | 'write' | 'done' | 'cancelled', rows: number): void {
    this.events.publish('app:match.importProgress', { importId: s.id, phase, rows, invalid: s.validator.invalid, bytes: s.bytes, totalBytes: s.totalBytes });
  }
}
