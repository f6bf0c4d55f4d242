import type { Migration } from './types';

/**
 * The SEP rule book names the table it came from and the date it was loaded, not plan
 * years: the seeds name none (issue 11 §11), so "plan years 2026, 2027" was a claim the
 * policy does not make. The rows themselves are reloaded by SepService, since the bundle's
 * version changed.
 */
export const m0012: Migration = {
  version: 12,
  name: 'sep: the rule book names its source table, not plan years',
  up(db) {
    db.exec(`
      ALTER TABLE sep_rule_set DROP COLUMN plan_years;
      ALTER TABLE sep_rule_set ADD COLUMN source_table TEXT NOT NULL DEFAULT '';
    `);
  },
};
