/**
 * A central store with no members yet (a new contact center) leaves a desk's cursor at its
 * start, and every pull then went to start a first-pull thread to find nothing: a module load
 * per desk per pull interval, which held fifty bench desks' pushes for up to 15 s. The gate
 * asks the store first, against a real PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CenterKey } from '../../../shared/node/central/centerKey';
import { configFromUrl, openClient } from '../../../shared/node/central/connection';
import { loadMembers } from '../../../shared/node/central/memberLoad';
import { anythingToPull, pullMembers } from '../../../shared/node/central/memberPull';
import { startTestCentral, type TestCentral } from '../../helpers/central';
import { membersCsv } from '../../helpers/deskWork';
import { openTestDesk } from '../../helpers/temp';

const CENTER_KEY = Buffer.alloc(32, 0x44).toString('base64');
const DESK_KEY = Buffer.alloc(32, 0x5a).toString('base64');
let central: TestCentral;

beforeAll(async () => {
  central = await startTestCentral();
}, 180_000);
afterAll(() => central?.stop());

describe('a pull against a store with nothing to pull', () => {
  it('the gate before the thread finds nothing in an empty store, pulls there stay harmless, and the first real extract takes the thread and lands whole', async () => {
    const store = await central.store();
    const login = await store.deskLogin();
    const t = openTestDesk({ env: { KYNECT_DESK_KEY: DESK_KEY, KYNECT_CENTRAL_URL: login.url, KYNECT_CENTRAL_KEY: CENTER_KEY } });
    const config = configFromUrl(login.url);
    const client = await openClient(config);
    const key = () => new CenterKey(Buffer.from(CENTER_KEY, 'base64'));
    const cursor = () =>
      JSON.parse((t.desk.db.prepare("SELECT value_json FROM setting WHERE key = 'central.cursor.members'").pluck().get() as string | undefined) ?? '{"txid":"0","key":""}');
    try {
      expect(await anythingToPull(client, { txid: '0', key: '' })).toBe(false);
      // Twice, as the worker's pull interval would: nothing staged, nothing in the cache, no error.
      for (let i = 0; i < 2; i++) expect(await pullMembers(t.desk, t.desk.services.match.store, client, key, true, { config })).toMatchObject({ rows: 0, applied: 0 });
      expect(t.desk.services.match.store.memberCount()).toBe(0);

      const csv = path.join(central.cluster.dir, 'empty-then-loaded.csv');
      fs.writeFileSync(csv, membersCsv(0, 120));
      const admin = await store.admin();
      expect(await loadMembers(admin, csv, key())).toMatchObject({ committed: true, rows: 120 });
      await admin.end();
      expect(await anythingToPull(client, cursor())).toBe(true);
      // The first real extract takes the thread (a page of 50 so it is more than one) and lands whole.
      expect(await pullMembers(t.desk, t.desk.services.match.store, client, key, true, { config, pageRows: 50 })).toMatchObject({ rows: 120, applied: 120, first: true });
      expect(t.desk.services.match.store.memberCount()).toBe(120);
      expect(await anythingToPull(client, cursor())).toBe(false);
    } finally {
      await client.end();
      t.close();
    }
  });
});
