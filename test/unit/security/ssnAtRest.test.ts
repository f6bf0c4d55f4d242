import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hash53 } from '../../../shared/common/match/hash';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { importFile } from '../../../shared/node/match/importer';
import { importMembersFile } from '../../../shared/node/match/importParallel';
import { writeMembersCsv } from '../../../shared/node/match/populationCsv';
import { fixedKeySource, hostKeySource } from '../../../shared/node/security/deskKey';
import { hmac32 } from '../../../shared/node/security/hmacIndex';
import { SsnVault, parseDeskKey } from '../../../shared/node/security/ssnVault';
import { KEY_CHECK_SETTING } from '../../../shared/node/security/vaultBinding';
import { runCliProcess } from '../../helpers/cli';
import { TEST_DESK_KEY } from '../../helpers/deskKey';
import { makeTempDir, openTestDesk, removeTempDir } from '../../helpers/temp';
import { population } from '../../helpers/population';

/** Issue 8 §1: a copied database file shows no SSN, and lookups work as before. */

/**
 * How an SSN or its index key would sit in SQLite's bytes as text. (Not as a 4-byte
 * integer: among ~100 KB of random sealed bytes and MACs, 1,700 such needles would
 * turn up by chance in a few runs out of a hundred.)
 */
function ssnNeedles(ssn: string, dateOfBirth: string): Buffer[] {
  return [ssn, `s:${ssn}`, `s4:${ssn.slice(-4)}:${dateOfBirth.slice(0, 4)}`].map((x) => Buffer.from(x, 'latin1'));
}

function filesOf(dbPath: string): Buffer[] {
  return ['', '-wal', '-shm', '-journal']
    .map((s) => `${dbPath}${s}`)
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f));
}

