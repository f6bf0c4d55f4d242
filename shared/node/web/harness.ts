import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Clock } from '../../common/clock';
import { isChannelName } from '../../common/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../common/security';
import { openDesk, type Desk } from '../host/desk';
import { startDeskThread, type DeskThread } from '../host/deskThread';
import type { DeskKeySource } from '../security/deskKey';
import { createLogger, type Logger } from '../log';

export interface HarnessOptions {
  dbPath: string;
  /** Built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  clock?: Clock;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Where the desk key comes from (default: the environment, then the app folder's key file). */
  deskKey?: DeskKeySource;
  /**
   * The desk runs on a thread of its own, as in the app (default). `false` runs it on the
   * HTTP server's thread, as before issue 15: kept for the benchmark's baseline.
   */
  deskThread?: boolean;
  /** The default key file's and the audit heads' folder (default: defaultKeyFolder). */
  keyFolder?: string;
  /** Limits (defaults in HARNESS_LIMITS); tests make them small to reach them quickly. */
  limits?: Partial<HarnessLimits>;
}

/**
 * What one local page or process can make the harness hold. Any page the user
 * opens can reach 127.0.0.1 (it cannot read the answers, but it can send), so
 * nothing it sends may grow the process without bound.
 */
export interface HarnessLimits {
  /** One request body. */
  maxBodyBytes: number;
  /** All request bodies being received at once. */
  maxInflightBodyBytes: number;
  /** Unsent event-stream bytes for one client before it is dropped (it stopped reading). */
  maxStreamBacklogBytes: number;
  /** Open connections. */
  maxConnections: number;
  /** Time to send the request headers. */
  headersTimeoutMs: number;
  /** Time to send a whole request. */
  requestTimeoutMs: number;
}

export const HARNESS_LIMITS: HarnessLimits = {
  maxBodyBytes: 32 * 1024 * 1024,
  maxInflightBodyBytes: 64 * 1024 * 1024,
  maxStreamBacklogBytes: 4 * 1024 * 1024,
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
};

/** What the harness holds right now, for tests and the campaign script. */
export interface HarnessStats {
  streams: number;
  streamsDropped: number;
  inflightBodyBytes: number;
  peakInflightBodyBytes: number;
  refusedBusy: number;
  badRequests: number;
}

export interface Harness {
  /** Open this in a browser: it carries the token once, then the cookie does. */
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  /** The desk itself, for tests that seed or inspect it (on its thread: see DeskThread.desk). */
  desk: Desk;
  stats(): HarnessStats;
  close(): Promise<void>;
}

/** The desk on the HTTP server's own thread, behind the same face as a desk thread (the benchmark's baseline). */
function inThisThread(desk: Desk): DeskThread {
  return {
    dbPath: desk.dbPath,
    stopped: false,
    dispatch: (channel, request, ctx) => desk.router.dispatch(channel, request, ctx),
    events: desk.events,
    desk,
    close: () => Promise.resolve(desk.close()),
  };
}

const COOKIE = 'kd_token';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The request target as a path, or null when it is not one we serve: only
 * origin-form ("/x"). Absolute-form ("http://host:port/x"), authority-form and
 * "//host" would make `new URL` read a host (and throw on a bad one), and a
 * malformed percent-escape makes decodeURIComponent throw: both are a 400,
 * before anything else, so no input reaches code that can throw.
 */
