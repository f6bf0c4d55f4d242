/**
 * What the desk thread (deskWorker.ts) and the thread that hosts it (deskThread.ts:
 * Electron main, the harness) say to each other. Contract requests and their answers
 * go as messages; the few things the desk must ask its host synchronously (the desk
 * key and the SMTP password, which only Electron main can read with safeStorage) and
 * a test's direct look into the desk go through a MessagePort read with
 * receiveMessageOnPort while the asker waits on shared memory (Atomics.wait).
 */
import type { MessagePort } from 'node:worker_threads';
import type { Result } from '../../common/errors';
import type { CallContext } from './router';
import type { HostKind } from './desk';
import type { LogLevel } from '../log';

/** Int32 slots in the shared control block: each side sleeps on its own slot. */
export const HOST_SLOT = 0;
export const DESK_SLOT = 1;

export interface DeskThreadInit {
  dbPath: string;
  host: HostKind;
  /** The shared memory of a ManualClock, or null for the system clock. */
  clock: SharedArrayBuffer | null;
  nativeBinding?: string;
  env: Record<string, string | undefined>;
  integrityCheck?: boolean;
  backups?: boolean;
  keyFolder?: string;
  /** The desk key's source, as main describes it; every load asks main. */
  deskKey: { description: string };
  /** Present when main keeps the SMTP password (Electron safeStorage); else the desk reads the environment. */
  smtpSecret: { description: string; canSet: boolean } | null;
  /** Present when main keeps the central store's password and contact-center key (Electron safeStorage). */
  centralSecret: { description: string; keyDescription: string; canSetPassword: boolean; canSetKey: boolean } | null;
  logLevel: LogLevel;
  /** The host's log folder (its files are written on the host's side). */
  logDir: string | null;
  control: SharedArrayBuffer;
  /** Secrets asked by the desk thread, answered by main. */
  secretsPort: MessagePort;
  /** A test's synchronous look into the desk. */
  probePort: MessagePort;
}

export type HostToDesk = { t: 'dispatch'; id: number; channel: string; request: unknown; ctx: CallContext } | { t: 'close' };

export type DeskToHost =
  | { t: 'ready' }
  | { t: 'failed'; error: SerializedError }
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'event'; name: string; payload: unknown }
  | { t: 'log'; level: LogLevel; msg: string; fields?: Record<string, unknown> }
  | { t: 'promise'; id: number; ok: boolean; value: unknown }
  | { t: 'closed' };

export type SecretRequest =
  | { kind: 'deskKey.load'; mayCreate: boolean }
  | { kind: 'smtp.get' }
  | { kind: 'smtp.set'; password: string }
  | { kind: 'central.password.get' }
  | { kind: 'central.password.set'; password: string }
  | { kind: 'central.key.get' }
  | { kind: 'central.key.set'; key: Uint8Array };

export type SecretAnswer = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** One step of a path into the desk: read a property, or call what was read. */
export type ProbeStep = { get: string } | { call: unknown[] };

export interface ProbeRequest {
  /** A handle the desk gave for an earlier result that could not be copied (a prepared statement, a store). */
  from: number | null;
  steps: ProbeStep[];
}

export type ProbeAnswer = { kind: 'value'; value: unknown } | { kind: 'handle'; handle: number } | { kind: 'promise'; id: number } | { kind: 'error'; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Own enumerable fields (a DeskError's code, a CorruptDatabaseError's backups…). */
  fields: Record<string, unknown>;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(error)) {
      try {
        fields[k] = structuredClone(v);
      } catch {
        // A field that cannot cross threads is left out.
      }
    }
    return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), fields };
  }
  return { name: 'Error', message: String(error), fields: {} };
}

/** Whether a value crosses threads as a copy; anything else (class instances, functions) stays in the desk as a handle. */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (value === null || value === undefined) return true;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint') return true;
  if (t !== 'object') return false;
  if (value instanceof Date || value instanceof Uint8Array || value instanceof Error) return true;
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as Record<string, unknown>).every((v) => isPlainData(v, depth + 1));
}
