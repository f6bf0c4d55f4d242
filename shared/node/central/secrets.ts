import fs from 'node:fs';
import { DeskError } from '../../common/errors';
import { parseDeskKey } from '../security/ssnVault';

/**
 * The central store's two secrets, never in the settings table: this desk's login
 * password, and the contact-center key that opens the SSNs the loader sealed. In the
 * app, Electron main installs a source backed by safeStorage (electron/secrets.ts);
 * the CLI and the harness read the environment.
 */
export interface CentralSecrets {
  /** Where the password comes from, said in settings and errors. */
  readonly description: string;
  /** Where the contact-center key comes from. */
  readonly keyDescription: string;
  password(): string | undefined;
  setPassword?: (password: string) => void;
  /** 32 bytes, or undefined when this desk has not been given the key. */
  centerKey(): Buffer | undefined;
  setCenterKey?: (key: Buffer) => void;
}

export const CENTER_KEY_ENV = 'KYNECT_CENTRAL_KEY';
export const CENTER_KEY_FILE_ENV = 'KYNECT_CENTRAL_KEY_FILE';
export const CENTRAL_PASSWORD_ENV = 'KYNECT_CENTRAL_PASSWORD';

export function envCentralSecrets(env: NodeJS.ProcessEnv): CentralSecrets {
  return {
    description: `environment variable ${CENTRAL_PASSWORD_ENV}`,
    keyDescription: `environment variable ${CENTER_KEY_ENV} (or ${CENTER_KEY_FILE_ENV})`,
    password: () => env[CENTRAL_PASSWORD_ENV] || undefined,
    centerKey: () => centerKeyFromEnv(env),
  };
}

export function centerKeyFromEnv(env: NodeJS.ProcessEnv): Buffer | undefined {
  if (env[CENTER_KEY_ENV]) return parseDeskKey(env[CENTER_KEY_ENV], `environment variable ${CENTER_KEY_ENV}`);
  const file = env[CENTER_KEY_FILE_ENV];
  if (!file) return undefined;
  let text: string;
  try {
    if (process.platform !== 'win32' && fs.statSync(file).mode & 0o077) {
      throw new DeskError('refused', `The contact-center key file ${file} can be read by other users. Make it private: chmod 600 "${file}"`);
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof DeskError) throw error;
    throw new DeskError('unavailable', `Cannot read the contact-center key file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  return parseDeskKey(text, file);
}
