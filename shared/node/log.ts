import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';

/**
 * Structured logging for main, the harness and the CLI. Residents' data must never
 * reach a log: values under keys that hold it are dropped, and text that looks like
 * an SSN, an email address, a phone number or a date is masked wherever it appears.
 * Names cannot be recognised in free text, so messages are fixed sentences and a
 * name only ever travels under a key listed here.
 */
import { findSsns } from '../common/privacy/ssnText';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SENSITIVE_KEY =
  /^(ssn|socialSecurityNumber|dob|dateOfBirth|date_of_birth|birthDate|firstName|first_name|lastName|last_name|middleName|name|fullName|clientName|residentName|callerName|caller_name|agentName|agent_name|repName|organization|email|emailAddress|phone|phoneNumber|callback|callbackNumber|callback_number|address|notes?|narrative|text|body|details|summary|values|password|pass|token|pin)$/i;
// The app's one SSN detector (Unicode digits, any separators), then a stricter rule of its own:
// a log never needs a nine-digit number, so no case-number labels are honoured here.
const SSN_LIKE = /(?<!\d)\d{3}[-.\s]?\d{2}[-.\s]?\d{4}(?!\d)/g;
function redactSsns(s: string): string {
  let out = '';
  let at = 0;
  for (const m of findSsns(s)) {
    out += s.slice(at, m.start) + '[redacted-ssn]';
    at = m.end;
  }
  return (out + s.slice(at)).replace(SSN_LIKE, '[redacted-ssn]');
}
const EMAIL_LIKE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const PHONE_LIKE = /(?<![\d-])(?:\+?1[-.\s]?)?\(?\d{3}\)?[-.\s]?\d{3}[-.\s]?\d{4}(?![\d-])/g;
// A date standing alone may be a birth date; the date inside an ISO timestamp is not.
const DATE_LIKE = /(?<![\d/-])(?:\d{4}-\d{2}-\d{2}(?![\dT])|\d{1,2}\/\d{1,2}\/\d{2,4}(?![\d/]))/g;

function redactText(text: string): string {
  return redactSsns(text.replace(EMAIL_LIKE, '[redacted-email]')).replace(PHONE_LIKE, '[redacted-phone]').replace(DATE_LIKE, '[redacted-date]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message), stack: redactText(value.stack ?? '') };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

function levelFrom(env: string | undefined): LogLevel | undefined {
  return env && env in order ? (env as LogLevel) : undefined;
}

/** JSON lines on stderr (the CLI; tests capture them with `write`). */
export function createLogger(options: { level?: LogLevel; write?: (line: string) => void; now?: () => Date } = {}): Logger {
  const min = order[options.level ?? levelFrom(process.env.KYNECT_DESK_LOG_LEVEL) ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const entry = { t: now().toISOString(), level, msg: redactText(msg), ...(fields ? (redact(fields) as object) : {}) };
    write(JSON.stringify(entry) + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** The folder a logger writes its files to, or null for one that writes none. */
export function logDirOf(log: Logger): string | null {
  const dir = (log as Partial<FileLogger>).dir;
  return typeof dir === 'string' ? dir : null;
}

export interface FileLogger extends Logger {
  /** The folder of the rotating files (desk.1.log, desk.2.log, …). */
  readonly dir: string;
  /** The last lines written, newest last, for "Copy diagnostics". */
  recentLines(max: number): string[];
  /** Writes out what is buffered and closes the file (the transport's thread ends). */
  close(): Promise<void>;
}

export const LOG_FILE_BYTES = 5 * 1024 * 1024;
export const LOG_FILES_KEPT = 5;

/**
 * The app's and the harness's log: pino, writing through its pino-roll transport
 * on a thread of its own (so a slow disk never holds a request) into files of 5 MB,
 * the newest 5 kept besides the current one, readable by this user only. Chosen
 * over electron-log because the same services run under plain Node (harness, tests,
 * a utility process), and pino's JSON lines are what support tooling (pino-pretty,
 * jq) reads. Redaction happens here, before pino sees anything.
 */
export function createFileLogger(options: { dir: string; level?: LogLevel; base?: Record<string, unknown>; fileBytes?: number; keep?: number }): FileLogger {
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const level = options.level ?? levelFrom(process.env.KYNECT_DESK_LOG_LEVEL) ?? 'info';
  // One target: pino routes several by numeric level, which the readable level label below would break.
  const transport = pino.transport({
    target: 'pino-roll',
    options: {
      file: path.join(dir, 'desk'),
      extension: '.log',
      size: `${Math.max(1, Math.round((options.fileBytes ?? LOG_FILE_BYTES) / 1024))}k`,
      limit: { count: options.keep ?? LOG_FILES_KEPT },
      mkdir: true,
      mode: 0o600,
    },
  });
  const logger = pino(
    {
      level,
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    transport,
  );
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return;
    logger[lvl](fields ? (redact(fields) as object) : {}, redactText(msg));
  };
  let closing: Promise<void> | null = null;
  return {
    dir,
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    recentLines: (max) => recentLogLines(dir, max),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        // The transport's thread does not hold the process open; this does, until the file is closed.
        const alive = setInterval(() => {}, 1000);
        transport.once('close', () => {
          clearInterval(alive);
          resolve();
        });
        // Flush first and end after: a flush still queued when the file closes throws in the thread.
        logger.flush(() => transport.end());
      })),
  };
}

/** The last `max` lines of the newest log files in `dir`, oldest first. */
export function recentLogLines(dir: string, max: number): string[] {
  const number = (f: string) => Number(/^desk\.(\d+)\.log$/.exec(f)?.[1] ?? -1);
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => number(f) >= 0)
      .sort((a, b) => number(b) - number(a));
  } catch {
    return [];
  }
  const lines: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const fileLines = text.split('\n').filter(Boolean);
    lines.unshift(...fileLines.slice(Math.max(0, fileLines.length - (max - lines.length))));
    if (lines.length >= max) break;
  }
  return lines;
}
