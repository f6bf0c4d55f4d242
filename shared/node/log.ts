/**
 * Structured JSON-lines logging for main, the harness and the CLI. Residents'
 * data must never reach a log: values under sensitive keys are dropped, and
 * anything that looks like an SSN is masked wherever it appears.
 */
import { findSsns } from '../common/privacy/ssnText';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SENSITIVE_KEY = /^(ssn|socialSecurityNumber|dob|dateOfBirth|date_of_birth|firstName|first_name|lastName|last_name|middleName|name|clientName|residentName|password|pass|token)$/i;
// The app's one SSN detector, but stricter here: a log never needs a nine-digit number, so no case-number labels are honoured.
const SSN_LIKE = /(?<!\d)\d{3}-?\d{2}-?\d{4}(?!\d)/g;
const redactSsns = (s: string) => {
  let out = '';
  let at = 0;
  for (const m of findSsns(s)) {
    out += s.slice(at, m.start) + '[redacted-ssn]';
    at = m.end;
  }
  return (out + s.slice(at)).replace(SSN_LIKE, '[redacted-ssn]');
};

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactSsns(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: redact(value.stack ?? '') };
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

export function createLogger(options: { level?: LogLevel; write?: (line: string) => void; now?: () => Date } = {}): Logger {
  const min = order[options.level ?? ((process.env.KYNECT_DESK_LOG_LEVEL as LogLevel | undefined) ?? 'info')] ?? order.info;
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const entry = { t: now().toISOString(), level, msg: redact(msg), ...(fields ? (redact(fields) as object) : {}) };
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
