import { safeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../shared/common/errors';
import type { SecretSource } from '../shared/node/ese/secrets';

/**
 * Secrets the app keeps (the SMTP password) encrypted with the operating
 * system's keychain through Electron's safeStorage, in a small file in the
 * user-data folder. On Linux, safeStorage falls back to a hard-coded key when
 * no keyring is running ("basic_text"): that is no protection, so it is refused.
 */
export function weakBackend(): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'the operating system offers no encryption for stored secrets';
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return 'no desktop keyring (GNOME Keyring or KWallet) is running, so Electron would store it with a fixed key';
  }
  return null;
}

export function safeStorageSecretSource(userData: string): SecretSource {
  const file = path.join(userData, 'secrets.json');
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    description: 'system keychain (Electron safeStorage)',
    smtpPassword() {
      const blob = read()['smtp.password'];
      if (!blob || weakBackend()) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        return undefined;
      }
    },
    setSmtpPassword(password: string) {
      const weak = weakBackend();
      if (weak) throw DeskError.atField('password', `kynect Desk will not store the password here: ${weak}. Start a keyring and try again.`, 'refused');
      const all = read();
      all['smtp.password'] = safeStorage.encryptString(password).toString('base64');
      // Write then rename: a crash never leaves half a file.
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
    },
  };
}
