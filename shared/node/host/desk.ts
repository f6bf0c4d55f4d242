import os from 'node:os';
import path from 'node:path';
import { systemClock, type Clock } from '../../common/clock';
import type { DatabaseInfo } from '../../common/foundation/contract';
import { APP_VERSION } from '../../common/version';
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { AuditLog } from '../audit/auditLog';
import { fileHeadStore, type AuditHeadStore } from '../audit/auditHead';
import { z } from 'zod';
import { openDatabase, schemaVersion, tableCounts, latestSchemaVersion, type Database } from '../db/database';
import { acquireDeskLock, type DeskLock } from '../db/deskLock';
import { securePrivateFiles } from '../db/filePrivacy';
import { backupIfDue, checkIntegrity, CorruptDatabaseError, describeDamage, isCorruptionError, listBackups } from '../db/safety';
import { OperatorStore } from '../foundation/operatorStore';
import { SessionLock } from '../foundation/sessionLock';
import { SettingsStore } from '../foundation/settings';
import { createLogger, logDirOf, type Logger } from '../log';
import { hostKeySource, type DeskKeySource } from '../security/deskKey';
import { bindDeskKey } from '../security/vaultBinding';
import { noCallActivity, type ActivityRecord, type CallActivity } from './callActivity';
import { EventHub } from './events';
import { createHandlers } from './handlers';
import { createRouter, type Router } from './router';
import type { DeskCore, DeskFacts, HostKind } from './deskCore';
import { createServices, type DeskServices } from './services';

// Where the pieces every service is built on are declared (deskCore.ts imports nothing of the features).
export type { DeskCore, DeskFacts, HostKind } from './deskCore';

export interface DeskOptions {
  dbPath: string;
  host: HostKind;
  clock?: Clock;
  log?: Logger;
  /** Electron-ABI better-sqlite3 binary, when hosted by Electron. */
  nativeBinding?: string;
  /** Environment to read secrets and settings overrides from (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** Check the file at open (default: yes for the app and the harness, no for one-shot CLI commands). */
  integrityCheck?: boolean;
  /** Make the daily backup while running (default: yes for the app and the harness). */
  backups?: boolean;
  /** Where the desk key that seals SSNs comes from (default: the environment, then the default key file). */
  deskKey?: DeskKeySource;
  /** The folder of the host's log files, for Copy diagnostics (default: the logger's own, if it writes files). */
  logDir?: string;
  /** The folder of the default key file and of the audit heads (default: defaultKeyFolder). Electron: its user-data folder. */
  keyFolder?: string;
  /** Where the audit log's head is kept outside the database (default: a file in keyFolder); null: nowhere. */
  auditHead?: AuditHeadStore | null;
  /** Hold the database alone (default yes): see db/deskLock.ts. */
  lock?: boolean;
}

/** The setting that names this database in the audit heads kept outside it. */
export const DESK_ID_SETTING = 'desk.id';
const DeskId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/)
  .nullable();

/** How many backups to keep (the newest by their recorded time). */
export const BackupKeepDays = z.number().int().min(1).max(90);

/** `db.backupKeep`, else the older `db.backupKeepDays` (it meant the same number), else 7. */
export function backupKeep(settings: SettingsStore): number {
  return settings.get('db.backupKeep', BackupKeepDays, settings.get('db.backupKeepDays', BackupKeepDays, 7));
}
const HOUR = 60 * 60 * 1000;

/**
 * Opens the file and checks it; a damaged file becomes a CorruptDatabaseError
 * that names the newest backup and how to restore it, never a crash later on.
 */
function openChecked(file: string, options: DeskOptions): Database {
  let db: Database | undefined;
  try {
    db = openDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    const problems = (options.integrityCheck ?? options.host !== 'cli') ? checkIntegrity(db) : [];
    // What the damage touches is judged on the full check (quick_check sees less): a rebuild is offered only when it is sure.
    if (problems.length) throw new CorruptDatabaseError(file, problems, listBackups(file), describeDamage(db, checkIntegrity(db, 'full')));
    return db;
  } catch (error) {
    db?.close();
    // Said once: a CorruptDatabaseError's own message reads "malformed" too (issue 14 §6).
    if (error instanceof CorruptDatabaseError) throw error;
    if (isCorruptionError(error)) throw new CorruptDatabaseError(file, [error instanceof Error ? error.message : String(error)], listBackups(file));
    throw error;
  }
}