export function parseTarget(raw: string | undefined): { pathname: string; searchParams: URLSearchParams } | null {
  if (!raw || raw[0] !== '/' || raw[1] === '/' || raw[1] === '\\') return null;
  try {
    const url = new URL(raw, 'http://127.0.0.1');
    if (url.host !== '127.0.0.1') return null;
    decodeURIComponent(url.pathname);
    return { pathname: url.pathname, searchParams: url.searchParams };
  } catch {
    return null;
  }
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * The browser harness: the built renderer and the IPC contract over HTTP, on
 * 127.0.0.1 only, behind a per-run token. The same Desk (services, router,
 * SQLite file) as the Electron app, so Playwright tests the real thing.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const log = options.log ?? createLogger();
  const token = options.token ?? randomBytes(24).toString('base64url');
  const deskOptions = {
    dbPath: options.dbPath,
    host: 'web' as const,
    ...(options.clock ? { clock: options.clock } : {}),
    log,
    ...(options.env ? { env: options.env } : {}),
    ...(options.deskKey ? { deskKey: options.deskKey } : {}),
    ...(options.keyFolder ? { keyFolder: options.keyFolder } : {}),
  };
  let desk: DeskThread;
  if (options.deskThread === false) {
    const inProcess = openDesk(deskOptions);
    inProcess.start();
    desk = inThisThread(inProcess);
  } else {
    desk = await startDeskThread(deskOptions);
  }
  const staticRoot = path.resolve(options.staticDir);
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const send = (res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { ...securityHeaders, 'Content-Type': type });
    res.end(body);
  };

  const limits: HarnessLimits = { ...HARNESS_LIMITS, ...options.limits };
  const stats: HarnessStats = { streams: 0, streamsDropped: 0, inflightBodyBytes: 0, peakInflightBodyBytes: 0, refusedBusy: 0, badRequests: 0 };

  // Node checks the two timeouts on this interval (30 s by default, longer than the timeouts themselves).
  const server = http.createServer({ connectionsCheckingInterval: Math.max(250, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 2) }, (req, res) => {
    // Only this machine, and only by our own host name: refuses other hosts and DNS rebinding.
    if (!isLoopback(req.socket.remoteAddress)) {
      req.socket.destroy();
      return;
    }
    req.socket.setTimeout(limits.requestTimeoutMs);
    const url = parseTarget(req.url);
    if (!url) {
      stats.badRequests++;
      res.shouldKeepAlive = false;
      return send(res, 400, 'Bad request: the path is not one this harness serves.');
    }
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'Wrong host.');

    if (req.method === 'GET' && url.searchParams.has('token')) {
      if (!sameToken(url.searchParams.get('token') ?? undefined, token)) return send(res, 401, 'Wrong token.');
      res.writeHead(303, { ...securityHeaders, 'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`, Location: '/' });
      return res.end();
    }
    const presented = (req.headers['x-kynect-desk-token'] as string | undefined) ?? cookieToken(req.headers.cookie);
    if (!sameToken(presented, token)) {
      return send(res, 401, 'This kynect Desk harness needs the token printed when it started: open the URL it printed.');
    }

    if (url.pathname.startsWith('/ipc/')) {
      if (req.method !== 'POST') return send(res, 405, 'Use POST.');
      const origin = req.headers.origin;
      if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return send(res, 403, 'Wrong origin.');
      const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
      const declared = Number(req.headers['content-length'] ?? 0);
      const refuse = (status: number, message: string) => {
        // Answer, then stop reading: the rest of an oversized body is never buffered.
        res.shouldKeepAlive = false;
        send(res, status, JSON.stringify({ ok: false, error: { code: status === 503 ? 'unavailable' : 'invalid_request', message } }), 'application/json');
        req.destroy();
      };
      const tooLarge = `The request is too large (${Math.round(limits.maxBodyBytes / 1024 / 1024)} MB at most).`;
      const busy = 'kynect Desk is receiving too much at once; try again in a moment.';
      if (declared > limits.maxBodyBytes) return refuse(413, tooLarge);
      const chunks: Buffer[] = [];
      let size = 0;
      let held = 0;
      let done = false;
      const release = () => {
        stats.inflightBodyBytes -= held;
        held = 0;
      };
      req.on('close', release);
      req.on('data', (c: Buffer) => {
        if (done) return;
        size += c.length;
        if (size > limits.maxBodyBytes) {
          done = true;
          release();
          return refuse(413, tooLarge);
        }
        if (stats.inflightBodyBytes + c.length > limits.maxInflightBodyBytes) {
          done = true;
          release();
          stats.refusedBusy++;
          return refuse(503, busy);
        }
        stats.inflightBodyBytes += c.length;
        held += c.length;
        stats.peakInflightBodyBytes = Math.max(stats.peakInflightBodyBytes, stats.inflightBodyBytes);
        chunks.push(c);
      });
      req.on('end', () => {
        if (done) return;
        done = true;
        const text = Buffer.concat(chunks).toString('utf8');
        chunks.length = 0;
        release();
        const reply = (result: unknown) => {
          if (!res.destroyed) send(res, 200, JSON.stringify(result), 'application/json');
        };
        if (!isChannelName(channel)) return void desk.dispatch(channel, undefined, { via: 'web' }).then(reply);
        let body: unknown;
        try {
          body = text.length ? JSON.parse(text) : {};
        } catch {
          return reply({ ok: false, error: { code: 'invalid_request', message: 'The request is not valid JSON.' } });
        }
        desk.dispatch(channel, body, { via: 'web' }).then(reply, (error: unknown) => {
          log.error('dispatch failed', { error });
          reply({ ok: false, error: { code: 'internal', message: 'kynect Desk hit an internal error.' } });
        });
      });
      return;
    }

    if (url.pathname === '/events') {
      req.socket.setTimeout(0);
      res.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      stats.streams = streams.size;
      // The interval's callback reads `push`, declared below, only when it first fires.
      const keepAlive = setInterval(() => push(': keep-alive\n\n'), 20_000);
      let unsubscribe = () => {};
      const forget = () => {
        clearInterval(keepAlive);
        unsubscribe();
        streams.delete(res);
        stats.streams = streams.size;
      };
      // A client that stops reading (a stalled tab, or a page holding the stream on purpose)
      // would make every event pile up in this process: past the backlog limit it is dropped,
      // and the browser's EventSource reconnects on its own.
      const push = (chunk: string) => {
        if (res.destroyed || !streams.has(res)) return;
        if (res.writableLength > limits.maxStreamBacklogBytes) {
          stats.streamsDropped++;
          log.warn('dropped an event stream that stopped reading', { backlogBytes: res.writableLength });
          forget();
          req.socket.destroy();
          return;
        }
        res.write(chunk);
      };
      unsubscribe = desk.events.subscribe((name, payload) => push(`data: ${JSON.stringify({ name, payload })}\n\n`));
      res.on('close', forget);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.');
    let file = path.resolve(staticRoot, '.' + decodeURIComponent(url.pathname));
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep)) return send(res, 404, 'Not found.');
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // The app is one page; unknown paths that are not files get the shell.
      file = path.extname(url.pathname) ? '' : path.join(staticRoot, 'index.html');
    }
    if (!file || !fs.existsSync(file)) {
      return send(res, 404, fs.existsSync(path.join(staticRoot, 'index.html')) ? 'Not found.' : 'The renderer is not built: run `npm run build:renderer`.');
    }
    res.writeHead(200, { ...securityHeaders, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  server.maxConnections = limits.maxConnections;
  // A connection that has not finished its request headers in time is cut (a slowloris
  // holds a connection open by sending a byte now and then); event streams lift it.
  server.on('connection', (socket) => socket.setTimeout(limits.headersTimeoutMs, () => socket.destroy()));
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  // Whatever still escapes (a socket error mid-answer) is logged, never a crash of the desk.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    stats.badRequests++;
    if (socket.writable && error.code !== 'ECONNRESET') socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    dbPath: options.dbPath,
    desk: desk.desk,
    stats: () => ({ ...stats }),
    close: async () => {
      for (const s of streams) s.end();
      // Stop listening, then cut every connection (event streams and keep-alive
      // sockets would otherwise hold close() open for as long as a browser lives).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await desk.close();
    },
  };
}
