/**
 * A member delta leaves SSNs it did not change sealed: the desk keeps a fingerprint of
 * each pulled SSN (central/ssnPrint.ts: the central check and the SSN's index keys), and
 * a central change whose check matches it is applied without opening the contact-center
 * block nor the desk's own. The cache afterwards is the one an import of the same
 * extract makes: same members, SSNs, index keys and name counts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CenterKey } from '../../../shared/node/central/centerKey';
import { loadMembers } from '../../../shared/node/central/memberLoad';
import { importChunks } from '../../../shared/node/match/importer';
import { SsnVault } from '../../../shared/node/security/ssnVault';
import { startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';
import { MEMBERS_HEADER, memberLine, memberPerson, cacheSnapshot } from '../../helpers/deskWork';
import { openTestDesk } from '../../helpers/temp';

const CENTER_KEY = Buffer.alloc(32, 0x44);
let central: TestCentral;
let store: TestStore;
const open: ReturnType<typeof openTestDesk>[] = [];

beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
}, 180_000);
afterAll(() => central?.stop());
afterEach(() => {
  vi.restoreAllMocks();
  for (const t of open.splice(0)) t.close();
});

type Change = Partial<Record<'first' | 'last' | 'dob' | 'ssn', string>>;
/** The extract of members 0..n-1 with some changed (cells as memberLine writes them). */
function extract(n: number, changes: Record<number, Change> = {}): string {
  const lines = [MEMBERS_HEADER];
  for (let i = 0; i < n; i++) {
    const c = memberLine(i).split(',');
    const x = changes[i] ?? {};
    if (x.first) c[3] = x.first;
    if (x.last) c[5] = x.last;
    if (x.dob) c[7] = x.dob;
    if (x.ssn !== undefined) c[9] = x.ssn;
    lines.push(c.join(','));
  }
  return lines.join('\n') + '\n';
}

async function load(dir: string, name: string, text: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  const admin = await store.admin();
  try {
    const r = await loadMembers(admin, file, new CenterKey(CENTER_KEY));
    expect(r.committed).toBe(true);
    return r;
  } finally {
    await admin.end();
  }
}

/** Desk blocks and contact-center blocks opened while `fn` runs (the real methods, counted). */
async function counting<T>(fn: () => Promise<T>): Promise<{ value: T; desk: number; center: number }> {
  const all = vi.spyOn(SsnVault.prototype, 'openBlock');
  const center = vi.spyOn(CenterKey.prototype, 'openBlock');
  const value = await fn();
  const r = { value, desk: all.mock.calls.length - center.mock.calls.length, center: center.mock.calls.length };
  all.mockRestore();
  center.mockRestore();
  return r;
}

describe('a member delta with SSN prints', () => {
  it('opens only the blocks of members whose SSN or date of birth changed, and leaves the cache an import of the same extract leaves', async () => {
    const login = await store.deskLogin();
    const env = { KYNECT_DESK_KEY: Buffer.alloc(32, 0x5b).toString('base64'), KYNECT_CENTRAL_URL: login.url, KYNECT_CENTRAL_KEY: CENTER_KEY.toString('base64') };
    const t = openTestDesk({ env });
    const ref = openTestDesk({ env: { KYNECT_DESK_KEY: env.KYNECT_DESK_KEY } });
    open.push(t, ref);
    const d = t.desk;
    await load(t.dir, 'v1.csv', extract(300));
    const first = await d.services.central.syncNow();
    expect(first.pull?.members).toMatchObject({ first: true, applied: 300 });
    // Every pulled member with an SSN has its print: 16 bytes, none of them the SSN's digits.
    const prints = d.db.prepare('SELECT ssn_print FROM match_member').pluck().all() as Buffer[];
    expect(prints.filter((p) => p?.length === 16)).toHaveLength(300);
    expect(d.db.prepare("SELECT count(*) FROM match_member WHERE instr(ssn_print, CAST('1' AS BLOB)) > 0 AND length(ssn_print) <> 16").pluck().get()).toBe(0);

    const v2: Record<number, Change> = {
      5: { first: 'Renamed5' }, // name only: the SSN is kept, no block opened
      6: { ssn: '555443333' }, // SSN only
      7: { dob: '1961-06-06' }, // date of birth only: its SSN keys change, so its block is opened
      8: { last: 'Newlast', ssn: '555443334' }, // name and SSN
      9: { ssn: '' }, // SSN removed
      10: { last: 'Other' },
    };
    await load(t.dir, 'v2.csv', extract(310, v2));
    const blockOf = (id: string) => d.db.prepare('SELECT ssn_block FROM match_member WHERE member_id = ?').pluck().get(id) as number;
    const needed = new Set(['M-6', 'M-7', 'M-8', 'M-9'].map(blockOf)).size;
    const delta = await counting(() => d.services.central.syncNow());
    expect(delta.value.pull?.members).toMatchObject({ rows: 16, first: false });
    expect(delta.desk).toBe(needed);
    expect(delta.center).toBe(1); // the changed SSNs and the new ones, packed in one central block
    importChunks(ref.desk.services.match.store, 'members', [extract(310, v2)]);
    expect(cacheSnapshot(d)).toEqual(cacheSnapshot(ref.desk));
    expect(d.services.match.store.ssnOf('M-6')).toBe('555443333');
    expect(d.services.match.store.ssnOf('M-9')).toBeNull();
    expect(d.services.match.lookup.lookup({ ...memberPerson(5), firstName: 'Renamed5', ssn: memberLine(5).split(',')[9]! } as never).level).toBe('full');

    // Prints written by the delta are right too: a name change to members 6, 7 (new SSN, new date) opens nothing.
    const v3 = { ...v2, 6: { ...v2[6], first: 'Again6' }, 7: { ...v2[7], last: 'Again7' } };
    await load(t.dir, 'v3.csv', extract(310, v3));
    const again = await counting(() => d.services.central.syncNow());
    expect(again.value.pull?.members).toMatchObject({ rows: 2 });
    expect(again).toMatchObject({ desk: 0, center: 0 });
    importChunks(ref.desk.services.match.store, 'members', [extract(310, v3)]);
    expect(cacheSnapshot(d)).toEqual(cacheSnapshot(ref.desk));

    // A member written by an import loses its print (it is not known), and the next delta opens its block to compare.
    importChunks(d.services.match.store, 'members', [extract(310, { ...v3, 11: { first: 'Imported11' } })]);
    expect(d.db.prepare("SELECT ssn_print FROM match_member WHERE member_id = 'M-11'").pluck().get()).toBeNull();
    await load(t.dir, 'v4.csv', extract(310, { ...v3, 11: { first: 'Central11' } }));
    const later = await counting(() => d.services.central.syncNow());
    expect(later.value.pull?.members).toMatchObject({ rows: 1 });
    expect(later.desk).toBe(1);
    expect(d.services.match.store.membersOfCase(memberLine(11).split(',')[1]!).map((m) => m.firstName)).toContain('Central11');
  });
});