/** Whether the database's folder is kynect Desk's own (its data folder), which it may make private. */
function isOwnFolder(dbFile: string, env: NodeJS.ProcessEnv): boolean {
  return path.dirname(path.resolve(dbFile)) === path.dirname(defaultDatabasePath(env));
}

/** What every feature service is built from. */
export interface Desk extends DeskCore, DeskFacts {
  readonly services: DeskServices;
  readonly router: Router;
  start(): void;
  close(): void;
}

/**
 * The composition root: opens the database (migrating it), builds every
 * service on the same connection and clock, and the router in front of them.
 * Electron main, the web harness, the CLI and tests all start here.
 */
export function openDesk(options: DeskOptions): Desk {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger();
  const env = options.env ?? process.env;
  // One writer: taken before the file is opened, given back when the desk closes (or the process dies).
  const held: DeskLock | null = options.lock === false ? null : acquireDeskLock(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  let db: Database;
  try {
    for (const fix of securePrivateFiles(options.dbPath, { ownFolder: isOwnFolder(options.dbPath, env) })) log.info('made a file private', { ...fix });
    db = openChecked(options.dbPath, options);
    for (const fix of securePrivateFiles(options.dbPath, { ownFolder: false })) log.info('made a file private', { ...fix });
  } catch (error) {
    held?.release();
    throw error;
  }
  const keyFolder = options.keyFolder ?? defaultKeyFolder(env);
  const settings = new SettingsStore(db, clock);
  const deskId = settings.get(DESK_ID_SETTING, DeskId, null) ?? settings.set(DESK_ID_SETTING, DeskId, randomUUID())!;
  const keySource = options.deskKey ?? defaultDeskKeySource(env, keyFolder);
  const operators = new OperatorStore(db, clock);
  // The keyring audits through the log that it keys: the closure reads `audit` only after both exist.
  const keyring = bindDeskKey(keySource, settings, () => audit, { createForAudit: options.host !== 'cli' });
  const audit: AuditLog = new AuditLog(
    db,
    clock,
    () => {
      const op = operators.current();
      return op ? `operator:${op.id}` : `system:${options.host}`;
    },
    { key: (w) => keyring.auditKey(w), head: options.auditHead === undefined ? fileHeadStore(keyFolder, deskId) : options.auditHead },
  );
  const events = new EventHub();
  const lock = new SessionLock({ clock, settings, operators, audit, events });
  let activity: CallActivity = noCallActivity;
  const starters: (() => void)[] = [];
  const closers: (() => void)[] = [];
  let started = false;
  let closed = false;

  const core: DeskCore = {
    dbPath: options.dbPath,
    host: options.host,
    db,
    clock,
    log,
    env,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    logDir: options.logDir ?? logDirOf(log),
    events,
    audit,
    settings,
    operators,
    lock,
    keyring,
    ssnVault: () => keyring.vault(),
    callActivity: { record: (entry: ActivityRecord) => activity.record(entry), language: () => activity.language() },
    useCallActivity: (impl) => {
      activity = impl;
    },
    onStart: (fn) => {
      starters.push(fn);
      if (started) fn();
    },
    onClose: (fn) => void closers.push(fn),
  };

  let services: DeskServices;
  try {
    services = createServices(core);
  } catch (error) {
    db.close();
    held?.release();
    throw error;
  }

  if (options.host !== 'cli') {
    // The lock is evaluated once a second; only a change is pushed to the windows.
    let lockTimer: NodeJS.Timeout | undefined;
    core.onStart(() => {
      lockTimer = setInterval(() => lock.tick(), 1000);
      lockTimer.unref();
    });
    core.onClose(() => clearInterval(lockTimer));
  }

  if (options.backups ?? options.host !== 'cli') {
    let timer: NodeJS.Timeout | undefined;
    const backup = () => {
      backupIfDue(db, options.dbPath, clock, backupKeep(core.settings)).then(
        (file) => file && log.info('daily backup written', { file }),
        (error: unknown) => log.error('daily backup failed', { error }),
      );
    };
    core.onStart(() => {
      backup();
      timer = setInterval(backup, HOUR);
      timer.unref();
    });
    core.onClose(() => clearInterval(timer));
  }

  const desk: Desk = {
    ...core,
    services,
    router: undefined as unknown as Router,
    status: () => ({
      appVersion: APP_VERSION,
      host: options.host,
      database: { state: 'ready', path: options.dbPath, schemaVersion: schemaVersion(db) },
      operator: operators.current(),
    }),
    dbInfo: () => ({
      path: options.dbPath,
      schemaVersion: schemaVersion(db),
      latestSchemaVersion,
      journalMode: String(db.pragma('journal_mode', { simple: true })),
      tables: tableCounts(db),
    }),
    start: () => {
      if (started || closed) return;
      started = true;
      for (const fn of starters) fn();
    },
    close: () => {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) {
        try {
          fn();
        } catch (error) {
          log.warn('a service failed to stop cleanly', { error });
        }
      }
      try {
        audit.flushHead();
      } catch (error) {
        log.error('could not record the audit head', { error });
      }
      db.close();
      held?.release();
    },
  };
  (desk as { router: Router }).router = createRouter(createHandlers(desk), log);
  return desk;
}

