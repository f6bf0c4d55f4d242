/**
 * A fresh desk's first pull staged by a thread of its own and swapped in (issue 17 §4,
 * central/pullStaging.ts), against a real PostgreSQL: the cache holds the whole first
 * pull with its cursor or nothing of it. Stopped, failed, SIGKILLed before the swap,
 * the cache is as it was and the next pull starts over; SSNs only sealed, under the
 * desk's key; a desk whose cache was written meanwhile is told, not overwritten.
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CenterKey } from '../../../shared/node/central/centerKey';
import { configFromUrl, openClient } from '../../../shared/node/central/connection';
import { loadMembers } from '../../../shared/node/central/memberLoad';
import { pullMembers } from '../../../shared/node/central/memberPull';
import type { Desk } from '../../../shared/node/host/desk';
import { hasStaging } from '../../../shared/node/match/stagingTables';
import { startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';
import { repoRoot } from '../../helpers/cli';
import { memberLine, memberPerson, membersCsv } from '../../helpers/deskWork';
import { openTestDesk } from '../../helpers/temp';

const CENTER_KEY = Buffer.alloc(32, 0x44).toString('base64');
const DESK_KEY = Buffer.alloc(32, 0x5a).toString('base64');
const MEMBERS = 300;
let central: TestCentral;
let store: TestStore;
const open: ReturnType<typeof openTestDesk>[] = [];

beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
  const csv = path.join(central.cluster.dir, 'members.csv');
  fs.writeFileSync(csv, membersCsv(0, MEMBERS));
  const admin = await store.admin();
  const r = await loadMembers(admin, csv, new CenterKey(Buffer.from(CENTER_KEY, 'base64')));
  await admin.end();
  expect(r).toMatchObject({ committed: true, rows: MEMBERS });
}, 180_000);
afterAll(() => central?.stop());
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

const envOf = (url: string) => ({ KYNECT_DESK_KEY: DESK_KEY, KYNECT_CENTRAL_URL: url, KYNECT_CENTRAL_KEY: CENTER_KEY });

async function desk(dir?: string, login?: { url: string }) {
  login ??= await store.deskLogin();
  const env = envOf(login.url);
  const t = openTestDesk({ env, ...(dir ? { dbPath: path.join(dir, 'desk.sqlite3') } : {}) });
  open.push(t);
  return { ...t, url: login.url, env };
}

const cursorOf = (d: Desk) => (d.db.prepare("SELECT value_json FROM setting WHERE key = 'central.cursor.members'").pluck().get() as string | undefined) ?? null;
const ssnOfLine = (n: number) => memberLine(n).split(',')[9]!;

/** Direct: the pull with small pages, its client of its own. */
async function pullWith(t: { desk: Desk; url: string }, options: Omit<Parameters<typeof pullMembers>[5], 'config'> = {}) {
  const config = configFromUrl(t.url);
  const client = await openClient(config);
  try {
    return await pullMembers(t.desk, t.desk.services.match.store, client, () => new CenterKey(Buffer.from(CENTER_KEY, 'base64')), true, { config, ...options });
  } finally {
    await client.end();
  }
}

