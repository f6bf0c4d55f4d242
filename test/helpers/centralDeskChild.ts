/**
 * One desk as its own process for the central store's fault tests: its own SQLite
 * file, the sync worker running as in the app (desk.start()), and a rep's work done
 * through the router. Prints one JSON line per step on stdout:
 *   {type:'progress', done, waiting} after each unit of work,
 *   {type:'synced', ...} once everything it wrote is in the central store,
 *   {type:'lookups', ok, errors, changed} while it runs member-match lookups.
 *
 *   node --import tsx test/helpers/centralDeskChild.ts --db <file> --members <csv> [--work N --prefix P] [--lookups]
 * Environment: KYNECT_CENTRAL_URL, KYNECT_DESK_KEY, KYNECT_CENTRAL_KEY and the KYNECT_CENTRAL_*_MS timings.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDesk } from '../../shared/node/host/desk';
import { createLogger } from '../../shared/node/log';
import { importChunks } from '../../shared/node/match/importer';
import { dispatch, doAssociation, doCall, ensureOperator, memberPerson } from './deskWork';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    members: { type: 'string' },
    work: { type: 'string', default: '0' },
    prefix: { type: 'string', default: 'd' },
    lookups: { type: 'boolean', default: false },
    pause: { type: 'string', default: '40' },
  },
  strict: true,
});
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const desk = openDesk({ dbPath: values.db!, host: 'cli', log: createLogger({ level: 'error' }), env: process.env, backups: false });
ensureOperator(desk, `Rep ${values.prefix}`);
if (values.members && desk.services.match.store.isEmpty()) importChunks(desk.services.match.store, 'members', [fs.readFileSync(values.members, 'utf8')]);
desk.start();
const central = desk.services.central;

// A desk killed in the middle of a unit left its call open: close it as the rep would after a restart.
const open = (await dispatch(desk, 'app:call.current', {})).call;
if (open) {
  if (open.state !== 'wrap_up') await dispatch(desk, 'app:call.end', { callId: open.id });
  await dispatch(desk, 'app:call.wrapUp', { callId: open.id, disposition: 'disconnected' });
}

const target = Number(values.work);
// Units already done before a kill are not done again: each unit leaves one more closed call with this prefix's cases.
let done = desk.db.prepare("SELECT count(*) FROM call WHERE state = 'closed' AND disposition <> 'disconnected'").pluck().get() as number;
for (; done < target;) {
  if (done % 3 === 0) await doAssociation(desk, { ...memberPerson((done * 7) % 300), agentId: `NPN-${values.prefix}-${done}` });
  else await doCall(desk, done);
  done++;
  say({ type: 'progress', done, waiting: central.outbox.waitingCount() });
  await sleep(Number(values.pause));
}

if (values.lookups) {
  let ok = 0;
  let errors = 0;
  let stop = false;
  process.on('SIGTERM', () => (stop = true));
  let last = Date.now();
  for (let i = 0; !stop; i++) {
    const n = i % 300;
    try {
      const p = memberPerson(n);
      desk.services.match.lookup.lookup({ ...p, ssn: undefined } as never);
      ok++;
    } catch {
      errors++;
    }
    if (i % 20 === 19) await sleep(5);
    if (Date.now() - last > 100) {
      const changed = desk.db.prepare("SELECT count(*) FROM match_member WHERE first_name LIKE '%x'").pluck().get() as number;
      say({ type: 'lookups', ok, errors, changed });
      last = Date.now();
      await sleep(1);
    }
  }
  const changed = desk.db.prepare("SELECT count(*) FROM match_member WHERE first_name LIKE '%x'").pluck().get() as number;
  say({ type: 'lookups', ok, errors, changed, final: true });
  desk.close();
  process.exit(0);
}

for (let i = 0; ; i++) {
  const s = central.status();
  if (s.state === 'synced' && s.waiting === 0) {
    say({ type: 'synced', deskId: central.deskId(), done });
    break;
  }
  if (i % 20 === 0) say({ type: 'status', state: s.state, waiting: s.waiting, why: s.why });
  await sleep(100);
}
// Stay up (the worker keeps pulling) until the test ends it.
process.on('SIGTERM', () => {
  desk.close();
  process.exit(0);
});
setInterval(() => undefined, 60_000);
