import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/node/log';
import { startHarness, type Harness } from '../../../shared/node/web/harness';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

let dir: string;
let harness: Harness;

beforeEach(async () => {
  dir = makeTempDir();
  const staticDir = path.join(dir, 'www');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the web root');
  harness = await startHarness({ dbPath: path.join(dir, 'desk.sqlite3'), staticDir, log: silentLogger, env: {} });
});
afterEach(async () => {
  await harness.close();
  removeTempDir(dir);
});

/** A raw request, so the Host header and paths are exactly what we say. */
function request(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  const port = Number(new URL(harness.origin).port);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

describe('the browser harness', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(harness.origin).hostname).toBe('127.0.0.1');
  });

  it('refuses requests without the token', async () => {
    expect((await request({ path: '/' })).status).toBe(401);
    expect((await request({ path: '/ipc/app:db.info', method: 'POST', body: '{}' })).status).toBe(401);
    expect((await request({ path: '/', headers: { cookie: 'kd_token=wrong' } })).status).toBe(401);
  });

  it('refuses another Host name (DNS rebinding)', async () => {
    const r = await request({ path: '/', headers: { host: 'evil.example:80', 'x-kynect-desk-token': harness.token } });
    expect(r.status).toBe(421);
  });

  it('trades the token in the URL for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const r = await request({ path: `/?token=${harness.token}` });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(r.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await request({ path: '/', headers: { cookie: `kd_token=${harness.token}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<title>shell</title>');
  });

  it('serves the contract: valid requests answer, invalid ones get typed errors', async () => {
    const auth = { 'x-kynect-desk-token': harness.token, 'content-type': 'application/json' };
    const ok = await request({ path: '/ipc/app:db.info', method: 'POST', headers: auth, body: '{}' });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { schemaVersion: expect.any(Number) } });
    const bad = await request({ path: '/ipc/app:operator.save', method: 'POST', headers: auth, body: '{"name":""}' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_request', fieldErrors: { name: expect.any(String), role: expect.any(String) } } });
    const notJson = await request({ path: '/ipc/app:db.info', method: 'POST', headers: auth, body: '{nope' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const unknown = await request({ path: '/ipc/app:drop.everything', method: 'POST', headers: auth, body: '{}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses cross-origin calls even with the token', async () => {
    const r = await request({ path: '/ipc/app:db.info', method: 'POST', headers: { 'x-kynect-desk-token': harness.token, origin: 'http://evil.example' }, body: '{}' });
    expect(r.status).toBe(403);
  });

  it('never serves a file outside the built renderer', async () => {
    const auth = { 'x-kynect-desk-token': harness.token };
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await request({ path: p, headers: auth });
      expect(r.body).not.toContain('outside the web root');
    }
  });

  it("pushes main's events to an event stream", async () => {
    const port = Number(new URL(harness.origin).port);
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/events', headers: { 'x-kynect-desk-token': harness.token } }, (res) => {
        res.on('data', (c: Buffer) => {
          const text = c.toString();
          if (text.includes('app:status.changed')) {
            resolve(text);
            req.destroy();
          } else if (text.includes('connected')) {
            void harness.desk.router.dispatch('app:operator.save', { name: 'Dana', role: 'rep', pin: '2468' }, { via: 'test' });
          }
        });
      });
      req.on('error', reject);
    });
    expect(await received).toContain('"name":"Dana"');
  });
});
