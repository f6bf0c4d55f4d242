import type { z } from 'zod';
import type { Clock } from '../../common/clock';
import type { Database } from '../db/database';

/**
 * Small typed settings kept as JSON per key. A stored value that no longer fits
 * its schema (an older app wrote it) falls back to the default instead of
 * breaking start-up.
 */
export class SettingsStore {
  readonly #db: Database;
  readonly #clock: Clock;
  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  get<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): z.output<S> {
    const row = this.#db.prepare('SELECT value_json FROM setting WHERE key = ?').pluck().get(key) as string | undefined;
    if (row === undefined) return fallback;
    let raw: unknown;
    try {
      raw = JSON.parse(row);
    } catch {
      return fallback;
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : fallback;
  }

  set<S extends z.ZodType>(key: string, schema: S, value: z.input<S>): z.output<S> {
    const checked = schema.parse(value);
    this.#db
      .prepare(
        `INSERT INTO setting (key, value_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(checked), this.#clock.now().toISOString());
    return checked;
  }
}
