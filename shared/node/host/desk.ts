import os from 'node:os';
import path from 'node:path';
import { systemClock, type Clock } from '../../common/clock';
import type { AppStatus, DatabaseInfo } from '../../common/foundation/contract';
import { APP_VERSION } from '../../common/version';
import { AuditLog } from '../audit/auditLog';
import { z } from 'zod';
import { openDatabase, schemaVersion, tableCounts, latestSchemaVersion, type Database } from '../db/database';
import { backupIfDue, checkIntegrity, CorruptDatabaseError, isCorruptionError, listBackups } from '../db/safety';
import { OperatorStore } from '../foundation/operatorStore';
import { SessionLock } from '../foundation/sessionLock';
import { SettingsStore } from '../foundation/settings';
import { createLogger, logDirOf, type Logger } from '../log';
import { hostKeySource, type DeskKeySource } from '../security/deskKey';
import type { SsnVault } from '../security/ssnVault';
import { bindVault } from '../security/vaultBinding';
import { noCallActivity, type ActivityRecord, type CallActivity } from './callActivity';
import { EventHub } from './events';
import { createHandlers } from './handlers';
import { createRouter, type Router } from './router';
import { createServices, type DeskServices } from './services';

export type HostKind = 'electron' | 'web' | 'cli';

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
  /** Where the desk key that seals SSNs comes from (default: the environment, then the app folder's key file). */
  deskKey?: DeskKeySource;
  /** The folder of the host's log files, for Copy diagnostics (default: the logger's own, if it writes files). */
  logDir?: string;
}

/** How many daily backups to keep. */
export const BackupKeepDays = z.number().int().min(1).max(90);
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
    if (problems.length) throw new CorruptDatabaseError(file, problems, listBackups(file));
    return db;
  } catch (error) {
    db?.close();
    if (isCorruptionError(error)) throw new CorruptDatabaseError(file, [error instanceof Error ? error.message : String(error)], listBackups(file));
    throw error;
  }
}

/** What every feature service is built from. */
export interface DeskCore {
  readonly dbPath: string;
  readonly host: HostKind;
  readonly db: Database;
  readonly clock: Clock;
  readonly log: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** The host's log folder, or null when it logs to stderr only. */
  readonly logDir: string | null;
  readonly events: EventHub;
  readonly audit: AuditLog;
  readonly settings: SettingsStore;
  readonly operators: OperatorStore;
  /** The idle lock (see foundation/sessionLock.ts). */
  readonly lock: SessionLock;
  /** Seals and opens SSNs; resolves the desk key on first use (see security/vaultBinding.ts). */
  readonly ssnVault: () => SsnVault;
  /** Puts a record on the active call's timeline (see callActivity.ts). */
  readonly callActivity: CallActivity;
  /** The call-session feature installs the real timeline here. */
  useCallActivity(impl: CallActivity): void;
  /** Background work (delivery workers, timers) starts here in main and the harness, not in the CLI. */
  onStart(fn: () => void): void;
  onClose(fn: () => void): void;
}

export interface Desk extends DeskCore {
  readonly services: DeskServices;
  readonly router: Router;
  status(): AppStatus;
  dbInfo(): DatabaseInfo;
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
  const db = openChecked(options.dbPath, options);
  const operators = new OperatorStore(db, clock);
  const audit = new AuditLog(db, clock, () => {
    const op = operators.current();
    return op ? `operator:${op.id}` : `system:${options.host}`;
  });
  const events = new EventHub();
  const settings = new SettingsStore(db, clock);
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
    env: options.env ?? process.env,
    logDir: options.logDir ?? logDirOf(log),
    events,
    audit,
    settings,
    operators,
    lock,
    ssnVault: bindVault(options.deskKey ?? defaultDeskKeySource(options.env ?? process.env), settings, audit),
    callActivity: { record: (entry: ActivityRecord) => activity.record(entry) },
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
      const keep = core.settings.get('db.backupKeepDays', BackupKeepDays, 7);
      backupIfDue(db, options.dbPath, clock, keep).then(
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
      db.close();
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
  const home = os.homedir();
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, 'kynect Desk', 'kynect-desk.sqlite3');
}

/** Where the desk key comes from when the host names none: the environment, then the app folder's key file. */
export function defaultDeskKeySource(env: NodeJS.ProcessEnv = process.env): DeskKeySource {
  return hostKeySource({ env, appFolder: path.dirname(defaultDatabasePath(env)) });
}

/** `--db` wins, then KYNECT_DESK_DB, then the app's own file. */
export function resolveDatabasePath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.KYNECT_DESK_DB) return path.resolve(env.KYNECT_DESK_DB);
  return defaultDatabasePath(env);
}
