/**
 * How a desk (or an admin command) reaches the central PostgreSQL: node-postgres, one
 * connection, TLS with verify-full whenever the server is not on this machine.
 *
 * Desks: connection settings in the app (password kept with safeStorage), or for the
 * CLI and the harness KYNECT_CENTRAL_URL (+ KYNECT_CENTRAL_PASSWORD). Admin commands
 * (`central migrate`, `central user add`, `central load members`) take --url or
 * KYNECT_CENTRAL_ADMIN_URL, the store owner's.
 */
import fs from 'node:fs';
import type pg from 'pg';
import { z } from 'zod';
import { DeskError } from '../../common/errors';

export const CENTRAL_URL_ENV = 'KYNECT_CENTRAL_URL';
export const CENTRAL_PASSWORD_ENV = 'KYNECT_CENTRAL_PASSWORD';
export const CENTRAL_ADMIN_URL_ENV = 'KYNECT_CENTRAL_ADMIN_URL';

/** The connection as kept in the desk's settings (no password: that is a secret). */
export const CentralConnection = z
  .object({
    host: z.string().trim().min(1, 'The server name is required.').max(253),
    port: z.coerce.number().int().min(1).max(65535).default(5432),
    database: z.string().trim().min(1, 'The database name is required.').max(63),
    user: z.string().trim().min(1, 'The login is required.').max(63),
    /** verify-full: TLS, the server's certificate checked against caFile and its name against host. */
    sslMode: z.enum(['verify-full', 'disable']).default('verify-full'),
    /** PEM file of the CA that signed the server's certificate (else the system's CAs). */
    caFile: z.string().trim().max(1000).optional(),
    /** How the desk is named centrally (defaults to the machine's name). */
    deskName: z.string().trim().min(1).max(120).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.sslMode === 'disable' && !isLocalHost(c.host)) {
      ctx.addIssue({ code: 'custom', path: ['sslMode'], message: 'A server on another machine is reached with TLS (verify-full) only.' });
    }
  });
export type CentralConnection = z.output<typeof CentralConnection>;

export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.') || host.startsWith('/');
}

/** TLS options for verify-full: the CA, and Node's own host-name check (on by default). */
function verifyFull(caFile: string | undefined): pg.ClientConfig['ssl'] {
  if (!caFile) return { rejectUnauthorized: true };
  let ca: string;
  try {
    ca = fs.readFileSync(caFile, 'utf8');
  } catch (error) {
    throw DeskError.atField('caFile', `Cannot read the CA file ${caFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`, 'unavailable');
  }
  return { rejectUnauthorized: true, ca };
}

const common: pg.ClientConfig = {
  connectionTimeoutMillis: 5_000,
  keepAlive: true,
  // A push is small; one that takes this long is a server in trouble, not a slow one.
  statement_timeout: 60_000,
  query_timeout: 65_000,
  application_name: 'kynect-desk',
};

export function configFromSettings(c: CentralConnection, password: string | undefined): pg.ClientConfig {
  return {
    ...common,
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password: password ?? '',
    ssl: c.sslMode === 'verify-full' ? verifyFull(c.caFile) : false,
  };
}

/**
 * A postgres:// URL. Off this machine it must ask for sslmode=verify-full (with
 * sslrootcert=<CA file>), or it is refused before anything is sent.
 */
export function configFromUrl(url: string, password?: string): pg.ClientConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DeskError('invalid_request', 'The central server URL is not a postgres:// URL.');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new DeskError('invalid_request', 'The central server URL must start with postgres://.');
  const host = parsed.searchParams.get('host') ?? decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, ''));
  const sslmode = parsed.searchParams.get('sslmode');
  if (!isLocalHost(host || '/') && sslmode !== 'verify-full') {
    throw new DeskError('refused', `The central server ${host} is on another machine: add sslmode=verify-full&sslrootcert=<CA file> to the URL. Nothing was sent.`);
  }
  return { ...common, connectionString: url, ...(password && !parsed.password ? { password } : {}) };
}

export function urlLabel(config: pg.ClientConfig): string {
  if (config.connectionString) {
    const u = new URL(config.connectionString);
    return `${u.username}@${u.hostname}:${u.port || 5432}${u.pathname}`;
  }
  return `${config.user}@${config.host}:${config.port}/${config.database}`;
}

export async function openClient(config: pg.ClientConfig): Promise<pg.Client> {
  // Loaded on first use: a stand-alone desk and one-shot CLI commands never pay for the driver.
  const { default: driver } = await import('pg');
  const client = new driver.Client(config);
  // A connection that drops between queries emits 'error'; the next query fails and says so.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/** Where a failure leaves the desk: the server away (retry soon), or refusing (a person must act). */
export interface CentralFailure {
  kind: 'offline' | 'refused';
  why: string;
}

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

export function classifyFailure(error: unknown): CentralFailure {
  const e = error as { code?: string; message?: string };
  const message = (e.message ?? String(error)).replace(/\s+/g, ' ').trim().slice(0, 300);
  if (error instanceof DeskError) return { kind: error.code === 'unavailable' ? 'offline' : 'refused', why: error.message };
  const code = e.code ?? '';
  if (OFFLINE_CODES.has(code) || /Connection terminated|timeout|connect ECONN|socket hang up/i.test(message)) {
    return { kind: 'offline', why: `The central server cannot be reached (${code || message}).` };
  }
  if (code === '28P01' || code === '28000') return { kind: 'refused', why: `The central server refused this desk's login: ${message}` };
  if (code === '3D000') return { kind: 'refused', why: `The central database does not exist: ${message}` };
  if (code === '53100') return { kind: 'refused', why: `The central server is out of disk space: ${message}` };
  if (code === '42501') return { kind: 'refused', why: `The central server does not allow this: ${message}` };
  if (code.startsWith('23')) return { kind: 'refused', why: `The central server refused a record: ${message}` };
  if (/self[- ]signed|certificate|Hostname\/IP does not match|SSL/i.test(message)) return { kind: 'refused', why: `The central server's certificate was not accepted: ${message}` };
  return { kind: 'refused', why: `The central server refused: ${message}${code ? ` (${code})` : ''}` };
}
