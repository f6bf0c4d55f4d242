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
}

export interface Harness {
  /** Open this in a browser: it carries the token once, then the cookie does. */
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  /** The desk itself, for tests that seed or inspect it (on its thread: see DeskThread.desk). */
  desk: Desk;
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
    close: async () => desk.close(),
  };
}

const MAX_BODY = 32 * 1024 * 1024;
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
  const deskOptions = { dbPath: options.dbPath, host: 'web' as const, ...(options.clock ? { clock: options.clock } : {}), log, ...(options.env ? { env: options.env } : {}), ...(options.deskKey ? { deskKey: options.deskKey } : {}) };
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

  const server = http.createServer((req, res) => {
    // Only this machine, and only by our own host name: refuses other hosts and DNS rebinding.
    if (!isLoopback(req.socket.remoteAddress)) {
      req.socket.destroy();
      return;
    }
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'Wrong host.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

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
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) tooLarge = true;
        else chunks.push(c);
      });
      req.on('end', () => {
        const reply = (result: unknown) => send(res, 200, JSON.stringify(result), 'application/json');
        if (!isChannelName(channel)) return void desk.dispatch(channel, undefined, { via: 'web' }).then(reply);
        if (tooLarge) return reply({ ok: false, error: { code: 'invalid_request', message: 'The request is too large (32 MB at most).' } });
        let body: unknown;
        try {
          const text = Buffer.concat(chunks).toString('utf8');
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
      res.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      const unsubscribe = desk.events.subscribe((name, payload) => {
        res.write(`data: ${JSON.stringify({ name, payload })}\n\n`);
      });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
        streams.delete(res);
      });
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
    fs.createReadStream(file).pipe(res);
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
