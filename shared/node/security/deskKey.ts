import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../../common/errors';
import { parseDeskKey, SsnVault } from './ssnVault';

/**
 * Where the desk key (the 32 bytes that seal SSNs, see ssnVault.ts) comes from. The
 * app keeps it with Electron's safeStorage (electron/deskKey.ts); the CLI and the
 * harness take, in order: --key-file, KYNECT_DESK_KEY (base64), KYNECT_DESK_KEY_FILE,
 * else the key file in the app's own folder — created, readable by its owner only,
 * only when the database has sealed nothing yet, so a missing key never silently
 * turns into a new one that cannot open what is there.
 */
export interface DeskKeySource {
  /** Said in errors: where the key was looked for. */
  readonly description: string;
  /** mayCreate: the database holds no sealed SSN yet, so a first key may be made. */
  load(options: { mayCreate: boolean }): Buffer;
}

export const DESK_KEY_ENV = 'KYNECT_DESK_KEY';
export const DESK_KEY_FILE_ENV = 'KYNECT_DESK_KEY_FILE';
export const DEFAULT_KEY_FILE_NAME = 'desk.key';

export interface HostKeyOptions {
  /** --key-file, when given. */
  keyFile?: string | undefined;
  env: NodeJS.ProcessEnv;
  /**
   * Where the default key file lives: a folder of its own, never the database's
   * (issue 14 §2), so a copy of the data folder or its backups carries no key.
   */
  keyFolder: string;
  /** Where older versions kept it (beside the database): a key found there is moved to keyFolder. */
  legacyFolder?: string | undefined;
}

export function hostKeySource(options: HostKeyOptions): DeskKeySource {
  const { env } = options;
  if (options.keyFile) return keyFileSource(path.resolve(options.keyFile), '--key-file', false);
  if (env[DESK_KEY_ENV]) {
    const text = env[DESK_KEY_ENV];
    return { description: `environment variable ${DESK_KEY_ENV}`, load: () => parseDeskKey(text, `environment variable ${DESK_KEY_ENV}`) };
  }
  if (env[DESK_KEY_FILE_ENV]) return keyFileSource(path.resolve(env[DESK_KEY_FILE_ENV]), DESK_KEY_FILE_ENV, false);
  const legacy = options.legacyFolder ? path.join(options.legacyFolder, DEFAULT_KEY_FILE_NAME) : undefined;
  return keyFileSource(path.join(options.keyFolder, DEFAULT_KEY_FILE_NAME), 'the default key file', true, legacy);
}

/** An older version's key file beside the database, moved into the key folder (once). */
function adoptLegacyKey(legacy: string | undefined, file: string): boolean {
  if (!legacy || legacy === file || !fs.existsSync(legacy)) return false;
  checkPrivate(legacy);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.linkSync(legacy, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return true;
    fs.copyFileSync(legacy, file, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(file, 0o600);
  }
  fs.rmSync(legacy);
  return true;
}

function keyFileSource(file: string, named: string, creatable: boolean, legacy?: string): DeskKeySource {
  const description = `${named} (${file})`;
  return {
    description,
    load({ mayCreate }) {
      let text: string;
      if (!fs.existsSync(file)) adoptLegacyKey(legacy, file);
      try {
        checkPrivate(file);
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        if (!creatable) throw new DeskError('unavailable', `No desk key: ${description} does not exist.`);
        if (!mayCreate) {
          throw new DeskError(
            'unavailable',
            `This database holds SSNs sealed with a desk key, and no key was given. Set ${DESK_KEY_ENV}, ${DESK_KEY_FILE_ENV} or --key-file to the key it was created with (looked for ${file}).`,
          );
        }
        return createKeyFile(file);
      }
      return parseDeskKey(text, description);
    },
  };
}

/** A key file anyone else can read is refused, as ssh refuses such a private key. */
function checkPrivate(file: string): void {
  if (process.platform === 'win32') return;
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) {
    throw new DeskError('refused', `The desk key file ${file} can be read by other users (mode ${mode.toString(8)}). Make it private: chmod 600 "${file}"`);
  }
}

function createKeyFile(file: string): Buffer {
  const key = SsnVault.generateKey();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': never overwrite a key that appeared meanwhile (another process made it first).
  try {
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return parseDeskKey(fs.readFileSync(file, 'utf8'), file);
    throw error;
  }
  return key;
}

/** A source that hands over a key already in hand (tests, the benchmark). */
export function fixedKeySource(key: Uint8Array, description = 'a key given in code'): DeskKeySource {
  return { description, load: () => Buffer.from(key) };
}
