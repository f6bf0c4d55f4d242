import type { Migration } from './types';

/**
 * The audit chain becomes keyed (issue 14 §9): each new entry's hash is an
 * HMAC-SHA-256 under a key derived from the desk key, so whoever has only the
 * database file cannot recompute the chain after an edit. `mac` says which
 * function made each row's hash: entries written before this version, and by a
 * CLI command run without the desk key, stay plain SHA-256 (see audit/auditLog.ts).
 */
export const m0015: Migration = {
  version: 15,
  name: 'audit: keyed chain (HMAC under the desk key)',
  up(db) {
    db.exec(`ALTER TABLE audit_log ADD COLUMN mac TEXT NOT NULL DEFAULT 'sha256' CHECK (mac IN ('sha256', 'hmac-sha256'));`);
  },
};
