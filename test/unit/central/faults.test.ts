/**
 * Faults with real processes (issue 17 §8): desks as separate processes on separate
 * SQLite files, against one real PostgreSQL that is stopped mid-push and started
 * again; a desk SIGKILLed mid-push and restarted; a desk whose network is gone for a
 * while as it takes calls and consents; a member delta pulled while lookups run; and
 * a server that answers badly. Afterwards every record is central exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CenterKey } from '../../../shared/node/central/centerKey';
import { loadMembers } from '../../../shared/node/central/memberLoad';
import { latestCentralVersion, RECORD_TABLES } from '../../../shared/node/central/migrations';
import { openDatabase } from '../../../shared/node/db/database';
import { startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';
import { repoRoot, runCliProcess } from '../../helpers/cli';
import { doAssociation, doCall, memberPerson, membersCsv } from '../../helpers/deskWork';
import { startProxy } from '../../helpers/tcpProxy';
import { openTestDesk } from '../../helpers/temp';

const CENTER_KEY = Buffer.alloc(32, 0x61).toString('base64');
const DESK_KEY = Buffer.alloc(32, 0x5a).toString('base64');
const fast = {
  KYNECT_CENTRAL_POLL_MS: '100',
  KYNECT_CENTRAL_PULL_MS: '300',
  KYNECT_CENTRAL_BACKOFF_MS: '150',
  KYNECT_CENTRAL_BACKOFF_MAX_MS: '600',
  KYNECT_CENTRAL_REFUSED_MS: '300',
};

let central: TestCentral;
let store: TestStore;
let membersFile: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
  membersFile = path.join(central.cluster.dir, 'members.csv');
  fs.writeFileSync(membersFile, membersCsv(0, 300));
  const admin = await store.admin();
  await loadMembers(admin, membersFile, new CenterKey(Buffer.from(CENTER_KEY, 'base64')));
  await admin.end();
}, 180_000);
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  central?.stop();
});

interface Line {
  type: string;
  [k: string]: unknown;
}

/** A desk process; `next(pred)` waits for the first line (from now on) that fits. */
function spawnDesk(db: string, url: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/helpers/centralDeskChild.ts'), '--db', db, '--members', membersFile, ...args], {
    cwd: repoRoot,
    env: { ...process.env, KYNECT_DESK_DB: '', KYNECT_DESK_KEY: DESK_KEY, KYNECT_CENTRAL_KEY: CENTER_KEY, KYNECT_CENTRAL_URL: url, ...fast },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: Line[] = [];
  let cursor = 0;
  const waiters: { pred: (l: Line) => boolean; resolve: (l: Line) => void }[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  readline.createInterface({ input: child.stdout }).on('line', (text) => {
    let l: Line;
    try {
      l = JSON.parse(text) as Line;
    } catch {
      return;
    }
    lines.push(l);
    for (const w of [...waiters]) {
      if (!w.pred(l)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(l);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => (children.delete(child), resolve(code))));
  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    /** The first line after the last one `next` returned that fits (already seen, or still to come). */
    next(pred: (l: Line) => boolean, ms = 60_000): Promise<Line> {
      const seen = lines.findIndex((l, i) => i >= cursor && pred(l));
      if (seen >= 0) {
        cursor = seen + 1;
        return Promise.resolve(lines[seen]!);
      }
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`desk ${db} gave no such line in ${ms} ms; last lines: ${JSON.stringify(lines.slice(-4))}; stderr: ${stderr.slice(-2000)}`)),
          ms,
        );
        waiters.push({ pred, resolve: (l) => (clearTimeout(t), (cursor = lines.indexOf(l) + 1), resolve(l)) });
      });
    },
  };
}

/** Every record a desk wrote (its outbox) against what the central store holds for it. */
async function reconcile(db: string) {
  const local = openDatabase(db, { migrate: false });
  const ids = new Set(local.prepare('SELECT id FROM sync_outbox').pluck().all() as string[]);
  const waiting = local.prepare('SELECT count(*) FROM sync_outbox WHERE pushed_at IS NULL').pluck().get() as number;
  const deskId = JSON.parse(local.prepare("SELECT value_json FROM setting WHERE key = 'central.deskId'").pluck().get() as string) as string;
  const byKind = Object.fromEntries(
    local
      .prepare('SELECT kind, count(*) AS n FROM sync_outbox GROUP BY kind')
      .all()
      .map((r) => [(r as { kind: string }).kind, (r as { n: number }).n]),
  );
  local.close();
  const rows = await store.query<{ id: string }>(RECORD_TABLES.map((t) => `SELECT id::text FROM ${t} WHERE desk_id = $1`).join(' UNION ALL '), [deskId]);
  const centralIds = rows.map((r) => r.id);
  const missing = [...ids].filter((id) => !centralIds.includes(id));
  const extra = centralIds.filter((id) => !ids.has(id));
  return { deskId, local: ids.size, central: centralIds.length, distinct: new Set(centralIds).size, missing: missing.length, extra: extra.length, waiting, byKind };
}

