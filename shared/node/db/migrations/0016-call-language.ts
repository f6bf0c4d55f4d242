import type { Migration } from './types';

/**
 * The call's language (issue 13): kept on the call row, not derived per screen,
 * so it is set once and every text read or sent during the call follows it.
 * Calls taken before this version were in English.
 */
export const m0016: Migration = {
  version: 16,
  name: 'calls: language of the call (en/es)',
  up(db) {
    db.exec(`ALTER TABLE call ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es'));`);
  },
};
