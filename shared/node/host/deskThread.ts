import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ManualClock, systemClock, type Clock } from '../../common/clock';
import { DeskError, type Result } from '../../common/errors';
import type { EventName } from '../../common/ipc/contract';
import { DatabaseTooNewError } from '../db/database';
import { DatabaseInUseError } from '../db/deskLock';
import { FilePermissionError } from '../db/filePrivacy';
import { CorruptDatabaseError } from '../db/safety';
import type { CentralSecrets } from '../central/secrets';
import type { SecretSource } from '../ese/secrets';
import { logDirOf, silentLogger, type Logger, type LogLevel } from '../log';
import type { DeskKeySource } from '../security/deskKey';
import { defaultDeskKeySource, type Desk, type HostKind } from './desk';
import type { EventListener } from './events';
import type { CallContext } from './router';
import {
  DESK_SLOT,
  HOST_SLOT,
  serializeError,
  type DeskThreadInit,
  type DeskToHost,
  type HostToDesk,
  type ProbeAnswer,
  type ProbeRequest,
  type ProbeStep,
  type SecretAnswer,
  type SecretRequest,
  type SerializedError,
} from './threadProtocol';

export interface DeskThreadOptions {
  dbPath: string;
  host: HostKind;
  /** The system clock, or a ManualClock the desk thread reads through shared memory. */
  clock?: Clock;
  nativeBinding?: string;
  env?: NodeJS.ProcessEnv;
  integrityCheck?: boolean;
  backups?: boolean;
  /** The folder of the default key file and of the audit head (Electron: its user-data folder). */
  keyFolder?: string;
  /** Kept on this thread (safeStorage is Electron main's); the desk thread asks for the key when it needs it. */
  deskKey?: DeskKeySource;
  /** Kept on this thread likewise; without it the desk reads KYNECT_DESK_SMTP_PASSWORD. */
  smtpSecrets?: SecretSource;
  /** The central store's password and contact-center key, likewise; without them the desk reads the environment. */
  centralSecrets?: CentralSecrets;
  log?: Logger;
  logLevel?: LogLevel;
}

/** What the window's host (Electron main, the harness) holds: the contract in, events out. */
export interface DeskThread {
  readonly dbPath: string;
  dispatch(channel: unknown, request: unknown, ctx: CallContext): Promise<Result<unknown>>;
  readonly events: { subscribe(listener: EventListener): () => void };
  /**
   * A synchronous look into the desk for tests and tools that seed or inspect it
   * (`thread.desk.services.calls.current()`): each call runs in the desk thread while
   * this one waits. Results that are plain data are copied; anything else comes back
   * as a handle to call further; a promise comes back as a promise.
   */
  readonly desk: Desk;
  /** The thread stopped (a crash); requests get an "unavailable" answer from then on. */
  readonly stopped: boolean;
  close(): Promise<void>;
}

const REBUILD: Record<string, object> = {
  CorruptDatabaseError: CorruptDatabaseError.prototype,
  DatabaseTooNewError: DatabaseTooNewError.prototype,
  DatabaseInUseError: DatabaseInUseError.prototype,
  FilePermissionError: FilePermissionError.prototype,
  DeskError: DeskError.prototype,
};

/** The error the desk thread met, as an instance of its own class where the host has to tell them apart. */
export function rebuildError(e: SerializedError): Error {
  const error = Object.create(REBUILD[e.name] ?? Error.prototype) as Error;
  Object.assign(error, e.fields);
  Object.defineProperties(error, {
    message: { value: e.message, writable: true, configurable: true },
    name: { value: e.name, writable: true, configurable: true },
    stack: { value: e.stack ?? `${e.name}: ${e.message}`, writable: true, configurable: true },
  });
  return error;
}