describe('the index MAC is HMAC-SHA-256', () => {
  it('equals node:crypto on random text, short and long, ASCII and not', () => {
    const key = crypto.randomBytes(32);
    const mac = hmac32(key);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^s4?:[0-9]{4,9}(:[0-9]{4})?$/), fc.string({ unit: 'binary', maxLength: 30 })), (text) => {
        expect(mac(text)).toBe(crypto.createHmac('sha256', key).update(text, 'utf8').digest().readUInt32BE(0));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('sealed SSN blocks (AES-256-GCM)', () => {
  const vault = new SsnVault(SsnVault.generateKey());
  const entries = [
    ['M1', '123456789'],
    ['M2', null],
    ['M3', '987654321'],
  ] as const;

  it('openBlock(sealBlock(x)) is x, and two seals of one block differ (a fresh nonce each)', () => {
    const a = vault.sealBlock(7, entries);
    const b = vault.sealBlock(7, entries);
    expect(a.equals(b)).toBe(false);
    expect(vault.openBlock(7, a)).toEqual(entries);
    expect(vault.openBlock(7, new Uint8Array(b))).toEqual(entries);
    expect(a.includes(Buffer.from('123456789'))).toBe(false);
    expect(SsnVault.ssnAt(vault.openBlock(7, a), 2, 'M3', 7)).toBe('987654321');
    expect(SsnVault.ssnAt(vault.openBlock(7, a), 1, 'M2', 7)).toBeNull();
  });

  it("refuses a changed byte anywhere, another block's id, another key, a short value, and a slot read for another member", () => {
    const sealed = vault.sealBlock(7, entries);
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i]! ^= 0x01;
      expect(() => vault.openBlock(7, bad), `byte ${i}`).toThrow(/failed its integrity check/);
    }
    expect(() => vault.openBlock(8, sealed)).toThrow(/\(8\) failed its integrity check/);
    expect(() => new SsnVault(SsnVault.generateKey()).openBlock(7, sealed)).toThrow(/integrity/);
    expect(() => vault.openBlock(7, sealed.subarray(0, 20))).toThrow(/integrity/);
    expect(() => SsnVault.ssnAt(vault.openBlock(7, sealed), 0, 'M9', 7)).toThrow(/member M9 failed its integrity check/);
    expect(() => vault.sealBlock(1, [])).toThrow(/1 to 32/);
  });

  it('keys are 32 bytes of base64; anything else is explained', () => {
    expect(parseDeskKey(` ${TEST_DESK_KEY}\n`, 'x')).toHaveLength(32);
    expect(() => parseDeskKey('c2hvcnQ=', 'KYNECT_DESK_KEY')).toThrow(/KYNECT_DESK_KEY is not 32 bytes written in base64/);
    expect(() => parseDeskKey('not base64 at all!', 'a file')).toThrow(/openssl rand -base64 32/);
  });
});

describe('the member cache on disk', () => {
  let t: ReturnType<typeof openTestDesk>;
  beforeEach(() => (t = openTestDesk()));
  afterEach(() => t.close());

  it('holds no fixture SSN in the file or its WAL, nor an unkeyed SSN key; lookups still find Full and Partial', async () => {
    const pop = population(1700, 31);
    const csv = path.join(t.dir, 'members.csv');
    pop.write(csv, 0, 1500);
    const store = t.desk.services.match.store;
    // The two-thread bulk path (into an empty cache) and the one-thread upsert path (a second extract).
    expect(await importMembersFile(store, csv)).toMatchObject({ committed: true, inserted: 1500 });
    const moreCsv = path.join(t.dir, 'more.csv');
    pop.write(moreCsv, 1500, 1700);
    expect(importFile(store, 'members', moreCsv)).toMatchObject({ committed: true, inserted: 200 });

    const withSsn = pop.members.filter((m) => m.ssn);
    expect(withSsn.length).toBeGreaterThan(1500);
    const bytes = filesOf(t.desk.dbPath);
    expect(
      bytes.some((_, i) => i > 0),
      'the WAL is still there, not yet checkpointed',
    ).toBe(true);
    // The search does see the rows: member ids are stored in clear, in the WAL for the second extract.
    expect(bytes.some((b) => b.includes(Buffer.from(withSsn.at(-1)!.memberId)))).toBe(true);
    const found = withSsn.filter((m) => ssnNeedles(m.ssn!, m.dateOfBirth).some((needle) => bytes.some((b) => b.includes(needle))));
    expect(found.map((m) => m.memberId)).toEqual([]);

    // The candidate index holds keyed MACs: the unkeyed hash of a member's SSN key is not among its keys.
    const keysOf = t.desk.db.prepare('SELECT key FROM match_key WHERE member = (SELECT id FROM match_member WHERE member_id = ?)').pluck();
    const sample = withSsn.slice(0, 200);
    const unkeyedHits = sample.filter((m) => (keysOf.all(m.memberId) as number[]).includes(hash53(`s:${m.ssn}`) % 4294967296));
    expect(unkeyedHits.length).toBeLessThanOrEqual(1); // a 32-bit coincidence at most
    // Bulk-loaded SSNs share blocks of 32; the 200 upserted one by one have a block each.
    const blocks = t.desk.db.prepare('SELECT count(*) FROM match_ssn_block').pluck().get() as number;
    const bulkWithSsn = pop.members.slice(0, 1500).filter((m) => m.ssn).length;
    expect(blocks).toBe(Math.ceil(bulkWithSsn / 32) + pop.members.slice(1500).filter((m) => m.ssn).length);

    const lookup = t.desk.services.match.lookup;
    for (const m of [withSsn[7]!, withSsn.at(-3)!]) {
      const exact = lookup.match({ firstName: m.firstName, lastName: m.lastName, dateOfBirth: m.dateOfBirth, sex: m.sex, ssn: m.ssn });
      expect(exact.level).toBe('full');
      expect(exact.candidates[0]!.member).toMatchObject({ memberId: m.memberId, ssn: m.ssn });
      // A new surname and one SSN digit off: found through the SSN last-4 + birth-year key, as Partial.
      const slipped = `${(Number(m.ssn![0]) + 1) % 10}${m.ssn!.slice(1)}`;
      const partial = lookup.match({ firstName: m.firstName, lastName: 'Qxyzzyva', dateOfBirth: m.dateOfBirth, sex: m.sex, ssn: slipped });
      expect(partial.level).toBe('partial');
      expect(partial.candidates[0]!.member.memberId).toBe(m.memberId);
    }
  });

  it('binds the database to its first key: another key is refused before anything is read or written', () => {
    const csv = path.join(t.dir, 'members.csv');
    const pop = population(50, 33);
    pop.write(csv);
    importFile(t.desk.services.match.store, 'members', csv);
    const check = t.desk.settings.get(KEY_CHECK_SETTING, z.string().nullable(), null);
    expect(check).toEqual(expect.any(String));
    expect(check).not.toContain(TEST_DESK_KEY.slice(0, 8));
    expect(t.desk.audit.recent(50).map((e) => e.action)).toContain('security.desk_key_bound');
    const dbPath = t.desk.dbPath;
    t.desk.close();

    const other = openDesk({ dbPath, host: 'cli', log: silentLogger, env: {}, deskKey: fixedKeySource(SsnVault.generateKey(), "the test's other key") });
    try {
      const m = pop.members.find((x) => x.ssn)!;
      expect(() => other.services.match.lookup.match({ firstName: m.firstName, lastName: m.lastName, dateOfBirth: m.dateOfBirth, sex: m.sex, ssn: m.ssn })).toThrow(
        /is not the key this database's SSNs were sealed with/,
      );
      const before = other.db.prepare('SELECT count(*) FROM match_member').pluck().get();
      expect(() => importFile(other.services.match.store, 'members', csv)).toThrow(/not the key/);
      expect(other.db.prepare('SELECT count(*) FROM match_member').pluck().get()).toBe(before);
      // What needs no SSN still works without the right key.
      expect(other.dbInfo().tables.find((x) => x.name === 'match_member')?.rows).toBe(50);
    } finally {
      other.close();
    }
    // Reopened with the right key, everything is there.
    t.desk = openDesk({ dbPath, host: 'cli', log: silentLogger, env: { KYNECT_DESK_KEY: TEST_DESK_KEY } });
    const m = pop.members.find((x) => x.ssn)!;
    expect(t.desk.services.match.lookup.match({ firstName: m.firstName, lastName: m.lastName, dateOfBirth: m.dateOfBirth, sex: m.sex, ssn: m.ssn }).level).toBe('full');
  });

  it('the two-thread import into an empty cache refuses another key before a thread starts, and leaves no transaction open', async () => {
    t.desk.ssnVault(); // binds the (still empty) database to the tests' key
    const dbPath = t.desk.dbPath;
    t.desk.close();
    const csv = path.join(t.dir, 'members.csv');
    population(40, 38).write(csv);
    const other = openDesk({ dbPath, host: 'cli', log: silentLogger, env: {}, deskKey: fixedKeySource(SsnVault.generateKey(), "the test's other key") });
    try {
      await expect(importMembersFile(other.services.match.store, csv)).rejects.toThrow(/not the key this database's SSNs were sealed with/);
      expect(other.db.inTransaction).toBe(false);
      expect(other.db.prepare('SELECT count(*) FROM match_member').pluck().get()).toBe(0);
      expect(other.db.prepare('SELECT count(*) FROM match_ssn_block').pluck().get()).toBe(0);
    } finally {
      other.close();
    }
    t.desk = openDesk({ dbPath, host: 'cli', log: silentLogger, env: { KYNECT_DESK_KEY: TEST_DESK_KEY } });
    expect(await importMembersFile(t.desk.services.match.store, csv)).toMatchObject({ committed: true, inserted: 40 });
  });

  it('a sealed SSN changed or moved in the file stops the lookup with a clear error, never a wrong answer', () => {
    const csv = path.join(t.dir, 'members.csv');
    const pop = population(20, 34);
    pop.write(csv);
    importFile(t.desk.services.match.store, 'members', csv);
    const [a, b] = pop.members.filter((x) => x.ssn);
    const db = t.desk.db;
    // Pointing a member at another member's slot is caught by the member id sealed with the SSN.
    db.prepare('UPDATE match_member SET ssn_slot = (SELECT ssn_slot FROM match_member WHERE member_id = ?) WHERE member_id = ?').run(b!.memberId, a!.memberId);
    expect(() => t.desk.services.match.lookup.revealSsn(a!.memberId)).toThrow(new RegExp(`member ${a!.memberId} failed its integrity check`));
    // A flipped byte in the block is caught by GCM.
    db.prepare("UPDATE match_ssn_block SET sealed = substr(sealed, 1, 40) || x'00' || substr(sealed, 42)").run();
    expect(() => t.desk.services.match.lookup.revealSsn(b!.memberId)).toThrow(/failed its integrity check/);
    expect(() => t.desk.services.match.lookup.match({ firstName: b!.firstName, lastName: b!.lastName, dateOfBirth: b!.dateOfBirth, sex: b!.sex, ssn: b!.ssn })).toThrow(
      /integrity check/,
    );
  });

  it('a changed SSN is sealed again in its slot; the old one is gone from the block', () => {
    const csv = path.join(t.dir, 'members.csv');
    const pop = population(100, 37);
    pop.write(csv);
    const store = t.desk.services.match.store;
    importFile(store, 'members', csv);
    const m = pop.members.find((x) => x.ssn)!;
    const changed = pop.members.map((x) => (x.memberId === m.memberId ? { ...x, ssn: '555443333' } : x));
    writeMembersCsv(csv, changed);
    expect(importFile(store, 'members', csv)).toMatchObject({ updated: 1, unchanged: 99 });
    expect(store.ssnOf(m.memberId)).toBe('555443333');
    const row = t.desk.db.prepare('SELECT ssn_block AS block FROM match_member WHERE member_id = ?').get(m.memberId) as { block: number };
    const vault = t.desk.ssnVault();
    const entries = vault.openBlock(row.block, t.desk.db.prepare('SELECT sealed FROM match_ssn_block WHERE id = ?').pluck().get(row.block) as Buffer);
    expect(entries.map((e) => e[1])).not.toContain(m.ssn);
    expect(t.desk.services.match.lookup.match({ firstName: m.firstName, lastName: m.lastName, dateOfBirth: m.dateOfBirth, sex: m.sex, ssn: '555443333' }).level).toBe('full');
    // And removed: the slot holds no SSN any more.
    writeMembersCsv(
      csv,
      changed.map((x) => (x.memberId === m.memberId ? { ...x, ssn: null } : x)),
    );
    expect(importFile(store, 'members', csv)).toMatchObject({ updated: 1 });
    expect(store.ssnOf(m.memberId)).toBeNull();
  });
});

describe('where the CLI and the harness find the key', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeTempDir(dir));
  const noKey = () => ({ KYNECT_DESK_KEY: '', KYNECT_DESK_KEY_FILE: '', XDG_CONFIG_HOME: path.join(dir, 'config') });

  it("makes a private key file in its own folder (never the database's) on first use, and uses it again", () => {
    const db = path.join(dir, 'a.sqlite3');
    const csv = path.join(dir, 'members.csv');
    population(30, 35).write(csv);
    const a = runCliProcess(['import', 'members', csv, '--db', db, '--json'], noKey());
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const keyFile = path.join(dir, 'config', 'kynect Desk Keys', 'desk.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    expect(fs.existsSync(path.join(dir, 'config', 'kynect Desk', 'desk.key'))).toBe(false);
    expect(parseDeskKey(fs.readFileSync(keyFile, 'utf8'), keyFile)).toHaveLength(32);
    const b = runCliProcess(['import', 'members', csv, '--db', db, '--json'], noKey());
    expect(JSON.parse(b.stdout)).toMatchObject({ unchanged: 30 });
  });

  it('never makes a new key for a database that already holds sealed SSNs: it says which key to give', () => {
    const db = path.join(dir, 'b.sqlite3');
    const csv = path.join(dir, 'members.csv');
    const pop = population(30, 36);
    pop.write(csv);
    expect(runCliProcess(['import', 'members', csv, '--db', db, '--json']).code).toBe(0); // with the tests' key
    const m = pop.members.find((x) => x.ssn)!;
    const args = ['match', '--first', m.firstName, '--last', m.lastName, '--dob', m.dateOfBirth, '--sex', m.sex, '--ssn', m.ssn!, '--db', db];
    const missing = runCliProcess(args, noKey());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/holds SSNs sealed with a desk key, and no key was given\. Set KYNECT_DESK_KEY, KYNECT_DESK_KEY_FILE or --key-file/);
    expect(fs.existsSync(path.join(dir, 'config', 'kynect Desk Keys', 'desk.key'))).toBe(false);
    expect(missing.stderr).not.toContain(m.ssn!);

    const wrong = runCliProcess(args, { ...noKey(), KYNECT_DESK_KEY: SsnVault.generateKey().toString('base64') });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/environment variable KYNECT_DESK_KEY is not the key this database's SSNs were sealed with/);

    const malformed = runCliProcess(args, { ...noKey(), KYNECT_DESK_KEY: 'hunter2' });
    expect(malformed.stderr).toMatch(/not 32 bytes written in base64/);

    const keyFile = path.join(dir, 'desk.key');
    fs.writeFileSync(keyFile, `${TEST_DESK_KEY}\n`, { mode: 0o644 });
    fs.chmodSync(keyFile, 0o644);
    const open = runCliProcess([...args, '--key-file', keyFile], noKey());
    expect(open.code).toBe(1);
    expect(open.stderr).toMatch(/can be read by other users \(mode 644\)\. Make it private: chmod 600/);
    fs.chmodSync(keyFile, 0o600);
    const viaFlag = runCliProcess([...args, '--key-file', keyFile, '--json'], noKey());
    expect(viaFlag.code).toBe(0);
    expect(JSON.parse(viaFlag.stdout)).toMatchObject({ level: 'full' });
    const viaEnvFile = runCliProcess([...args, '--json'], { ...noKey(), KYNECT_DESK_KEY_FILE: keyFile });
    expect(JSON.parse(viaEnvFile.stdout)).toMatchObject({ level: 'full' });
    const gone = runCliProcess([...args, '--key-file', path.join(dir, 'nope.key')], noKey());
    expect(gone.stderr).toMatch(/No desk key: --key-file \(.*nope\.key\) does not exist/);
  });

  it('a command that touches no SSN needs no key', () => {
    const db = path.join(dir, 'c.sqlite3');
    const info = runCliProcess(['db', 'info', '--db', db, '--json'], noKey());
    expect(info.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'config', 'kynect Desk Keys', 'desk.key'))).toBe(false);
  });

  it('hostKeySource prefers --key-file, then KYNECT_DESK_KEY, then KYNECT_DESK_KEY_FILE, then the key folder (out of the database folder)', () => {
    const env = { KYNECT_DESK_KEY: TEST_DESK_KEY, KYNECT_DESK_KEY_FILE: '/x/y.key' };
    expect(hostKeySource({ keyFile: 'k.key', env, keyFolder: dir }).description).toMatch(/^--key-file/);
    expect(hostKeySource({ env, keyFolder: dir }).description).toBe('environment variable KYNECT_DESK_KEY');
    expect(hostKeySource({ env: { KYNECT_DESK_KEY_FILE: '/x/y.key' }, keyFolder: dir }).description).toBe('KYNECT_DESK_KEY_FILE (/x/y.key)');
    expect(hostKeySource({ env: {}, keyFolder: dir }).description).toBe(`the default key file (${path.join(dir, 'desk.key')})`);
  });
});
