import fc from 'fast-check';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/node/log';
import { startHarness, type Harness, type HarnessLimits } from '../../../shared/node/web/harness';
import { testKeyEnv } from '../../helpers/deskKey';
import { rawRequest, requestHead } from '../../helpers/rawHttp';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

/**
 * Issue 14 §10–11, issue 15 §3: any local process, or a page on any website the
 * user opens, can send bytes to the harness. It answers 400 to what it does not
 * serve, holds a bounded amount of memory whatever is sent, and stays up.
 */
let dir: string;
let harness: Harness;
let port: number;
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);

async function start(limits: Partial<HarnessLimits> = {}) {
  dir = makeTempDir();
  const staticDir = path.join(dir, 'www');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  harness = await startHarness({ dbPath: path.join(dir, 'desk.sqlite3'), staticDir, log: silentLogger, env: { ...testKeyEnv }, limits });
  port = Number(new URL(harness.origin).port);
}
beforeEach(() => {
  uncaught.length = 0;
  process.on('uncaughtException', onUncaught);
});
afterEach(async () => {
  process.off('uncaughtException', onUncaught);
  await harness.close();
  removeTempDir(dir);
});

/** The harness still answers a real call. */
async function stillServes() {
  const r = await rawRequest(port, requestHead(port, 'POST', '/ipc/app:status.get', harness.token, { 'Content-Length': '2', 'Content-Type': 'application/json' }) + '{}');
  expect(r.status).toBe(200);
  expect(r.text).toContain('"ok":true');
  expect(uncaught).toEqual([]);
}

