import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { DatabaseTooNewError } from '../../../shared/node/db/database';
import { fixedKeySource } from '../../../shared/node/security/deskKey';
import { SsnVault } from '../../../shared/node/security/ssnVault';
import { startDeskThread, type DeskThread } from '../../../shared/node/host/deskThread';
import { PopulationGenerator, type SyntheticMember } from '../../../shared/common/match/population';
import { memberColumns } from '../../../shared/common/match/schemas';
import { memberLine } from '../../../shared/node/match/populationCsv';
import { importCsv } from '../../helpers/seed';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

const dirs: string[] = [];
const threads: DeskThread[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.close()));
  dirs.splice(0).forEach(removeTempDir);
});

async function thread(options: Partial<Parameters<typeof startDeskThread>[0]> = {}) {
  const dir = makeTempDir();
  dirs.push(dir);
  const t = await startDeskThread({ dbPath: path.join(dir, 'desk.sqlite3'), host: 'web', env: {}, deskKey: fixedKeySource(Buffer.alloc(32, 7)), ...options });
  threads.push(t);
  return t;
}

/** A realistic population (names by their real frequencies, one record a person). */
function population(n: number): { csv: string; members: SyntheticMember[] } {
  const members = [...new PopulationGenerator({ seed: 15 }).members(n)].filter((m) => !m.twinOf && !m.sameAs && m.ssn);
  return { csv: [memberColumns.join(','), ...members.map(memberLine)].join('\n') + '\n', members };
}

describe('the desk on a thread of its own (issue 15.1)', () => {
  it('answers the contract, pushes its events, and shows the test a synchronous desk', async () => {
    const t = await thread();
    const events: string[] = [];
    t.events.subscribe((name) => events.push(name));
    expect(await t.dispatch('app:operator.save', { name: 'Rita Rep', role: 'rep', pin: '2468' }, { via: 'test' })).toMatchObject({ ok: true, value: { name: 'Rita Rep' } });
    await expect.poll(() => events).toContain('app:status.changed');
    expect(t.desk.operators.current()).toMatchObject({ name: 'Rita Rep', role: 'rep' });
    expect(t.desk.dbPath).toBe(t.dbPath);
    // A statement is not data: it comes back as a handle to call further.
    expect(t.desk.db.prepare('SELECT count(*) FROM operator').pluck().get()).toBe(1);
    expect(await t.dispatch('no:such', {}, { via: 'test' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('reads a ManualClock the test moves', async () => {
    const clock = new ManualClock('2026-11-22T15:00:00.000Z');
    const t = await thread({ clock });
    expect(t.desk.clock.now()).toEqual(new Date('2026-11-22T15:00:00.000Z'));
    clock.advance(91_000);
    expect(t.desk.clock.now()).toEqual(new Date('2026-11-22T15:01:31.000Z'));
  });

  it('asks this thread for the desk key, also while this thread waits on it', async () => {
    let loads = 0;
    const key = Buffer.alloc(32, 9);
    const t = await thread({ deskKey: { description: 'a test key', load: () => (loads++, Buffer.from(key)) } });
    // The import seals SSNs: the desk thread needs the key while this thread is blocked in the probe.
    const { csv, members } = population(60);
    expect((await importCsv(t.desk, 'members', csv)).inserted).toBe(members.length);
    const m = members[7]!;
    expect(loads).toBe(1);
    const r = await t.dispatch('app:match.lookup', { firstName: m.firstName, lastName: m.lastName, sex: m.sex, dateOfBirth: m.dateOfBirth, ssn: m.ssn }, { via: 'test' });
    expect(r).toMatchObject({ ok: true, value: { level: 'full' } });
    // A refused key is the desk's error, explained, not a hang.
    const refusing = await thread({
      deskKey: {
        description: 'a locked keychain',
        load: () => {
          throw new Error('the keychain is locked');
        },
      },
    });
    const refused = await refusing.dispatch('app:match.lookup', { firstName: 'Ann', lastName: 'Lee', sex: 'M', dateOfBirth: '1980-01-01', ssn: '200000007' }, { via: 'test' });
    expect(refused).toMatchObject({ ok: false });
  });

  it('keeps this thread free while the desk writes: timers tick and events arrive during a long import', async () => {
    const t = await thread({ deskKey: fixedKeySource(SsnVault.generateKey()) });
    const { csv } = population(60_000);
    const begun = (await t.dispatch('app:match.importBegin', { kind: 'members', skipInvalid: false, totalBytes: csv.length }, { via: 'test' })) as {
      ok: true;
      value: { importId: string };
    };
    const importId = begun.value.importId;
    for (let i = 0; i < csv.length; i += 1_000_000) await t.dispatch('app:match.importChunk', { importId, text: csv.slice(i, i + 1_000_000) }, { via: 'test' });
    const phases: string[] = [];
    t.events.subscribe((name, payload) => name === 'app:match.importProgress' && phases.push((payload as { phase: string }).phase));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const commit = t.dispatch('app:match.importCommit', { importId }, { via: 'test' });
    const r = await commit;
    const took = performance.now() - started;
    clearInterval(timer);
    expect(r).toMatchObject({ ok: true, value: { committed: true } });
    // On one thread the timer could not fire at all until the commit ended.
    expect(ticks).toBeGreaterThan(Math.min(10, took / 50));
    expect(phases).toContain('write');
    expect(phases.at(-1)).toBe('done');
  });

  it('rejects with the error it met opening the database, as its own class', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = path.join(dir, 'newer.sqlite3');
    const db = new BetterSqlite3(file);
    db.pragma('user_version = 999');
    db.close();
    const error = await startDeskThread({ dbPath: file, host: 'web', env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect(error).toMatchObject({ found: 999, file });
    expect((error as Error).message).toContain('newer kynect Desk');
  });

  it('answers "unavailable" once the thread has stopped, never hangs', async () => {
    const t = await thread();
    await t.close();
    expect(t.stopped).toBe(true);
    expect(await t.dispatch('app:status.get', {}, { via: 'test' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
