import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralMigrations, latestCentralVersion } from '../../../shared/node/central/migrations';
import { assertCentralVersion, CentralTooNewError, centralVersion, migrateCentral } from '../../../shared/node/central/schema';
import { connectUrl, startTestCentral, type TestCentral, type TestStore } from '../../helpers/central';

let central: TestCentral;
let store: TestStore;

beforeAll(async () => {
  central = await startTestCentral();
  store = await central.store();
}, 180_000);
afterAll(() => central?.stop());

async function asDesk(url: string, deskId = randomUUID()) {
  const c = await connectUrl(url);
  await c.query('INSERT INTO desk (desk_id, name, app_version) VALUES ($1, $2, $3)', [deskId, 'desk', 'test']);
  return { c, deskId };
}

const consentRow = (deskId: string, id = randomUUID()) => [id, deskId, 1, 'case-1', 'agent-1', 'session-1', '2026-11-22T15:00:00Z'];
const INSERT_REQUEST = 'INSERT INTO consent_request (id, desk_id, desk_seq, case_number, agent_id, session_id, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7)';

describe('central schema', () => {
  it('is migrated to the latest version, and migrating again changes nothing', async () => {
    const admin = await store.admin();
    try {
      expect(await centralVersion(admin)).toBe(latestCentralVersion);
      expect(await migrateCentral(admin)).toEqual({ from: latestCentralVersion, to: latestCentralVersion, applied: [] });
    } finally {
      await admin.end();
    }
  });

  it('lets a desk insert records and never update or delete them, nor read other records', async () => {
    const { c, deskId } = await asDesk((await store.deskLogin()).url);
    try {
      const id = randomUUID();
      await c.query(INSERT_REQUEST, consentRow(deskId, id));
      // Pushed again (a retry after a crash): nothing changes, nothing fails.
      await c.query(`${INSERT_REQUEST} ON CONFLICT (id) DO NOTHING`, consentRow(deskId, id));
      await expect(c.query('UPDATE consent_request SET agent_id = $1 WHERE id = $2', ['x', id])).rejects.toThrow(/permission denied/);
      await expect(c.query('DELETE FROM consent_request WHERE id = $1', [id])).rejects.toThrow(/permission denied/);
      await expect(c.query('TRUNCATE consent_request')).rejects.toThrow(/permission denied/);
      await expect(c.query('SELECT agent_id FROM consent_request')).rejects.toThrow(/permission denied/);
      await expect(c.query('SELECT * FROM call_closed')).rejects.toThrow(/permission denied/);
      // What desks need: members and associations.
      await c.query('SELECT member_id, ssn_block FROM member LIMIT 1');
      await c.query('SELECT id, sealed FROM member_ssn_block LIMIT 1');
      await c.query('SELECT agent_id, case_number, txid FROM agent_association LIMIT 1');
      const rows = await store.query('SELECT pushed_by FROM consent_request WHERE id = $1', [id]);
      expect(rows).toHaveLength(1);
    } finally {
      await c.end();
    }
  });

  it('refuses a record under a desk id registered by another login', async () => {
    const a = await asDesk((await store.deskLogin()).url);
    const b = await connectUrl((await store.deskLogin()).url);
    try {
      await expect(b.query(INSERT_REQUEST, consentRow(a.deskId))).rejects.toThrow(/is not registered to login/);
      // Nor can it take over the desk row itself.
      await expect(b.query('UPDATE desk SET login = current_user')).rejects.toThrow(/permission denied/);
    } finally {
      await a.c.end();
      await b.end();
    }
  });

  it('refuses updates, deletes and truncation to the owner too: append-only is the database’s rule', async () => {
    const { c, deskId } = await asDesk((await store.deskLogin()).url);
    const id = randomUUID();
    await c.query(INSERT_REQUEST, consentRow(deskId, id));
    await c.end();
    await expect(store.query('UPDATE consent_request SET agent_id = $1 WHERE id = $2', ['x', id])).rejects.toThrow(/append-only/);
    await expect(store.query('DELETE FROM consent_request WHERE id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(store.query('TRUNCATE consent_request')).rejects.toThrow(/append-only/);
    await expect(store.query('UPDATE desk SET name = $1 WHERE desk_id = $2', ['x', deskId])).rejects.toThrow(/append-only/);
  });

  it('lets a supervisor read across desks and write nothing', async () => {
    const { c, deskId } = await asDesk((await store.deskLogin()).url);
    await c.query(INSERT_REQUEST, consentRow(deskId));
    await c.end();
    const s = await connectUrl(store.supervisorUrl);
    try {
      const rows = (await s.query('SELECT count(*)::int AS n FROM consent_request')).rows;
      expect(rows[0].n).toBeGreaterThan(0);
      await s.query('SELECT * FROM call_latest, ese_intake_state, desk_audit_head LIMIT 1');
      await expect(s.query(INSERT_REQUEST, consentRow(deskId))).rejects.toThrow(/permission denied/);
      await expect(s.query('SELECT sealed FROM member_ssn_block')).rejects.toThrow(/permission denied/);
    } finally {
      await s.end();
    }
  });

  it('refuses an audit entry that does not continue the chain it holds for the desk', async () => {
    const { c, deskId } = await asDesk((await store.deskLogin()).url);
    const entry = (seq: number, prev: string, hash: string) => [randomUUID(), deskId, seq, seq, '2026-11-22T15:00:00Z', 'system:test', 'test.done', null, '{}', prev, hash];
    const sql = 'INSERT INTO audit_entry (id, desk_id, desk_seq, seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)';
    try {
      await c.query(sql, entry(1, '0'.repeat(64), 'a'.repeat(64)));
      await c.query(sql, entry(2, 'a'.repeat(64), 'b'.repeat(64)));
      await expect(c.query(sql, entry(3, 'f'.repeat(64), 'c'.repeat(64)))).rejects.toThrow(/does not continue the chain/);
      await expect(c.query(sql, entry(5, 'b'.repeat(64), 'c'.repeat(64)))).rejects.toThrow(/does not continue the chain/);
      await expect(c.query(sql, entry(2, 'a'.repeat(64), 'd'.repeat(64)))).rejects.toThrow(/duplicate key/);
    } finally {
      await c.end();
    }
  });

  it('refuses a store migrated by a newer app, untouched', async () => {
    const other = await central.store();
    const admin = await other.admin();
    try {
      await admin.query(`INSERT INTO central_schema (version, name) VALUES (${latestCentralVersion + 1}, 'from the future')`);
      await expect(migrateCentral(admin)).rejects.toBeInstanceOf(CentralTooNewError);
      await expect(assertCentralVersion(admin)).rejects.toThrow(/newer kynect Desk/);
      expect(centralMigrations.map((m) => m.version)).toEqual(centralMigrations.map((_, i) => i + 1));
    } finally {
      await admin.end();
    }
  });
});