describe('the harness under hostile input', () => {
  it('answers 400 to targets that used to throw before the token check (//[, absolute-form with a bad port, bad percent-escapes) and stays up', async () => {
    await start();
    const targets = [
      '//[',
      '//[::1',
      'http://127.0.0.1:99999/',
      `http://127.0.0.1:${port}:1/`,
      'http://[/',
      '/ipc/%E0%A4%A',
      '/ipc/%',
      '/%E0%A4%A',
      '/%zz/x.js',
      '*',
      '//evil.example/x',
      '/\\\\evil',
    ];
    for (const target of targets) {
      for (const token of [null, harness.token]) {
        const r = await rawRequest(port, requestHead(port, target.startsWith('/ipc/') ? 'POST' : 'GET', target, token, { 'Content-Length': '0' }));
        expect(r.status, `${target} (${token ? 'with' : 'without'} the token)`).toBe(400);
      }
    }
    expect(harness.stats().badRequests).toBeGreaterThanOrEqual(targets.length * 2);
    await stillServes();
  });

  it('drops an event-stream client that stops reading, so its backlog never grows past the limit', async () => {
    await start({ maxStreamBacklogBytes: 64 * 1024 });
    const stalled: net.Socket[] = [];
    for (let i = 0; i < 5; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.setNoDelay(true);
      await new Promise<void>((r) => s.once('connect', () => r()));
      s.write(requestHead(port, 'GET', '/events', harness.token, { Connection: 'keep-alive' }));
      s.pause(); // never reads again
      stalled.push(s);
    }
    await expect.poll(() => harness.stats().streams).toBe(5);
    const payload = { blob: 'x'.repeat(16 * 1024) };
    let published = 0;
    // Enough to fill the kernel's socket buffers many times over, in slices so the sockets can report back.
    while (harness.stats().streamsDropped < 5 && published < 8000) {
      for (let i = 0; i < 100; i++) harness.desk.events.publish('app:status.changed', payload as never);
      published += 100;
      await new Promise((r) => setImmediate(r));
    }
    expect(harness.stats().streamsDropped).toBe(5);
    await expect.poll(() => harness.stats().streams).toBe(0);
    for (const s of stalled) s.destroy();
    // A reader that keeps up is not dropped.
    const lines = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/events', headers: { 'x-kynect-desk-token': harness.token } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('connected') && !text.includes('"n":'))
            for (let i = 0; i < 40; i++) harness.desk.events.publish('app:status.changed', { n: i, blob: 'y'.repeat(1024) } as never);
          if (text.includes('"n":39')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
    });
    expect(lines).toContain('"n":39');
    expect(harness.stats().streamsDropped).toBe(5);
    await stillServes();
  });

  it('caps the bytes of all request bodies received at once: past it a request is refused (503), not buffered', async () => {
    await start({ maxBodyBytes: 768 * 1024, maxInflightBodyBytes: 1024 * 1024 });
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const slowPost = (bytes: number) =>
      new Promise<{ status: number; body: string }>((resolve) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: '/ipc/app:status.get',
            method: 'POST',
            headers: { 'x-kynect-desk-token': harness.token, 'content-type': 'application/json', 'content-length': bytes },
          },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', () => resolve({ status: -1, body: '' }));
        let sent = 0;
        const next = () => {
          if (req.destroyed) return;
          if (sent >= bytes) return void req.end();
          const n = Math.min(piece.length, bytes - sent);
          sent += n;
          req.write(piece.subarray(0, n));
          setTimeout(next, 5);
        };
        next();
      });
    const results = await Promise.all(Array.from({ length: 6 }, () => slowPost(600 * 1024)));
    const busy = results.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(JSON.parse(busy[0]!.body)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(harness.stats().peakInflightBodyBytes).toBeLessThanOrEqual(1024 * 1024);
    await expect.poll(() => harness.stats().inflightBodyBytes).toBe(0);
    // One body over the per-request limit is refused from its Content-Length, before it is read.
    const big = await rawRequest(port, requestHead(port, 'POST', '/ipc/app:status.get', harness.token, { 'Content-Length': String(1024 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    await stillServes();
  });

  it('fuzz: random request lines, headers and bodies never crash it (400 or an answer, never a dead process)', async () => {
    await start({ headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
    const targetChar = fc.constantFrom('/', '%', '[', ']', ':', '@', '?', '#', '\\', '.', 'a', 'Z', '0', '9', 'E', '~', '"', "'", '<', '>', '{', ' ', '\u00e9', '\u202e', '\u0000');
    const target = fc.oneof(
      fc.array(targetChar, { maxLength: 40 }).map((cs) => cs.join('')),
      fc
        .constantFrom('/ipc/app:status.get', '/events', '/', '/index.html', '/ipc/', '/ipc/%E0', '//', '/%', 'http://127.0.0.1:0/', 'http://127.0.0.1:99999', 'HTTP://x:-1/')
        .chain((base) => fc.array(targetChar, { maxLength: 20 }).map((cs) => base + cs.join(''))),
    );
    const method = fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'CONNECT', 'TRACE', 'DELETE', 'PATCH', 'X');
    const headerName = fc.constantFrom('Content-Length', 'Transfer-Encoding', 'Cookie', 'Origin', 'Host', 'Content-Type', 'X-Kynect-Desk-Token', 'Expect', 'Range', 'Connection');
    const headerValue = fc.oneof(
      fc.string({ maxLength: 60 }).map((v) => v.replace(/[\r\n]/g, '')),
      fc.constantFrom('-1', '99999999999999999999', 'chunked', '100-continue', 'kd_token=', 'bytes=0-'),
    );
    const request = fc.record({
      method,
      target,
      withToken: fc.boolean(),
      headers: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
      body: fc.string({ maxLength: 200 }),
      garbage: fc.option(fc.uint8Array({ maxLength: 200 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const head = requestHead(port, r.method, r.target.replace(/[\r\n ]/g, '%20') || '/', r.withToken ? harness.token : null, r.headers);
        const bytes = r.garbage ? Buffer.from(r.garbage) : Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(r.body, 'utf8')]);
        const answer = await rawRequest(port, bytes, 300);
        // An answer is any status line, or the server closing the connection; silence is allowed only until the request timeout.
        if (answer.status !== null) expect(answer.status).toBeGreaterThanOrEqual(100);
        expect(uncaught).toEqual([]);
      }),
      { numRuns: 120, interruptAfterTimeLimit: 60_000 },
    );
    await stillServes();
  });

  it('slow and many connections: slow headers time out, connections past the limit are refused, and it still serves', async () => {
    await start({ headersTimeoutMs: 800, requestTimeoutMs: 1500, maxConnections: 40 });
    const sockets: net.Socket[] = [];
    const closed: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => {});
      closed.push(new Promise((r) => s.once('close', () => r())));
      // A slowloris: one header byte now, the rest never.
      s.on('connect', () => s.write('G'));
      sockets.push(s);
    }
    const started = Date.now();
    await Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, 10_000))]);
    const stillOpen = sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
    expect(stillOpen).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    await stillServes();
  });
});
