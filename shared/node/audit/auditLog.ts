import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../common/clock';
import type { Database } from '../db/database';
import type { AuditHead, AuditHeadStore } from './auditHead';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  /** What happened, as `area.verb` (e.g. `call.started`, `member.ssn_revealed`). */
  action: string;
  /** What it happened to (a call id, a member id). Never a name or an SSN. */
  subject?: string;
  details?: Record<string, unknown>;
}

export type AuditMac = 'sha256' | 'hmac-sha256';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
  mac: AuditMac;
}

/** The last entry of the chain ({ seq: 0, hash: GENESIS_HASH } when it is empty). */
export type ChainHead = AuditHead;

export type AuditVerification =
  | {
      ok: true;
      entries: number;
      lastHash: string;
      /** Entries whose hash is plain SHA-256: written before the chain was keyed, or by a CLI command run without the desk key. */
      unkeyed: number;
      /** The head recorded outside the database, checked against the log; null when this database has none yet. */
      head: AuditHead | null;
    }
  | { ok: false; entries: number; firstBroken: { seq: number; reason: string } };

export interface AuditOptions {
  /**
   * The chain's HMAC key (derived from the desk key), or null where this process has no
   * desk key: a CLI command run without one still records what it did, as a plain
   * SHA-256 entry that `audit verify` counts as unkeyed.
   */
  key?: (forWriting: boolean) => Buffer | null;
  /** Where the latest head is kept outside the database; null for none (a read-only or a throw-away desk). */
  head?: AuditHeadStore | null;
}

type Row = Omit<AuditEntry, 'details'> & { details: string };

/** The exact bytes that are hashed: fixed field order, so a re-serialisation cannot hide an edit. */
function payload(prevHash: string, e: Pick<Row, 'seq' | 'at' | 'actor' | 'action' | 'subject' | 'details'>): string {
  return JSON.stringify([prevHash, e.seq, e.at, e.actor, e.action, e.subject, e.details]);
}

