import type { Migration } from './types';

/**
 * Which closing script an ESE intake was read with (issue 13): the text id, version,
 * language and SHA-256 of its words (shared/common/texts/catalogue.ts), so the intake
 * shows the same words again and a Spanish reading is on the record. Intakes taken
 * before this version were read the English version 2 and keep NULL, read as that.
 */
export const m0017: Migration = {
  version: 17,
  name: 'ese: the closing script each intake was read with',
  up(db) {
    db.exec(`ALTER TABLE ese_intake ADD COLUMN closing_text_json TEXT;`);
  },
};
