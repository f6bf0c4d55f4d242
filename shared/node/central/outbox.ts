import type pg from 'pg';
import type { Database } from '../db/database';
import { insertSql } from './records';

/**
 * The local side of "records up": rows the SQLite triggers of migration 0009 wrote,
 * pushed to the central store in their order. A batch is one PostgreSQL transaction;
 * the rows are marked pushed only after it commits, and every row keeps its UUID, so
 * a batch sent again after a crash (or a lost COMMIT reply) inserts nothing twice.
 */
export interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  body: string;
  created_at: string;
}

export const PUSH_BATCH = 500;

export class SyncOutbox {
  readonly #waiting;
  readonly #count;
  readonly #mark;
  readonly #any;
  readonly #prune;

  constructor(db: Database) {
    this.#waiting = db.prepare('SELECT seq, id, kind, body, created_at FROM sync_outbox WHERE pushed_at IS NULL ORDER BY seq LIMIT ?');
    this.#count = db.prepare('SELECT count(*) FROM sync_outbox WHERE pushed_at IS NULL').pluck();
    this.#any = db.prepare('SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE pushed_at IS NULL)').pluck();
    this.#prune = db.prepare('DELETE FROM sync_outbox WHERE pushed_at IS NOT NULL AND pushed_at < ?');
    this.#mark = db.prepare('UPDATE sync_outbox SET pushed_at = ? WHERE seq BETWEEN ? AND ? AND pushed_at IS NULL');
  }

  waitingCount(): number {
    return this.#count.get() as number;
  }

  hasWaiting(): boolean {
    return this.#any.get() === 1;
  }

  next(limit = PUSH_BATCH): OutboxRow[] {
    return this.#waiting.all(limit) as OutboxRow[];
  }

  /** Rows pushed before `before` are the central store's now; the desk keeps its own tables. */
  prune(before: string): number {
    return this.#prune.run(before).changes;
  }

  markPushed(rows: readonly OutboxRow[], at: string): void {
    if (rows.length) this.#mark.run(at, rows[0]!.seq, rows[rows.length - 1]!.seq);
  }
}

/** Sends one batch in one transaction: one INSERT … ON CONFLICT (id) DO NOTHING per kind. */
export async function pushBatch(client: pg.ClientBase, deskId: string, rows: readonly OutboxRow[]): Promise<number> {
  const byKind = new Map<string, unknown[]>();
  for (const r of rows) {
    const list = byKind.get(r.kind) ?? [];
    list.push({ ...(JSON.parse(r.body) as object), id: r.id, desk_seq: r.seq });
    byKind.set(r.kind, list);
  }
  let inserted = 0;
  await client.query('BEGIN');
  try {
    // Audit entries first: each must find the one before it (the chain check is row by row).
    const kinds = [...byKind.keys()].sort((a, b) => (a === 'audit' ? -1 : b === 'audit' ? 1 : 0));
    for (const kind of kinds) {
      const r = await client.query(insertSql(kind), [deskId, JSON.stringify(byKind.get(kind))]);
      inserted += r.rowCount ?? 0;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return inserted;
}
