import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeskError } from '../../common/errors';
import type { AuditLog } from '../audit/auditLog';
import type { EventHub } from '../host/events';
import { importFile, ImportValidator, type ImportKind, type ImportReport } from './importer';
import type { MemberStore } from './memberStore';

/**
 * Imports started from a file picker (Electron window or browser harness). Chunks are
 * validated as they arrive — so the progress bar and the first bad rows show early —
 * and staged in a private temp file; nothing touches the cache until commit, which
 * writes the whole file in one transaction. Cancel deletes the staged text: nothing
 * was ever written.
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
  #dir: string | null = null;

  constructor(
    readonly store: MemberStore,
    readonly audit: AuditLog,
    readonly events: EventHub,
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

  commit(importId: string): ImportReport {
    const s = this.#get(importId);
    this.#sessions.delete(importId);
    try {
      const report = importFile(this.store, s.kind, s.file, {
        skipInvalid: s.skipInvalid,
        onProgress: (rows) => this.#progress(s, 'write', rows),
        audit: (details) => void this.audit.append({ action: `match.import.${s.kind}`, details: { ...details } }),
      });
      this.#progress(s, 'done', report.rows);
      return report;
    } finally {
      fs.rmSync(s.file, { force: true });
    }
  }

  cancel(importId: string): { cancelled: boolean } {
    const s = this.#sessions.get(importId);
    if (!s) return { cancelled: false };
    this.#sessions.delete(importId);
    fs.rmSync(s.file, { force: true });
    this.#progress(s, 'cancelled', s.validator.rows);
    return { cancelled: true };
  }

  close(): void {
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
