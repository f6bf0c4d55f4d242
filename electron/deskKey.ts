import { safeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../shared/common/errors';
import type { DeskKeySource } from '../shared/node/security/deskKey';
import { parseDeskKey, SsnVault } from '../shared/node/security/ssnVault';
import { weakBackend } from './secrets';

/**
 * The desk key in the app: 32 random bytes made on first need, kept in the user-data
 * folder encrypted by the operating system's keychain (safeStorage), never beside the
 * database in clear. Where safeStorage would use its fixed-key fallback (Linux without
 * a keyring), the key is refused: the member cache then says why it cannot open,
 * while calls, consent, ESE and the SEP rules go on working.
 */
export function safeStorageKeySource(userData: string): DeskKeySource {
  const file = path.join(userData, 'desk-key.sealed');
  const description = `the system keychain (Electron safeStorage, ${file})`;
  return {
    description,
    load({ mayCreate }) {
      const weak = weakBackend();
      if (weak) throw new DeskError('refused', `kynect Desk will not keep residents' SSNs on this computer: ${weak}. Start a keyring and restart kynect Desk.`);
      if (fs.existsSync(file)) return parseDeskKey(safeStorage.decryptString(fs.readFileSync(file)), description);
      if (!mayCreate) {
        throw new DeskError(
          'unavailable',
          `The desk key for this database is missing (${file}). Restore it from the backup of this computer's profile, or re-import the member extract into a new database.`,
        );
      }
      const key = SsnVault.generateKey();
      // Write then rename: a crash never leaves half a key.
      fs.writeFileSync(`${file}.tmp`, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
      return key;
    },
  };
}