function entryHash(mac: AuditMac, key: Buffer | null, prevHash: string, e: Pick<Row, 'seq' | 'at' | 'actor' | 'action' | 'subject' | 'details'>): string | null {
  if (mac === 'sha256') return createHash('sha256').update(payload(prevHash, e)).digest('hex');
  if (!key) return null;
  // The keyed form says it is keyed, so a plain hash can never stand in for it.
  return createHmac('sha256', key)
    .update(`kynect-desk audit v2\n${payload(prevHash, e)}`)
    .digest('hex');
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Append-only audit trail. Each row carries a MAC of its content and of the row
 * before it — HMAC-SHA-256 under a key derived from the desk key (issue 14 §9) —
 * so editing, deleting or reordering any row breaks the chain from that row on,
 * and `verify` names the first broken one; without the key the chain cannot be
 * recomputed after an edit. Triggers refuse UPDATE and DELETE; the chain catches
 * what goes around them; the head kept outside the database catches what is cut
 * off the end (or the whole log deleted).
 */
export class AuditLog {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #actor: () => string;
  readonly #key: (forWriting: boolean) => Buffer | null;
  readonly #head: AuditHeadStore | null;
  #headWritten = -1;
  #headPending = false;
  #hasMac: boolean | undefined;

  constructor(db: Database, clock: Clock, actor: () => string, options: AuditOptions = {}) {
    this.#db = db;
    this.#clock = clock;
    this.#actor = actor;
    this.#key = options.key ?? (() => null);
    this.#head = options.head ?? null;
  }

  /** Older databases opened read-only (before migration 0008) have no mac column. */
  #macColumn(): boolean {
    this.#hasMac ??= (this.#db.prepare("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'mac'").pluck().get() as number) === 1;
    return this.#hasMac;
  }

  append(input: AuditInput): AuditEntry {
    const key = this.#key(true);
    const mac: AuditMac = key ? 'hmac-sha256' : 'sha256';
    // A keyed chain starts with a head outside the database, so a crash before the first head
    // update leaves a head behind the log (fine), never no head at all (reported as removed).
    if (key && this.#head && this.#headWritten < 0) {
      const recorded = this.#head.read();
      if (recorded === null) this.#writeHead({ seq: 0, hash: GENESIS_HASH });
      else this.#headWritten = recorded.seq;
    }
    // Reading the tail and inserting must be one step, or two writers would fork the chain.
    const entry = this.#db
      .transaction((): AuditEntry => {
        const last = this.head();
        const seq = last.seq + 1;
        const prevHash = last.hash;
        const row = {
          seq,
          at: this.#clock.now().toISOString(),
          actor: this.#actor(),
          action: input.action,
          subject: input.subject ?? null,
          details: JSON.stringify(input.details ?? {}),
        };
        const hash = entryHash(mac, key, prevHash, row)!;
        this.#db
          .prepare('INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(row.seq, row.at, row.actor, row.action, row.subject, row.details, prevHash, hash, mac);
        return { ...row, details: input.details ?? {}, prevHash, hash, mac };
      })
      .immediate();
    // Only a keyed entry moves the head: a log with none needs no head (and a keyless CLI leaves no files behind).
    if (key) this.#scheduleHead();
    return entry;
  }

  /**
   * The head follows the log once what was appended has committed: an append inside a
   * caller's transaction that is rolled back must never move the head past the log. The
   * microtask runs after the synchronous transaction has ended either way, and reads the
   * tail that is really there. A kill in between leaves the head behind: still valid.
   */
  #scheduleHead(): void {
    if (!this.#head || this.#headPending) return;
    this.#headPending = true;
    queueMicrotask(() => {
      this.#headPending = false;
      this.flushHead();
    });
  }

  /** Writes the committed tail as the head now (also called when the desk closes). */
  flushHead(): void {
    // Nothing keyed appended by this process: the head (if any) is someone else's to move.
    if (!this.#head || this.#headWritten < 0 || !this.#db.open || this.#db.inTransaction) return;
    const tail = this.head();
    if (tail.seq > this.#headWritten) this.#writeHead(tail);
  }

  #writeHead(head: AuditHead): void {
    this.#head!.write(head);
    this.#headWritten = head.seq;
  }

  /**
   * After a restore from a backup, the log is legitimately shorter than the head: the
   * caller has recorded what was lost (in an entry of its own) and moves the head to the
   * new tail. Nothing else may move it back.
   */
  rebaseHead(): AuditHead {
    const tail = this.head();
    if (this.#head) this.#writeHead(tail);
    return tail;
  }

  /**
   * Where the chain ends: what the next entry links to, and what the central store
   * compares with the head it holds. The one place that says where the head is.
   */
  head(): AuditHead {
    const last = this.#db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as AuditHead | undefined;
    return last ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** The head as recorded outside the database, if any. */
  recordedHead(): AuditHead | null {
    return this.#head?.read() ?? null;
  }

  /** Walks the whole chain in order; stops at the first entry that does not fit; then checks the head kept outside. */
  verify(): AuditVerification {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let entries = 0;
    let unkeyed = 0;
    let keyed = 0;
    const key = this.#key(false);
    const hashAt = new Map<number, string>();
    const recorded = this.#head?.read() ?? null;
    const rows = this.#db
      .prepare(`SELECT seq, at, actor, action, subject, details, prev_hash AS prevHash, hash, ${this.#macColumn() ? 'mac' : "'sha256' AS mac"} FROM audit_log ORDER BY seq`)
      .iterate() as IterableIterator<Row>;
    for (const row of rows) {
      entries++;
      if (row.seq !== expectedSeq) {
        return { ok: false, entries, firstBroken: { seq: row.seq, reason: `entry ${expectedSeq} is missing` } };
      }
      if (row.prevHash !== prev) {
        return { ok: false, entries, firstBroken: { seq: row.seq, reason: 'does not link to the entry before it' } };
      }
      if (row.mac === 'hmac-sha256') keyed++;
      else unkeyed++;
      const expected = entryHash(row.mac, key, prev, row);
      if (expected === null) {
        return {
          ok: false,
          entries,
          firstBroken: { seq: row.seq, reason: 'it is keyed with the desk key, and no desk key was given to check it (set KYNECT_DESK_KEY, KYNECT_DESK_KEY_FILE or --key-file)' },
        };
      }
      if (!sameHex(expected, row.hash)) {
        return { ok: false, entries, firstBroken: { seq: row.seq, reason: 'its content was changed after it was written' } };
      }
      if (recorded && row.seq === recorded.seq) hashAt.set(row.seq, row.hash);
      prev = row.hash;
      expectedSeq++;
    }
    if (recorded) {
      if (recorded.seq > entries) {
        return {
          ok: false,
          entries,
          firstBroken: {
            seq: entries + 1,
            reason: `the log ends at entry ${entries}, but entry ${recorded.seq} was recorded outside the database (${this.#head!.description}): entries ${entries + 1}–${recorded.seq} were removed`,
          },
        };
      }
      if (recorded.seq > 0 && !sameHex(hashAt.get(recorded.seq) ?? '', recorded.hash)) {
        return {
          ok: false,
          entries,
          firstBroken: { seq: recorded.seq, reason: `it is not the entry recorded outside the database (${this.#head!.description}): the log was rewritten` },
        };
      }
    } else if (this.#head && keyed > 0) {
      return {
        ok: false,
        entries,
        firstBroken: { seq: entries, reason: `the head of this log recorded outside the database is missing (${this.#head.description}): the log cannot be shown whole` },
      };
    }
    return { ok: true, entries, lastHash: prev, unkeyed, head: recorded };
  }

  recent(limit = 50): AuditEntry[] {
    const rows = this.#db
      .prepare(
        `SELECT seq, at, actor, action, subject, details, prev_hash AS prevHash, hash, ${this.#macColumn() ? 'mac' : "'sha256' AS mac"} FROM audit_log ORDER BY seq DESC LIMIT ?`,
      )
      .all(limit) as Row[];
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  }
}
