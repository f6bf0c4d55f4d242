import type { Migration } from './types';

/**
 * Issue 12.4. The time zone an ESE intake was forwarded in, so its email and PDF show
 * local time and a resend stays the same message even if the desk's zone setting
 * changes; intakes from before keep NULL and show UTC, as they were sent.
 */
export const m0020: Migration = {
  version: 20,
  name: 'call record: ESE intake time zone',
  up(db) {
    db.exec(`ALTER TABLE ese_intake ADD COLUMN time_zone TEXT;`);
  },
};
