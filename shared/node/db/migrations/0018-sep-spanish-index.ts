import type { Migration } from './types';

/**
 * The SEP search understands callers' Spanish (issue 13.2): the full-text index gets a
 * column of its own for the Spanish caller phrases of the rule book, so they weigh like
 * the English caller words without changing the English columns' bm25 statistics.
 *
 * FTS5 cannot add a column to a virtual table, so the index is made again, empty, and
 * the loaded-version row is cleared: SepService reloads the bundle on the next open
 * whatever its version. Accents are folded before stemming (remove_diacritics 2), so
 * "perdí" and "perdi", "bebé" and "bebe" are the same token. Porter's English suffix
 * rules also run over the Spanish words, the same way at index and at query time; it
 * is kept because the English columns rely on it ("married"/"marriage").
 */
export const m0018: Migration = {
  version: 18,
  name: 'sep: Spanish caller phrases in the full-text index',
  up(db) {
    db.exec(`
      DROP TABLE IF EXISTS sep_rule_fts;
      CREATE VIRTUAL TABLE sep_rule_fts USING fts5(
        id UNINDEXED,
        title,
        caller_words,
        examples,
        description,
        documentation,
        caller_words_es,
        tokenize = 'porter unicode61 remove_diacritics 2',
        prefix = '2 3 4'
      );
      DELETE FROM sep_rule_set;
    `);
  },
};
