import { safeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../shared/common/errors';
import type { CentralSecrets } from '../shared/node/central/secrets';
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

/** The secrets file: each value encrypted by safeStorage, written whole through a rename. */
function secretsFile(userData: string) {
  const file = path.join(userData, 'secrets.json');
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    get(name: string): string | undefined {
      const blob = read()[name];
      if (!blob || weakBackend()) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        return undefined;
      }
    },
    set(name: string, value: string, field: string, what: string): void {
      const weak = weakBackend();
      if (weak) throw DeskError.atField(field, `kynect Desk will not store the ${what} here: ${weak}. Start a keyring and try again.`, 'refused');
      const all = read();
      all[name] = safeStorage.encryptString(value).toString('base64');
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file);
    },
  };
}

/** The central store's login password and the contact-center key, kept like the SMTP password. */
export function safeStorageCentralSecrets(userData: string): CentralSecrets {
  const secrets = secretsFile(userData);
  return {
    description: 'system keychain (Electron safeStorage)',
    keyDescription: 'system keychain (Electron safeStorage)',
    password: () => secrets.get('central.password'),
    setPassword: (password) => secrets.set('central.password', password, 'password', 'password'),
    centerKey: () => {
      const text = secrets.get('central.centerKey');
      return text ? Buffer.from(text, 'base64') : undefined;
    },
    setCenterKey: (key) => secrets.set('central.centerKey', key.toString('base64'), 'centerKey', 'contact-center key'),
  };
}

export function safeStorageSecretSource(userData: string): SecretSource {
  const secrets = secretsFile(userData);
  return {
    description: 'system keychain (Electron safeStorage)',
    smtpPassword: () => secrets.get('smtp.password'),
    setSmtpPassword: (password: string) => secrets.set('smtp.password', password, 'password', 'password'),
  };
}
