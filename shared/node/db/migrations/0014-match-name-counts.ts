import type { Migration } from './types';
import { nameLetters } from '../../../common/match/normalize';

/**
 * Member match weighs an exact name agreement by how common the name is in the cache
 * (issue 16; shared/common/match/frequencies.ts): agreeing on "Smith" says less than
 * agreeing on "Caudill". match_name_count holds, per first or last name spelled without
 * punctuation, how many members bear it; the member store keeps it in step with every
 * import. Members already in the cache are counted here, once.
 */
export const m0014: Migration = {
  version: 14,
  name: 'match: how many members bear each first and last name',
  up(db) {
    db.exec(`
      CREATE TABLE match_name_count (
        part     TEXT NOT NULL CHECK (part IN ('first', 'last')),
        name     TEXT NOT NULL,
        members  INTEGER NOT NULL CHECK (members > 0),
        PRIMARY KEY (part, name)
      ) WITHOUT ROWID;
    `);
    const counts = { first: new Map<string, number>(), last: new Map<string, number>() };
    for (const r of db.prepare('SELECT first_name AS f, last_name AS l FROM match_member').iterate() as IterableIterator<{ f: string; l: string }>) {
      const f = nameLetters(r.f);
      const l = nameLetters(r.l);
      counts.first.set(f, (counts.first.get(f) ?? 0) + 1);
      counts.last.set(l, (counts.last.get(l) ?? 0) + 1);
    }
    const insert = db.prepare('INSERT INTO match_name_count (part, name, members) VALUES (?, ?, ?)');
    for (const part of ['first', 'last'] as const) for (const [name, n] of counts[part]) insert.run(part, name, n);
  },
};
