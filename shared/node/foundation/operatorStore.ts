import type { Clock } from '../../common/clock';
import { DeskError } from '../../common/errors';
import { Operator, type OperatorRole } from '../../common/foundation/operator';
import type { Database } from '../db/database';
import { hashPin, verifyPin } from './pin';

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
    const row = this.#db.prepare('SELECT id, name, role, pin_hash IS NOT NULL AS hasPin, created_at AS createdAt FROM operator ORDER BY id LIMIT 1').get() as
      (Omit<Operator, 'hasPin'> & { hasPin: number }) | undefined;
    return row ? Operator.parse({ ...row, hasPin: row.hasPin === 1 }) : null;
  }

  save(input: { name: string; role: OperatorRole; pin?: string | undefined }): { operator: Operator; created: boolean; pinChanged: boolean } {
    const now = this.#clock.now().toISOString();
    const existing = this.current();
    const pinHash = input.pin ? hashPin(input.pin) : null;
    if (existing) {
      this.#db
        .prepare('UPDATE operator SET name = ?, role = ?, pin_hash = coalesce(?, pin_hash), updated_at = ? WHERE id = ?')
        .run(input.name, input.role, pinHash, now, existing.id);
    } else {
      if (!pinHash) throw DeskError.atField('pin', 'Choose a PIN of 4 to 8 digits: it unlocks kynect Desk after it locks while you are away.');
      this.#db.prepare('INSERT INTO operator (name, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(input.name, input.role, pinHash, now, now);
    }
    return { operator: this.current()!, created: !existing, pinChanged: pinHash !== null };
  }

  /** False when there is no operator or no PIN. */
  checkPin(pin: string): boolean {
    const stored = this.#db.prepare('SELECT pin_hash FROM operator ORDER BY id LIMIT 1').pluck().get() as string | null | undefined;
    return typeof stored === 'string' && verifyPin(pin, stored);
  }
}
