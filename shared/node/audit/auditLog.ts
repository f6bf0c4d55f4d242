import { createHash } from 'node:crypto';
import type { Clock } from '../../common/clock';
import type { Database } from '../db/database';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  /** What happened, as `area.verb` (e.g. `call.started`, `member.ssn_revealed`). */
  action: string;
  /** What it happened to (a call id, a member id). Never a name or an SSN. */
  subject?: string;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The last entry of the chain ({ seq: 0, hash: GENESIS_HASH } when it is empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; firstBroken: { seq: number; reason: string } };

/** The exact bytes that are hashed: fixed field order, so a re-serialisation cannot hide an edit. */
function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash' | 'details'> & { details: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.seq, e.at, e.actor, e.action, e.subject, e.details]))
    .digest('hex');
}

/**
 * Append-only audit trail. Each row carries the SHA-256 of its content and of
 * the row before it, so editing, deleting or reordering any row breaks the
 * chain from that row on — and `verify` names the first broken one. Triggers
 * refuse UPDATE and DELETE; the chain catches what goes around them.
 */
export class AuditLog {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #actor: () => string;

  constructor(db: Database, clock: Clock, actor: () => string) {
    this.#db = db;
    this.#clock = clock;
    this.#actor = actor;
  }

  append(input: AuditInput): AuditEntry {
    // Reading the tail and inserting must be one step, or two writers would fork the chain.
    return this.#db
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
        const hash = entryHash(prevHash, row);
        this.#db
          .prepare(
            'INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(row.seq, row.at, row.actor, row.action, row.subject, row.details, prevHash, hash);
        return { ...row, details: input.details ?? {}, prevHash, hash };
      })
      .immediate();
  }

  /**
   * Where the chain ends: what the next entry links to, and what the central store
   * compares with the head it holds. The one place that says where the head is.
   */
  head(): ChainHead {
    const last = this.#db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined;
    return last ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** Walks the whole chain in order; stops at the first entry that does not fit. */
  verify(): AuditVerification {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let entries = 0;
    const rows = this.#db
      .prepare('SELECT seq, at, actor, action, subject, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq')
      .iterate() as IterableIterator<Omit<AuditEntry, 'details'> & { details: string }>;
    for (const row of rows) {
      entries++;
      if (row.seq !== expectedSeq) {
        return { ok: false, entries, firstBroken: { seq: row.seq, reason: `entry ${expectedSeq} is missing` } };
      }
      if (row.prevHash !== prev) {
        return { ok: false, entries, firstBroken: { seq: row.seq, reason: 'does not link to the entry before it' } };
      }
      if (entryHash(prev, row) !== row.hash) {
        return { ok: false, entries, firstBroken: { seq: row.seq, reason: 'its content was changed after it was written' } };
      }
      prev = row.hash;
      expectedSeq++;
    }
    return { ok: true, entries, lastHash: prev };
  }

  recent(limit = 50): AuditEntry[] {
    const rows = this.#db
      .prepare(
        'SELECT seq, at, actor, action, subject, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq DESC LIMIT ?',
      )
      .all(limit) as (Omit<AuditEntry, 'details'> & { details: string })[];
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  }
}