/** Under tsx (tests, CLI, harness) the thread loads deskWorker.ts through the same loader; in Electron's bundle, deskWorker.cjs beside main. */
function newWorker(init: DeskThreadInit, transfer: MessagePort[]): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL('./deskWorker.ts', here).href)}); })`;
    return new Worker(boot, { eval: true, workerData: init, transferList: transfer });
  }
  return new Worker(path.join(path.dirname(fileURLToPath(here)), 'deskWorker.cjs'), { workerData: init, transferList: transfer });
}

/**
 * Starts the desk on a thread of its own and resolves once its database is open,
 * or rejects with the error it met (a damaged or newer database, a busy file).
 */
export function startDeskThread(options: DeskThreadOptions): Promise<DeskThread> {
  const log = options.log ?? silentLogger;
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  if (clock !== systemClock && !(clock instanceof ManualClock)) throw new Error('A desk thread runs on the system clock or a ManualClock.');
  const deskKey = options.deskKey ?? defaultDeskKeySource(env, options.keyFolder);
  const secrets = options.smtpSecrets ?? null;
  const central = options.centralSecrets ?? null;
  const control = new SharedArrayBuffer(8);
  const flags = new Int32Array(control);
  const secretsChannel = new MessageChannel();
  const probeChannel = new MessageChannel();
  const init: DeskThreadInit = {
    dbPath: options.dbPath,
    host: options.host,
    clock: clock instanceof ManualClock ? clock.memory : null,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    env: { ...env },
    ...(options.integrityCheck !== undefined ? { integrityCheck: options.integrityCheck } : {}),
    ...(options.backups !== undefined ? { backups: options.backups } : {}),
    ...(options.keyFolder ? { keyFolder: options.keyFolder } : {}),
    deskKey: { description: deskKey.description },
    smtpSecret: secrets ? { description: secrets.description, canSet: typeof secrets.setSmtpPassword === 'function' } : null,
    centralSecret: central
      ? {
          description: central.description,
          keyDescription: central.keyDescription,
          canSetPassword: typeof central.setPassword === 'function',
          canSetKey: typeof central.setCenterKey === 'function',
        }
      : null,
    logLevel: options.logLevel ?? 'debug',
    logDir: logDirOf(log),
    control,
    secretsPort: secretsChannel.port2,
    probePort: probeChannel.port2,
  };
  const worker = newWorker(init, [secretsChannel.port2, probeChannel.port2]);
  const secretsPort = secretsChannel.port1;
  const probePort = probeChannel.port1;

  const answerSecret = (request: SecretRequest): SecretAnswer => {
    try {
      if (request.kind === 'deskKey.load') {
        const key = deskKey.load({ mayCreate: request.mayCreate });
        const copy = new Uint8Array(key);
        key.fill(0);
        return { ok: true, value: copy };
      }
      switch (request.kind) {
        case 'smtp.get':
          return { ok: true, value: secrets?.smtpPassword() };
        case 'smtp.set':
          if (!secrets?.setSmtpPassword) throw new DeskError('refused', 'This host cannot keep an SMTP password.');
          secrets.setSmtpPassword(request.password);
          return { ok: true, value: null };
        case 'central.password.get':
          return { ok: true, value: central?.password() };
        case 'central.password.set':
          if (!central?.setPassword) throw new DeskError('refused', 'This host cannot keep the central store password.');
          central.setPassword(request.password);
          return { ok: true, value: null };
        case 'central.key.get': {
          const key = central?.centerKey();
          if (!key) return { ok: true, value: undefined };
          const copy = new Uint8Array(key);
          key.fill(0);
          return { ok: true, value: copy };
        }
        case 'central.key.set':
          if (!central?.setCenterKey) throw new DeskError('refused', 'This host cannot keep the contact-center key.');
          central.setCenterKey(Buffer.from(request.key));
          return { ok: true, value: null };
      }
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  };
  const serveSecrets = (): boolean => {
    let served = false;
    for (let m = receiveMessageOnPort(secretsPort); m; m = receiveMessageOnPort(secretsPort)) {
      secretsPort.postMessage(answerSecret(m.message as SecretRequest));
      Atomics.store(flags, DESK_SLOT, 1);
      Atomics.notify(flags, DESK_SLOT);
      served = true;
    }
    return served;
  };
  secretsPort.on('message', (request: SecretRequest) => {
    secretsPort.postMessage(answerSecret(request));
    Atomics.store(flags, DESK_SLOT, 1);
    Atomics.notify(flags, DESK_SLOT);
  });
  // Without a listener the probe port is read only by receiveMessageOnPort below.
  probePort.unref();

  const listeners = new Set<EventListener>();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const promises = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let stopped = false;
  let closing: Promise<void> | null = null;
  let onClosed: (() => void) | null = null;
  const unavailable: Result<unknown> = { ok: false, error: { code: 'unavailable', message: "kynect Desk's services stopped. Restart kynect Desk; nothing you saved was lost." } };
  const stop = () => {
    stopped = true;
    for (const reply of pending.values()) reply(unavailable);
    pending.clear();
    for (const p of promises.values()) p.reject(new DeskError('unavailable', 'The desk thread stopped.'));
    promises.clear();
  };

  const probe = (request: ProbeRequest): unknown => {
    if (stopped) throw new DeskError('unavailable', 'The desk thread stopped.');
    Atomics.store(flags, HOST_SLOT, 0);
    probePort.postMessage(request);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const reply = receiveMessageOnPort(probePort);
      if (reply) {
        const a = reply.message as ProbeAnswer;
        if (a.kind === 'value') return a.value;
        if (a.kind === 'handle') return remote(a.handle, []);
        if (a.kind === 'error') throw rebuildError(a.error);
        return new Promise((resolve, reject) => promises.set(a.id, { resolve, reject }));
      }
      // The desk may ask for a secret while this thread waits for it: answer here, or both would wait forever.
      if (serveSecrets()) continue;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('The desk thread did not answer a probe within 60 s.');
      Atomics.wait(flags, HOST_SLOT, 0, Math.min(left, 1000));
      Atomics.store(flags, HOST_SLOT, 0);
    }
  };
  // Plain data properties a test reads without calling anything.
  const DATA = new Set(['dbPath', 'host']);
  const remote = (from: number | null, steps: ProbeStep[]): never =>
    new Proxy<() => void>(function remoteDesk() {}, {
      get(_t, prop) {
        if (typeof prop === 'symbol' || prop === 'then') return undefined;
        if (from === null && steps.length === 0 && DATA.has(prop)) return probe({ from, steps: [{ get: prop }] });
        return remote(from, [...steps, { get: prop }]);
      },
      apply(_t, _self, args: unknown[]) {
        return probe({ from, steps: [...steps, { call: args }] });
      },
    }) as never;

  return new Promise<DeskThread>((resolve, reject) => {
    let ready = false;
    worker.on('message', (m: DeskToHost) => {
      switch (m.t) {
        case 'ready':
          ready = true;
          resolve(thread);
          break;
        case 'failed':
          stop();
          void worker.terminate();
          reject(rebuildError(m.error));
          break;
        case 'result':
          pending.get(m.id)?.(m.result);
          pending.delete(m.id);
          break;
        case 'event':
          for (const l of listeners) {
            try {
              l(m.name as EventName, m.payload);
            } catch {
              // A broken window must not stop the others from hearing.
            }
          }
          break;
        case 'log':
          log[m.level](m.msg, m.fields);
          break;
        case 'promise': {
          const p = promises.get(m.id);
          promises.delete(m.id);
          if (m.ok) p?.resolve(m.value);
          else p?.reject(rebuildError(m.value as SerializedError));
          break;
        }
        case 'closed':
          onClosed?.();
          break;
      }
    });
    worker.on('error', (error) => {
      log.error('the desk thread crashed', { error });
      stop();
      if (!ready) reject(error);
    });
    worker.on('exit', (code) => {
      if (!stopped && !closing) log.error('the desk thread ended', { code });
      stop();
      onClosed?.();
      secretsPort.close();
      probePort.close();
    });

    const thread: DeskThread = {
      dbPath: options.dbPath,
      get stopped() {
        return stopped;
      },
      dispatch(channel, request, ctx) {
        if (stopped) return Promise.resolve(unavailable);
        const id = nextId++;
        return new Promise((reply) => {
          pending.set(id, reply);
          worker.postMessage({ t: 'dispatch', id, channel: String(channel), request, ctx } satisfies HostToDesk);
        });
      },
      events: {
        subscribe(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      desk: remote(null, []),
      close() {
        closing ??= new Promise<void>((done) => {
          if (stopped) return done();
          onClosed = () => {
            onClosed = null;
            void worker.terminate().then(() => done());
          };
          worker.postMessage({ t: 'close' } satisfies HostToDesk);
        });
        return closing;
      },
    };
  });
}
