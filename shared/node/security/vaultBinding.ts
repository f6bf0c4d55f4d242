import { z } from 'zod';
import { DeskError } from '../../common/errors';
import type { AuditLog } from '../audit/auditLog';
import type { SettingsStore } from '../foundation/settings';
import type { DeskKeySource } from './deskKey';
import { SsnVault } from './ssnVault';

/** The setting that ties a database to its desk key: a value derived from the key, never the key. */
export const KEY_CHECK_SETTING = 'security.deskKeyCheck';
const checkSchema = z.string().min(8).nullable();

export interface DeskKeyring {
  /** Seals and opens SSNs; throws a clear DeskError when there is no key or the wrong one. */
  vault(): SsnVault;
  /**
   * The audit chain's key, or null when this process has no usable desk key. Never
   * throws: an action is recorded either way (unkeyed when it must), and never blocked
   * by a missing key. Where `createForAudit`, a first key is made (the app and the
   * harness always have one); a one-shot CLI command never makes a key just to audit.
   */
  auditKey(forWriting?: boolean): Buffer | null;
}

/**
 * The desk key for this database, loaded on first need: commands that never touch an
 * SSN (db info, SEP rules, calls) run without one. The first key used on a database is
 * bound to it; any other key is refused before it seals or opens anything, since it
 * would write SSNs no one could read together with the others.
 */
export function bindDeskKey(source: DeskKeySource, settings: SettingsStore, audit: () => AuditLog, options: { createForAudit: boolean }): DeskKeyring {
  let vault: SsnVault | undefined;
  let auditUnavailable = false;
  const load = (mayCreate: boolean): SsnVault => {
    if (vault) return vault;
    const bound = settings.get(KEY_CHECK_SETTING, checkSchema, null);
    const key = source.load({ mayCreate: mayCreate && bound === null });
    let made: SsnVault;
    try {
      made = new SsnVault(key);
    } finally {
      key.fill(0);
    }
    if (bound !== null && bound !== made.checkValue) {
      throw new DeskError(
        'refused',
        `The desk key from ${source.description} is not the key this database's SSNs were sealed with. Use that key; nothing was read or written with this one.`,
      );
    }
    // Kept before the binding is recorded, so that entry is already keyed.
    vault = made;
    if (bound === null) {
      settings.set(KEY_CHECK_SETTING, checkSchema, made.checkValue);
      audit().append({ action: 'security.desk_key_bound', details: { source: source.description } });
    }
    return made;
  };
  return {
    vault: () => load(true),
    auditKey: (forWriting = true) => {
      if (vault) return vault.auditKey;
      if (!forWriting) {
        // Checking never binds or makes a key: a database bound to none has no keyed entry to check.
        if (settings.get(KEY_CHECK_SETTING, checkSchema, null) === null) return null;
        try {
          return load(false).auditKey;
        } catch {
          return null;
        }
      }
      if (auditUnavailable) return null;
      try {
        return load(options.createForAudit).auditKey;
      } catch {
        auditUnavailable = true;
        return null;
      }
    },
  };
}