describe('staged first pull', () => {
  it('is written by its own thread, in pages, and swapped in whole with its cursor; SSNs sealed under the desk key, none in clear', async () => {
    const t = await desk();
    const d = t.desk;
    let progress = 0;
    const r = await pullWith(t, { pageRows: 40, onProgress: () => progress++ });
    expect(r).toMatchObject({ rows: MEMBERS, applied: MEMBERS, first: true, pages: 8 });
    expect(progress).toBe(8);
    expect(d.services.match.store.memberCount()).toBe(MEMBERS);
    // The swapped-in twins' indexes carry the pull's names: this cache came through the staging thread.
    const indexes = d.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'match_member' AND sql IS NOT NULL").pluck().all() as string[];
    expect(indexes.length).toBeGreaterThan(0);
    expect(indexes.every((n) => n.endsWith('_pulled'))).toBe(true);
    expect(hasStaging(d.db)).toBe(false);
    expect(JSON.parse(cursorOf(d)!)).toMatchObject({ key: 'M-99' });
    // Found by SSN, which the desk's own key opens.
    const p = memberPerson(7);
    expect(d.services.match.store.ssnOf('M-7')).toBe(ssnOfLine(7));
    expect(d.services.match.lookup.lookup({ ...p, ssn: ssnOfLine(7) } as never).level).toBe('full');
    expect(d.services.match.store.nameCounts()).toBeTruthy();
    // No SSN in clear in the desk's file (nor its WAL).
    d.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(d.db.name).toString('latin1');
    for (const n of [7, 8, 150, 299]) expect(bytes).not.toContain(ssnOfLine(n));
    // A second pull is a delta: nothing new.
    const again = await d.services.central.syncNow();
    expect(again.pull?.members).toMatchObject({ rows: 0, first: false });
  });

  it('stopped before the swap leaves the cache as it was and the cursor at its start; the next pull takes it all', async () => {
    const t = await desk();
    const d = t.desk;
    const stop = new AbortController();
    const r = await pullWith(t, { pageRows: 20, signal: stop.signal, onProgress: () => stop.abort() });
    expect(r).toMatchObject({ rows: 0, applied: 0, first: true });
    expect(d.services.match.store.memberCount()).toBe(0);
    expect(cursorOf(d)).toBeNull();
    expect(hasStaging(d.db)).toBe(false);
    const again = await d.services.central.syncNow();
    expect(again.pull?.members).toMatchObject({ rows: MEMBERS, applied: MEMBERS, first: true });
    expect(d.services.match.store.memberCount()).toBe(MEMBERS);
  });

  it('a desk SIGKILLed while its first pull is staged reopens with the cache as it was, and pulls it whole', async () => {
    const dir = fs.mkdtempSync(path.join(central.cluster.dir, 'killed-'));
    const login = await store.deskLogin();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/helpers/centralPullChild.ts'), '--db', path.join(dir, 'desk.sqlite3')], {
      cwd: repoRoot,
      env: { ...process.env, ...envOf(login.url) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout });
    const progress = await new Promise<{ rows: number }>((resolve, reject) => {
      lines.on('line', (l) => {
        const m = JSON.parse(l) as { type: string; rows: number };
        if (m.type === 'progress') resolve(m);
      });
      child.on('exit', (code) => reject(new Error(`the pulling desk exited (${code}) before its first page`)));
    });
    expect(progress.rows).toBe(10);
    // Its staging thread writes on; the swap never comes.
    await new Promise((r) => setTimeout(r, 800));
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    // The staging thread had written its twins (the file says so)…
    const peek = new BetterSqlite3(path.join(dir, 'desk.sqlite3'), { readonly: true });
    const twins = peek.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name LIKE '%\\_pull\\_staging' ESCAPE '\\'").pluck().get() as number;
    const staged = peek.prepare('SELECT count(*) FROM match_member_pull_staging').pluck().get() as number;
    peek.close();
    expect(twins).toBe(6);
    expect(staged).toBeGreaterThanOrEqual(10);
    // …and reopened on the same file, the twins are dropped at open, the cache and the cursor are as they were.
    const t = await desk(dir, login);
    const d = t.desk;
    expect(hasStaging(d.db)).toBe(false);
    expect(d.services.match.store.memberCount()).toBe(0);
    expect(cursorOf(d)).toBeNull();
    const pulled = await d.services.central.syncNow();
    expect(pulled.pull?.members).toMatchObject({ rows: MEMBERS, applied: MEMBERS, first: true });
    expect(d.services.match.store.ssnOf('M-150')).toBe(ssnOfLine(150));
    console.log(`SIGKILLed with ${staged} rows staged; reopened empty, then pulled ${pulled.pull!.members.rows}`);
  }, 60_000);

  it('a cache written while the pull was staged is not overwritten: the swap refuses, and the next pull merges', async () => {
    const t = await desk();
    const d = t.desk;
    const store = d.services.match.store;
    let wrote = false;
    await expect(
      pullWith(t, {
        pageRows: 50,
        onProgress: () => {
          if (wrote) return;
          wrote = true;
          // A member written to the live cache meanwhile (as an import or a repair would).
          d.db.transaction(() => store.upsertMember({ ...rowOf(5), first_name: 'Written' }, store.now()))();
        },
      }),
    ).rejects.toThrow(/written to the cache while its first pull was staged/);
    expect(store.memberCount()).toBe(1);
    expect(hasStaging(d.db)).toBe(false);
    expect(cursorOf(d)).toBeNull();
    const merged = await d.services.central.syncNow();
    expect(merged.status).toMatchObject({ state: 'synced' });
    expect(merged.pull?.members).toMatchObject({ rows: MEMBERS, first: false });
    expect(store.memberCount()).toBe(MEMBERS);
    expect(store.membersOfCase(memberPerson(5).caseNumber).map((m) => m.firstName)).toContain('First5');
  });
});

function rowOf(n: number) {
  const c = memberLine(n).split(',');
  return {
    member_id: c[0]!,
    case_number: c[1]!,
    application_number: c[2]!,
    first_name: c[3]!,
    middle_name: null,
    last_name: c[5]!,
    suffix: null,
    date_of_birth: c[7]!,
    sex: c[8] as 'M' | 'F',
    ssn: c[9]!,
    head_of_household: c[10] === 'true',
    case_status: 'Active' as const,
    application_submitted_on: c[12]!,
  };
}