describe('three desks, one server, faults on the way', () => {
  it('every record reaches the central store exactly once; chains verify', async () => {
    const dir = central.cluster.dir;
    const a = path.join(dir, 'a.sqlite3');
    const b = path.join(dir, 'b.sqlite3');
    const c = path.join(dir, 'c.sqlite3');
    const [la, lb, lc] = [await store.deskLogin('fault_a'), await store.deskLogin('fault_b'), await store.deskLogin('fault_c')];
    const proxy = await startProxy(central.cluster.port);
    const viaProxy = lc.url.replace(`:${central.cluster.port}/`, `:${proxy.port}/`);
    const WORK = 12;

    // Desk C's network goes first: it works offline the whole time A and B meet the faults.
    await proxy.offline();
    const A = spawnDesk(a, la.url, ['--work', String(WORK), '--prefix', 'a', '--pause', '120']);
    let B = spawnDesk(b, lb.url, ['--work', String(WORK), '--prefix', 'b', '--pause', '150']);
    const C = spawnDesk(c, viaProxy, ['--work', String(WORK), '--prefix', 'c']);
    // B is killed while it writes and pushes (its worker pushes every 100 ms), then started again on the same file.
    const firstB = B;
    const killed = firstB
      .next((l) => l.type === 'progress' && (l.done as number) >= 3)
      .then(async (l) => {
        firstB.child.kill('SIGKILL');
        await firstB.exited;
        return { done: l.done as number, waiting: l.waiting as number };
      });

    const atKill = await killed;
    expect(atKill.done).toBeLessThan(WORK);
    B = spawnDesk(b, lb.url, ['--work', String(WORK), '--prefix', 'b']);

    // The server stops (as a crash would) while A and B push, and comes back 1.5 s later.
    await A.next((l) => l.type === 'progress' && (l.done as number) >= 6);
    central.cluster.stop('immediate');
    const stoppedAt = Date.now();
    await A.next((l) => l.type === 'progress');
    await new Promise((r) => setTimeout(r, Math.max(0, 1500 - (Date.now() - stoppedAt))));
    central.cluster.start();

    await A.next((l) => l.type === 'synced');
    await B.next((l) => l.type === 'synced');
    // C did all its work without the network; it still holds every record.
    await C.next((l) => l.type === 'progress' && l.done === WORK);
    const offlineWaiting = (C.lines.filter((l) => l.type === 'progress').pop()!.waiting as number) ?? 0;
    expect(offlineWaiting).toBeGreaterThan(50);
    await proxy.online();
    await C.next((l) => l.type === 'synced');

    // The desks are stopped before their files are read (a desk may hold its file alone).
    for (const p of [A, B, C]) p.child.kill('SIGTERM');
    await Promise.all([A.exited, B.exited, C.exited]);
    await proxy.close();
    const counts = { a: await reconcile(a), b: await reconcile(b), c: await reconcile(c) };
    console.log(
      'fault run — records per desk (local outbox vs central):\n' +
        Object.entries(counts)
          .map(
            ([k, v]) =>
              `  desk ${k}: local ${v.local}, central ${v.central} (distinct ${v.distinct}), missing ${v.missing}, extra ${v.extra}, waiting ${v.waiting}; ${JSON.stringify(v.byKind)}`,
          )
          .join('\n') +
        `\n  desk b was killed after ${atKill.done} of ${WORK} units with ${atKill.waiting} records not yet pushed; desk c worked offline with ${offlineWaiting} records waiting`,
    );
    for (const v of Object.values(counts)) {
      expect(v).toMatchObject({ missing: 0, extra: 0, waiting: 0 });
      expect(v.central).toBe(v.local);
      expect(v.distinct).toBe(v.central);
      expect(v.byKind['call.closed']).toBeGreaterThanOrEqual(WORK);
      expect(v.byKind['consent.record']).toBeGreaterThanOrEqual(WORK / 3);
    }
    for (const [db, login] of [
      [a, la],
      [b, lb],
      [c, lc],
    ] as const) {
      const v = runCliProcess(['central', 'verify', '--db', db, '--json'], { KYNECT_DESK_KEY: DESK_KEY, KYNECT_CENTRAL_URL: login.url });
      expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, problems: [] });
    }
  }, 240_000);

  it('a member delta is pulled while a desk runs lookups: no lookup fails, and the change arrives whole', async () => {
    const login = await store.deskLogin('fault_lookups');
    const D = spawnDesk(path.join(central.cluster.dir, 'd.sqlite3'), login.url, ['--lookups']);
    await D.next((l) => l.type === 'lookups' && (l.ok as number) > 200);
    const okAtLoad = D.lines.filter((l) => l.type === 'lookups').pop()!.ok as number;
    const changed = path.join(central.cluster.dir, 'changed.csv');
    fs.writeFileSync(
      changed,
      membersCsv(0, 300, (n) => (n % 2 ? 'x' : '')),
    );
    const admin = await store.admin();
    const load = await loadMembers(admin, changed, new CenterKey(Buffer.from(CENTER_KEY, 'base64')));
    await admin.end();
    expect(load.updated).toBe(150);
    const arrived = await D.next((l) => l.type === 'lookups' && l.changed === 150);
    await D.next((l) => l.type === 'lookups' && (l.ok as number) > (arrived.ok as number));
    D.child.kill('SIGTERM');
    const last = await D.next((l) => l.type === 'lookups' && l.final === true);
    console.log(
      `lookups while the delta of ${load.updated} members was loaded and pulled: ${String(last.ok)} ok, ${String(last.errors)} failed (${okAtLoad} before the load, ${String(arrived.ok)} when the change was complete)`,
    );
    expect(last.errors).toBe(0);
    expect(arrived.ok as number).toBeGreaterThan(okAtLoad);
    // Whole pages only: the count of changed members seen was never other than 0, 150 or a page boundary.
    const seen = new Set(D.lines.filter((l) => l.type === 'lookups').map((l) => l.changed as number));
    for (const n of seen) expect([0, 150]).toContain(n);
  }, 240_000);
});

