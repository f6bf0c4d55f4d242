import type { Migration } from './types';

/**
 * When each extract was last imported into the member cache, so "No match" can say which
 * extract it is measured against (issue 11 §12) without scanning a million members for
 * the newest imported_at on every lookup (about 110 ms on 1M rows, against lookups of a few
 * milliseconds). Written by each committed import; started here from the rows already held.
 */
export const m0013: Migration = {
  version: 13,
  name: 'match: when each extract was last imported',
  up(db) {
    db.exec(`
      CREATE TABLE match_extract (
        kind        TEXT PRIMARY KEY CHECK (kind IN ('members', 'associations')),
        imported_at TEXT NOT NULL
      );
      INSERT INTO match_extract (kind, imported_at) SELECT 'members', max(imported_at) FROM match_member HAVING count(*) > 0;
      INSERT INTO match_extract (kind, imported_at) SELECT 'associations', max(imported_at) FROM match_association HAVING count(*) > 0;
    `);
  },
};
