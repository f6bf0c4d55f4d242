import fc from 'fast-check';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../../shared/common/errors';
import { channelNames, channels } from '../../../shared/common/ipc/contract';
import { silentLogger } from '../../../shared/node/log';
import { startHarness, type Harness } from '../../../shared/node/web/harness';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

/**
 * Property: whatever arrives on any channel — random values, wrong types,
 * huge strings, prototype tricks — main answers with a typed error or a
 * response that fits the contract, never throws, and the database stays whole.
 */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom('name', 'role', 'id', 'ssn', 'dateOfBirth', '__proto__', 'constructor', 'query', 'first', 'last'), fc.anything({ maxDepth: 2 })),
  fc.string({ maxLength: 2000 }),
  fc.constant(Object.create(null) as object),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as object),
);

let dir: string;
let harness: Harness;
beforeAll(async () => {
  dir = makeTempDir();
  harness = await startHarness({ dbPath: path.join(dir, 'fuzz.sqlite3'), staticDir: dir, log: silentLogger, env: {} });
});
afterAll(async () => {
  await harness.close();
  removeTempDir(dir);
});

function expectWellFormed(channel: (typeof channelNames)[number], result: unknown) {
  expect(result).toBeTypeOf('object');
  const r = result as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (r.ok) {
    expect(channels[channel].response.safeParse(r.value).success).toBe(true);
  } else {
    expect(errorCodes).toContain(r.error!.code);
    expect(r.error!.code).not.toBe('internal');
    expect(r.error!.message.length).toBeGreaterThan(0);
  }
}

describe('IPC robustness (property-based)', () => {
  it(`every channel answers ${channelNames.length} × 400 hostile payloads straight to the handlers with a typed result`, async () => {
    for (const channel of channelNames) {
      await fc.assert(
        fc.asyncProperty(hostile, async (payload) => {
          expectWellFormed(channel, await harness.desk.router.dispatch(channel, payload, { via: 'test' }));
        }),
        { numRuns: 400, seed: 20261122 },
      );
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(harness.desk.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('through the harness over HTTP, including bodies that are not JSON', async () => {
    const port = Number(new URL(harness.origin).port);
    const post = (channel: string, body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            path: `/ipc/${encodeURIComponent(channel)}`,
            method: 'POST',
            headers: { host: `127.0.0.1:${port}`, 'x-kynect-desk-token': harness.token, 'content-type': 'application/json' },
          },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const bodies = fc.oneof(
      hostile.map((v) => {
        try {
          return JSON.stringify(v) ?? 'null';
        } catch {
          return '{}';
        }
      }),
      fc.string({ maxLength: 500 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    for (const channel of [...channelNames, 'app:unknown', '../../etc/passwd', '']) {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const r = await post(channel, body);
          expect(r.status).toBe(200);
          const parsed = JSON.parse(r.body) as { ok: boolean; error?: { code: string } };
          if (channelNames.includes(channel as never)) expectWellFormed(channel as never, parsed);
          else expect(parsed).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
        }),
        { numRuns: 60, seed: 7 },
      );
    }
    expect(harness.desk.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
