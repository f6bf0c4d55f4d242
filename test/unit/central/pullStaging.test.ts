/**
 * A fresh desk's first pull staged by a thread of its own and swapped in (issue 17 §4,
 * central/pullStaging.ts), against a real PostgreSQL: the cache holds the whole first
 * pull with its cursor or nothing of it. Stopped, failed, SIGKILLed before the swap,
 * the cache is as it was; stopped or failed, the next pull starts over, SIGKILLed, it
 * resumes after the last page staged; SSNs only sealed, under the
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
import { memberLine, memberPerson, membersCsv, cacheSnapshot } from '../../helpers/deskWork';
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

  it('stopped before the swap leaves the cache as it was and the cursor at its start; the next pull resumes what was staged and takes the rest', async () => {
    const t = await desk();
    const d = t.desk;
    const stop = new AbortController();
    const r = await pullWith(t, { pageRows: 20, signal: stop.signal, onProgress: () => stop.abort() });
    expect(r).toMatchObject({ rows: 0, applied: 0, first: true });
    expect(d.services.match.store.memberCount()).toBe(0);
    expect(cursorOf(d)).toBeNull();
    // Kept, with how far it got (the desk closing mid-pull does not throw the pages away).
    expect(hasStaging(d.db)).toBe(true);
    const kept = d.db.prepare('SELECT rows FROM match_pull_progress').pluck().get() as number;
    expect(kept).toBeGreaterThanOrEqual(20);
    const again = await d.services.central.syncNow();
    expect(again.pull?.members).toMatchObject({ rows: MEMBERS, applied: MEMBERS, first: true, resumed: kept });
    expect(d.services.match.store.memberCount()).toBe(MEMBERS);
    expect(hasStaging(d.db)).toBe(false);
  });

  it('a stage that cannot be resumed (members written to the cache since) is dropped, and the pull merges', async () => {
    const t = await desk();
    const d = t.desk;
    const stop = new AbortController();
    await pullWith(t, { pageRows: 20, signal: stop.signal, onProgress: () => stop.abort() });
    expect(hasStaging(d.db)).toBe(true);
    const store = d.services.match.store;
    d.db.transaction(() => store.upsertMember({ ...rowOf(5), first_name: 'Written' }, store.now()))();
    const merged = await d.services.central.syncNow();
    expect(merged.pull?.members).toMatchObject({ rows: MEMBERS, first: false });
    expect(hasStaging(d.db)).toBe(false);
    expect(store.memberCount()).toBe(MEMBERS);
  });

  it('a desk SIGKILLed mid-pull reopens with the cache as it was, and the next pull resumes after the last staged page: each member once, the cache a clean pull makes', async () => {
    // A store of its own, big enough that the kill lands between pages (7 rows a page: the SSN block being filled is cut short too).
    const big = await central.store();
    const BIG = 3000;
    const csv = path.join(central.cluster.dir, 'big.csv');
    fs.writeFileSync(csv, membersCsv(0, BIG));
    const admin = await big.admin();
    expect(await loadMembers(admin, csv, new CenterKey(Buffer.from(CENTER_KEY, 'base64')))).toMatchObject({ committed: true, rows: BIG });
    await admin.end();
    const dir = fs.mkdtempSync(path.join(central.cluster.dir, 'killed-'));
    const file = path.join(dir, 'desk.sqlite3');
    const login = await big.deskLogin();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/helpers/centralPullChild.ts'), '--db', file, '--page-rows', '7'], {
      cwd: repoRoot,
      env: { ...process.env, ...envOf(login.url) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout });
    const exited = new Promise((r) => child.on('exit', r));
    await new Promise<void>((resolve, reject) => {
      lines.on('line', (l) => {
        if ((JSON.parse(l) as { type: string }).type === 'progress') resolve();
      });
      child.on('exit', (code) => reject(new Error(`the pulling desk exited (${code}) before its first page`)));
    });
    // Its staging thread writes on (the swap never comes): killed once a tenth is staged.
    const progressOf = () => {
      const peek = new BetterSqlite3(file, { readonly: true });
      try {
        return (peek.prepare('SELECT rows FROM match_pull_progress').pluck().get() as number | undefined) ?? 0;
      } finally {
        peek.close();
      }
    };
    for (let i = 0; i < 1000 && progressOf() < BIG / 10; i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    const peek = new BetterSqlite3(file);
    const atKill = peek.prepare('SELECT rows, pages, next_id, block_id, block_len FROM match_pull_progress').get() as {
      rows: number;
      pages: number;
      next_id: number;
      block_id: number;
      block_len: number;
    };
    // What a kill inside a page leaves when the thread had committed part of it at a gap (the desk serving a
    // request): a member and an SSN block past the progress row. The resumed pull must take them away.
    const later = peek.prepare('SELECT member_id FROM match_member_pull_staging').pluck().all() as string[];
    const notYet = Array.from({ length: BIG }, (_, i) => `M-${i}`).find((id) => !later.includes(id))!;
    peek
      .prepare(
        `INSERT INTO match_member_pull_staging (id, member_id, case_number, first_name, last_name, date_of_birth, sex, ssn_block, ssn_slot, head_of_household, imported_at)
         VALUES (?, ?, 'C-1', 'Cut', 'Short', '1970-01-01', 'F', ?, 0, 0, '2026-01-01')`,
      )
      .run(atKill.next_id, notYet, atKill.block_id + 1);
    peek.prepare('INSERT INTO match_ssn_block_pull_staging (id, sealed) VALUES (?, ?)').run(atKill.block_id + 1, Buffer.alloc(40, 1));
    const staged = peek.prepare('SELECT count(*) FROM match_member_pull_staging').pluck().get() as number;
    peek.close();
    // Mid-pull: some pages committed, not all.
    expect(atKill.rows).toBeGreaterThanOrEqual(BIG / 10);
    expect(atKill.rows).toBeLessThan(BIG);
    expect(staged).toBe(atKill.rows + 1);

    // Reopened on the same file: the live cache and the cursor are as they were, the stage is kept…
    const t = await desk(dir, login);
    const d = t.desk;
    expect(d.services.match.store.memberCount()).toBe(0);
    expect(cursorOf(d)).toBeNull();
    expect(hasStaging(d.db)).toBe(true);
    // …and the next pull takes it over: only the pages after the last committed one are read.
    const pulled = await d.services.central.syncNow();
    expect(pulled.status).toMatchObject({ state: 'synced' });
    expect(pulled.pull?.members).toMatchObject({ rows: BIG, applied: BIG, first: true, resumed: atKill.rows });
    expect(hasStaging(d.db)).toBe(false);
    // Exactly once each member, and the cache a clean pull of the same store makes (same desk key).
    expect(d.db.prepare('SELECT count(*), count(DISTINCT member_id) FROM match_member').raw().get()).toEqual([BIG, BIG]);
    const clean = await desk(undefined, await big.deskLogin());
    const cleanPull = await clean.desk.services.central.syncNow();
    expect(cleanPull.pull?.members).toMatchObject({ rows: BIG, first: true });
    expect(cleanPull.pull?.members.resumed).toBeUndefined();
    expect(cacheSnapshot(d)).toEqual(cacheSnapshot(clean.desk));
    expect(JSON.parse(cursorOf(d)!)).toEqual(JSON.parse(cursorOf(clean.desk)!));
    expect(d.services.match.store.ssnOf('M-2500')).toBe(ssnOfLine(2500));
    expect(d.services.match.lookup.lookup({ ...memberPerson(7), ssn: ssnOfLine(7) } as never).level).toBe('full');
    // A delta after the resumed pull is a delta: nothing new.
    expect((await d.services.central.syncNow()).pull?.members).toMatchObject({ rows: 0, first: false });
    console.log(
      `SIGKILLed after ${atKill.pages} pages (${atKill.rows} of ${BIG} rows committed, ${atKill.block_len} in the block being filled, 1 more past them); resumed, pulled ${pulled.pull!.members.rows}, each once`,
    );
  }, 120_000);

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
