/**
 * A desk process whose first central pull is stopped before its swap: it pulls with
 * small pages through the staging thread, says {type:'progress', rows} at the first
 * page and then holds its own thread (so the swap, which runs there, never comes) while
 * the staging thread writes on, until the test SIGKILLs it.
 *
 *   node --import tsx test/helpers/centralPullChild.ts --db <file> [--page-rows N]
 * Environment: KYNECT_CENTRAL_URL, KYNECT_DESK_KEY, KYNECT_CENTRAL_KEY.
 */
import { parseArgs } from 'node:util';
import { CenterKey } from '../../shared/node/central/centerKey';
import { configFromUrl, openClient } from '../../shared/node/central/connection';
import { pullMembers } from '../../shared/node/central/memberPull';
import { openDesk } from '../../shared/node/host/desk';
import { createLogger } from '../../shared/node/log';

const { values } = parseArgs({ options: { db: { type: 'string' }, 'page-rows': { type: 'string' } }, strict: true });
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const desk = openDesk({ dbPath: values.db!, host: 'cli', log: createLogger({ level: 'error' }), env: process.env, backups: false });
const config = configFromUrl(process.env.KYNECT_CENTRAL_URL!);
const client = await openClient(config);
const key = new CenterKey(Buffer.from(process.env.KYNECT_CENTRAL_KEY!, 'base64'));
let held = false;
await pullMembers(desk, desk.services.match.store, client, () => key, true, {
  config,
  pageRows: Number(values['page-rows'] ?? 10),
  onProgress: (rows) => {
    if (held) return;
    held = true;
    say({ type: 'progress', rows });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  },
});
say({ type: 'swapped' });
