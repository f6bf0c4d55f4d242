import type { Migration } from './types';

/**
 * Issue 17 §4/§9: a member pulled from the central store keeps a fingerprint of its SSN
 * (central/ssnPrint.ts): the central store's keyed check of (member id, SSN), already
 * sent with every row, and the SSN's two keyed index keys, already in match_key. Neither
 * is the SSN, nor opens it without the keys. With it a central change to a member whose
 * SSN did not change (a new name, a new case status) is applied without opening the
 * contact-center block it came in nor the desk's own block: the profile of a 1 % delta
 * spent about half its time opening desk blocks just to find the SSN unchanged.
 *
 * NULL when not known (imported from a file, or written by any other path): such a row
 * is compared the old way, by opening its block. Every writer that does not know it
 * writes NULL (inserts do not name the column; MemberStore's update sets it NULL).
 */
export const m0024: Migration = {
  version: 24,
  name: 'members: central SSN fingerprint per pulled member',
  up(db) {
    db.exec('ALTER TABLE match_member ADD COLUMN ssn_print BLOB');
  },
};
