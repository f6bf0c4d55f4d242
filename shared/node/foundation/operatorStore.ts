import type { Clock } from '../../common/clock';
import { Operator, type OperatorRole } from '../../common/foundation/operator';
import type { Database } from '../db/database';

/**
 * The one local operator profile of this machine (a desk is used by one person;
 * sign-in against the marketplace's directory is out of scope for an offline app).
 */
export class OperatorStore {
  readonly #db: Database;
  readonly #clock: Clock;
  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  current(): Operator | null {
    const row = this.#db
      .prepare('SELECT id, name, role, created_at AS createdAt FROM operator ORDER BY id LIMIT 1')
      .get();
    return row ? Operator.parse(row) : null;
  }

  save(input: { name: string; role: OperatorRole }): { operator: Operator; created: boolean } {
    const now = this.#clock.now().toISOString();
    const existing = this.current();
    if (existing) {
      this.#db.prepare('UPDATE operator SET name = ?, role = ?, updated_at = ? WHERE id = ?').run(input.name, input.role, now, existing.id);
    } else {
      this.#db.prepare('INSERT INTO operator (name, role, created_at, updated_at) VALUES (?, ?, ?, ?)').run(input.name, input.role, now, now);
    }
    return { operator: this.current()!, created: !existing };
  }
}