describe('bad server answers: a clear status, never lost work', () => {
  const withDesk = async (name: string) => {
    const login = await store.deskLogin(name);
    const t = openTestDesk({ env: { KYNECT_DESK_KEY: DESK_KEY, KYNECT_CENTRAL_URL: login.url, KYNECT_CENTRAL_KEY: CENTER_KEY } });
    await t.desk.services.central.syncNow();
    return t;
  };

  it('disk full (a failing trigger): refused, records kept waiting, all pushed once the space is back', async () => {
    const t = await withDesk('fault_disk');
    try {
      await store.query(
        `CREATE FUNCTION kd_test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file "base/16384/16390": No space left on device' USING ERRCODE = 'disk_full'; END $$`,
      );
      await store.query('CREATE TRIGGER test_disk_full BEFORE INSERT ON consent_record FOR EACH ROW EXECUTE FUNCTION kd_test_disk_full()');
      await doAssociation(t.desk, { ...memberPerson(150), agentId: 'NPN-disk' });
      await doCall(t.desk, 1);
      const waiting = t.desk.services.central.outbox.waitingCount();
      const r = await t.desk.services.central.syncNow();
      expect(r.status).toMatchObject({ state: 'refused', waiting });
      expect(r.status.why).toMatch(/out of disk space/);
      expect(t.desk.db.prepare('SELECT count(*) FROM consent_record').pluck().get()).toBe(1);
      await store.query('DROP TRIGGER test_disk_full ON consent_record');
      const again = await t.desk.services.central.syncNow();
      expect(again.status).toMatchObject({ state: 'synced', waiting: 0 });
      const counts = await reconcile(t.desk.dbPath);
      console.log(`disk full: ${waiting} records waited while refused; afterwards local ${counts.local}, central ${counts.central}, missing ${counts.missing}`);
      expect(counts).toMatchObject({ missing: 0, extra: 0 });
    } finally {
      t.close();
    }
  });

  it('a schema newer than the app: refused with why, nothing sent', async () => {
    await store.query(`INSERT INTO central_schema (version, name) VALUES (${latestCentralVersion + 1}, 'from a newer kynect Desk')`);
    try {
      const login = await store.deskLogin('fault_schema');
      const t = openTestDesk({ env: { KYNECT_CENTRAL_URL: login.url } });
      try {
        await doCall(t.desk, 2);
        const waiting = t.desk.services.central.outbox.waitingCount();
        const r = await t.desk.services.central.syncNow();
        expect(r.status).toMatchObject({ state: 'refused', waiting });
        expect(r.status.why).toMatch(/migrated by a newer kynect Desk/);
        expect(await store.query("SELECT 1 FROM desk WHERE name <> '' AND login = 'fault_schema'")).toEqual([]);
      } finally {
        t.close();
      }
    } finally {
      await store.query(`DELETE FROM central_schema WHERE version = ${latestCentralVersion + 1}`);
    }
  });

  it('a refused login: refused with the server’s reason, the records stay', async () => {
    const login = await store.deskLogin('fault_auth');
    const t = openTestDesk({ env: { KYNECT_CENTRAL_URL: login.url.replace(`:${login.password}@`, ':not-it@') } });
    try {
      await doCall(t.desk, 3);
      const r = await t.desk.services.central.syncNow();
      expect(r.status.state).toBe('refused');
      expect(r.status.why).toMatch(/password authentication failed/);
      expect(r.status.waiting).toBeGreaterThan(0);
    } finally {
      t.close();
    }
  });
});