/**
 * The app's own database file, where Electron's userData folder puts it, so
 * the CLI and harness find the app's data without being told.
 */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return path.join(appDataBase(env, platform), 'kynect Desk', 'kynect-desk.sqlite3');
}

function appDataBase(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = os.homedir();
  return platform === 'win32'
    ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
    : platform === 'darwin'
      ? path.join(home, 'Library', 'Application Support')
      : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
}

/**
 * The CLI's and harness's default key file and the audit heads: a folder of their own
 * beside the app's data folder, never inside it (issue 14 §2), so copying the data
 * folder — or its backups — copies no key.
 */
export function defaultKeyFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return path.join(appDataBase(env, platform), 'kynect Desk Keys');
}

/** What read-only CLI commands need: the file, its audit log (checked with the key when there is one), its info. */
export interface ReadOnlyDesk {
  readonly dbPath: string;
  readonly db: Database;
  readonly audit: AuditLog;
  dbInfo(): DatabaseInfo;
  close(): void;
}

/**
 * The database opened read-only, beside a desk that holds it (issue 14 §8): no lock,
 * no migration, no write of any kind, so it can never disturb the writer.
 */
export function openReadOnlyDesk(options: Pick<DeskOptions, 'dbPath' | 'clock' | 'env' | 'deskKey' | 'keyFolder' | 'nativeBinding'>): ReadOnlyDesk {
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const db = new BetterSqlite3(options.dbPath, { readonly: true, fileMustExist: true, timeout: 1000, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    const settings = new SettingsStore(db, clock);
    const keyFolder = options.keyFolder ?? defaultKeyFolder(env);
    const deskId = settings.get(DESK_ID_SETTING, DeskId, null);
    const source = options.deskKey ?? hostKeySource({ env, keyFolder });
    const keyring = bindDeskKey(source, settings, () => audit, { createForAudit: false });
    const audit: AuditLog = new AuditLog(db, clock, () => 'system:cli', { key: () => keyring.auditKey(false), head: deskId ? fileHeadStore(keyFolder, deskId) : null });
    return {
      dbPath: options.dbPath,
      db,
      audit,
      dbInfo: () => ({
        path: options.dbPath,
        schemaVersion: schemaVersion(db),
        latestSchemaVersion,
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        tables: tableCounts(db),
      }),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Where the desk key comes from when the host names none: the environment, then the app folder's key file. */
export function defaultDeskKeySource(env: NodeJS.ProcessEnv = process.env, keyFolder = defaultKeyFolder(env)): DeskKeySource {
  return hostKeySource({ env, keyFolder, legacyFolder: path.dirname(defaultDatabasePath(env)) });
}

/** `--db` wins, then KYNECT_DESK_DB, then the app's own file. */
export function resolveDatabasePath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.KYNECT_DESK_DB) return path.resolve(env.KYNECT_DESK_DB);
  return defaultDatabasePath(env);
}
