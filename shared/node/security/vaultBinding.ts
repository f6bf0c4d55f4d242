import { z } from 'zod';
import { DeskError } from '../../common/errors';
import type { AuditLog } from '../audit/auditLog';
import type { SettingsStore } from '../foundation/settings';
import type { DeskKeySource } from './deskKey';
import { SsnVault } from './ssnVault';

/** The setting that ties a database to its desk key: a value derived from the key, never the key. */
export const KEY_CHECK_SETTING = 'security.deskKeyCheck';
const checkSchema = z.string().min(8).nullable();

/**
 * The vault for this database, made on first need: commands that never touch an SSN
 * (db info, SEP rules, calls) run without a key. The first key used on a database is
 * bound to it; any other key is refused before it seals or opens anything, since
 * it would write SSNs no one could read together with the others.
 */
export function bindVault(source: DeskKeySource, settings: SettingsStore, audit: AuditLog): () => SsnVault {
  let vault: SsnVault | undefined;
  return () => {
    if (vault) return vault;
    const bound = settings.get(KEY_CHECK_SETTING, checkSchema, null);
    const key = source.load({ mayCreate: bound === null });
    let made: SsnVault;
    try {
      made = new SsnVault(key);
    } finally {
      key.fill(0);
    }
    if (bound === null) {
      settings.set(KEY_CHECK_SETTING, checkSchema, made.checkValue);
      audit.append({ action: 'security.desk_key_bound', details: { source: source.description } });
    } else if (bound !== made.checkValue) {
      throw new DeskError(
        'refused',
        `The desk key from ${source.description} is not the key this database's SSNs were sealed with. Use that key; nothing was read or written with this one.`,
      );
    }
    vault = made;
    return made;
  };
}
