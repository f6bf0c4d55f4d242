/**
 * What every service is built on: one database, one clock, the audit log, the event hub.
 * It lives apart from the composition root (desk.ts) so that services and handlers can
 * name it without importing the module that imports them: no cycle, not even of types.
 */
import type { Clock } from '../../common/clock';
import type { AppStatus, DatabaseInfo } from '../../common/foundation/contract';
import type { AuditLog } from '../audit/auditLog';
import type { Database } from '../db/database';
import type { OperatorStore } from '../foundation/operatorStore';
import type { SessionLock } from '../foundation/sessionLock';
import type { SettingsStore } from '../foundation/settings';
import type { Logger } from '../log';
import type { SsnVault } from '../security/ssnVault';
import type { DeskKeyring } from '../security/vaultBinding';
import type { CallActivity } from './callActivity';
import type { EventHub } from './events';

export type HostKind = 'electron' | 'web' | 'cli';

export interface DeskCore {
  readonly dbPath: string;
  readonly host: HostKind;
  readonly db: Database;
  readonly clock: Clock;
  readonly log: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** Electron-ABI better-sqlite3 binary, for threads that open connections of their own (the import's staging thread). */
  readonly nativeBinding?: string;
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
  /** The desk key's uses (vault, audit chain). */
  readonly keyring: DeskKeyring;
  /** Puts a record on the active call's timeline (see callActivity.ts). */
  readonly callActivity: CallActivity;
  /** The call-session feature installs the real timeline here. */
  useCallActivity(impl: CallActivity): void;
  /** Background work (delivery workers, timers) starts here in main and the harness, not in the CLI. */
  onStart(fn: () => void): void;
  onClose(fn: () => void): void;
}

/** What the desk says about itself once built: the status bar's facts and the database's. */
export interface DeskFacts {
  status(): AppStatus;
  dbInfo(): DatabaseInfo;
}
