import type { Migration } from './types';

/**
 * The offline SEP rule book. Rows are a cache of the versioned bundle in
 * shared/common/sep/ruleBook.ts, reloaded by SepService when its version
 * changes; the FTS5 index serves the search box.
 */
export const m0006: Migration = {
  version: 6,
  name: 'sep: rule book and its full-text index',
  up(db) {
    db.exec(`
      -- One row: which bundle the rule rows came from.
      CREATE TABLE sep_rule_set (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        version     TEXT NOT NULL,
        plan_years  TEXT NOT NULL,
        source      TEXT NOT NULL,
        loaded_at   TEXT NOT NULL
      );

      CREATE TABLE sep_rule (
        id             TEXT PRIMARY KEY,
        position       INTEGER NOT NULL,
        title          TEXT NOT NULL,
        category       TEXT NOT NULL,
        determined_by  TEXT NOT NULL CHECK (determined_by IN ('rule', 'system', 'committee')),
        pends          INTEGER NOT NULL CHECK (pends IN (0, 1)),
        -- The whole rule as the bundle has it, re-validated with zod when read.
        rule_json      TEXT NOT NULL
      );

      -- Porter stems "married"/"marriage" and "moved"/"move" alike; prefix indexes
      -- make type-ahead ("marr", "citiz") cheap. Weighted with bm25 at query time.
      CREATE VIRTUAL TABLE sep_rule_fts USING fts5(
        id UNINDEXED,
        title,
        caller_words,
        examples,
        description,
        documentation,
        tokenize = 'porter unicode61 remove_diacritics 2',
        prefix = '2 3 4'
      );
    `);
  },
};
