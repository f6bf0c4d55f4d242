/**
 * The desk thread: every service, the SQLite connection and the background work
 * (delivery, backups, the idle lock) run here, off the thread that owns the window
 * (Electron main) or the HTTP server (the harness). See deskThread.ts for the host
 * side and threadProtocol.ts for what crosses between them.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { ManualClock, systemClock } from '../../common/clock';
import { DeskError } from '../../common/errors';
import type { CentralSecrets } from '../central/secrets';
import type { SecretSource } from '../ese/secrets';
import { redact, type Logger, type LogLevel } from '../log';
import type { DeskKeySource } from '../security/deskKey';
import { openDesk, type Desk } from './desk';
import {
  DESK_SLOT,
  HOST_SLOT,
  isPlainData,
  serializeError,
  type DeskThreadInit,
  type DeskToHost,
  type HostToDesk,
  type ProbeAnswer,
  type ProbeRequest,
  type SecretAnswer,
  type SecretRequest,
  type SerializedError,
} from './threadProtocol';

if (!parentPort) throw new Error('deskWorker.ts runs as a worker thread (see deskThread.ts).');
const port = parentPort;
const init = workerData as DeskThreadInit;
const control = new Int32Array(init.control);
const post = (m: DeskToHost) => port.postMessage(m);

function revive(e: SerializedError): Error {
  const error =
    e.name === 'DeskError'
      ? new DeskError((e.fields.code as DeskError['code']) ?? 'internal', e.message, e.fields.fieldErrors as Record<string, string> | undefined)
      : new Error(e.message);
  error.name = e.name;
  return error;
}

/** Asks the host thread and sleeps until it answers (it may itself be waiting on a probe: it serves secrets while it waits). */
function askHost(request: SecretRequest): unknown {
  Atomics.store(control, DESK_SLOT, 0);
  init.secretsPort.postMessage(request);
  Atomics.store(control, HOST_SLOT, 1);
  Atomics.notify(control, HOST_SLOT);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = receiveMessageOnPort(init.secretsPort);
    if (answer) {
      const a = answer.message as SecretAnswer;
      if (a.ok) return a.value;
      throw revive(a.error);
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new DeskError('unavailable', 'kynect Desk could not read a secret from the app in time. Restart kynect Desk.');
    Atomics.wait(control, DESK_SLOT, 0, left);
    Atomics.store(control, DESK_SLOT, 0);
  }
}

const deskKey: DeskKeySource = {
  description: init.deskKey.description,
  load: ({ mayCreate }) => Buffer.from(askHost({ kind: 'deskKey.load', mayCreate }) as Uint8Array),
};

const smtpSecret: SecretSource | null = init.smtpSecret
  ? {
      description: init.smtpSecret.description,
      smtpPassword: () => askHost({ kind: 'smtp.get' }) as string | undefined,
      ...(init.smtpSecret.canSet ? { setSmtpPassword: (password: string) => void askHost({ kind: 'smtp.set', password }) } : {}),
    }
  : null;

const centralSecret: CentralSecrets | null = init.centralSecret
  ? {
      description: init.centralSecret.description,
      keyDescription: init.centralSecret.keyDescription,
      password: () => askHost({ kind: 'central.password.get' }) as string | undefined,
      centerKey: () => {
        const key = askHost({ kind: 'central.key.get' }) as Uint8Array | undefined;
        return key ? Buffer.from(key) : undefined;
      },
      ...(init.centralSecret.canSetPassword ? { setPassword: (password: string) => void askHost({ kind: 'central.password.set', password }) } : {}),
      ...(init.centralSecret.canSetKey ? { setCenterKey: (key: Buffer) => void askHost({ kind: 'central.key.set', key: new Uint8Array(key) }) } : {}),
    }
  : null;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const forward = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
  if (order[level] < order[init.logLevel]) return;
  // Redacted here too: nothing about a resident crosses to the host unredacted, even in a log line.
  post({ t: 'log', level, msg, ...(fields ? { fields: redact(fields) as Record<string, unknown> } : {}) });
};
const log: Logger = { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };

function open(): Desk | null {
  try {
    const desk = openDesk({
      dbPath: init.dbPath,
      host: init.host,
      clock: init.clock ? ManualClock.attach(init.clock) : systemClock,
      log,
      env: init.env,
      deskKey,
      ...(init.logDir ? { logDir: init.logDir } : {}),
      ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
      ...(init.integrityCheck !== undefined ? { integrityCheck: init.integrityCheck } : {}),
      ...(init.backups !== undefined ? { backups: init.backups } : {}),
      ...(init.keyFolder ? { keyFolder: init.keyFolder } : {}),
    });
    if (smtpSecret) desk.services.ese.useSecretSource(smtpSecret);
    if (centralSecret) desk.services.central.useSecrets(centralSecret);
    return desk;
  } catch (error) {
    // The host rebuilds the error (a damaged or newer database is its to explain) and ends this thread.
    post({ t: 'failed', error: serializeError(error) });
    return null;
  }
}

const opened = open();
if (opened) serve(opened);

function serve(desk: Desk): void {
  desk.events.subscribe((name, payload) => post({ t: 'event', name, payload }));

  port.on('message', (m: HostToDesk) => {
    if (m.t === 'dispatch') {
      void desk.router.dispatch(m.channel, m.request, m.ctx).then((result) => post({ t: 'result', id: m.id, result }));
    } else if (m.t === 'close') {
      try {
        desk.close();
      } finally {
        post({ t: 'closed' });
      }
    }
  });

  // ---- a test's synchronous look into the desk ------------------------------------

  const handles = new Map<number, unknown>();
  let nextHandle = 1;
  let nextPromise = 1;

  function evaluate(request: ProbeRequest): unknown {
    let target: unknown = request.from === null ? desk : handles.get(request.from);
    let self: unknown = undefined;
    for (const step of request.steps) {
      if ('get' in step) {
        self = target;
        target = (target as Record<string, unknown>)[step.get];
      } else {
        if (typeof target !== 'function') throw new TypeError('A test asked the desk to call something that is not a function.');
        target = (target as (...a: unknown[]) => unknown).apply(self, step.call);
        self = undefined;
      }
    }
    return target;
  }

  init.probePort.on('message', (request: ProbeRequest) => {
    let answer: ProbeAnswer;
    try {
      const value = evaluate(request);
      if (value instanceof Promise) {
        const id = nextPromise++;
        value.then(
          (v) => post({ t: 'promise', id, ok: true, value: isPlainData(v) ? v : String(v) }),
          (e: unknown) => post({ t: 'promise', id, ok: false, value: serializeError(e) }),
        );
        answer = { kind: 'promise', id };
      } else if (isPlainData(value)) {
        answer = { kind: 'value', value };
      } else {
        const handle = nextHandle++;
        handles.set(handle, value);
        answer = { kind: 'handle', handle };
      }
    } catch (error) {
      answer = { kind: 'error', error: serializeError(error) };
    }
    init.probePort.postMessage(answer);
    Atomics.store(control, HOST_SLOT, 1);
    Atomics.notify(control, HOST_SLOT);
  });

  desk.start();
  post({ t: 'ready' });
}
