/**
 * What the contract costs: a request through the router (parse request, call
 * the handler, check the response) against calling the same service directly
 * (the baseline), on a real SQLite file. Also the audit log's append, which
 * every state change pays, against a plain INSERT.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDesk } from '../shared/node/host/desk';
import { silentLogger } from '../shared/node/log';
import { measure, writeResult } from './stats';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kynect-bench-'));
const desk = openDesk({ dbPath: path.join(dir, 'bench.sqlite3'), host: 'cli', log: silentLogger, env: {} });
desk.operators.save({ name: 'Bench', role: 'rep', pin: '2468' });
const N = 20_000;

const direct = await measure(N, () => desk.status());
const routed = await measure(N, () => desk.router.dispatch('app:status.get', {}, { via: 'test' }));
const invalid = await measure(N, () => desk.router.dispatch('app:operator.save', { name: '', role: 'x' }, { via: 'test' }));

desk.db.exec('CREATE TABLE plain_insert (at TEXT, action TEXT, details TEXT)');
const insert = desk.db.prepare('INSERT INTO plain_insert VALUES (?, ?, ?)');
const plain = await measure(5_000, (i) => insert.run(new Date().toISOString(), 'bench.step', JSON.stringify({ i })));
const audit = await measure(5_000, (i) => desk.audit.append({ action: 'bench.step', details: { i } }));
const verifyStart = process.hrtime.bigint();
const verified = desk.audit.verify();
const verifyMs = Number(process.hrtime.bigint() - verifyStart) / 1e6;

desk.close();
fs.rmSync(dir, { recursive: true, force: true });

writeResult('ipc', {
  note: 'Router = zod parse of request + handler + zod check of response. Baseline = the same service called directly. Audit append = read tail + SHA-256 + INSERT in one immediate transaction; baseline = plain INSERT.',
  statusGet: { baselineDirect: direct, throughRouter: routed, overheadP50Ms: Math.round((routed.p50Ms - direct.p50Ms) * 1000) / 1000 },
  invalidRequestRejection: invalid,
  auditAppend: { baselinePlainInsert: plain, chainedAppend: audit, ratioP50: Math.round((audit.p50Ms / plain.p50Ms) * 10) / 10 },
  auditVerify: { entries: verified.entries, ok: verified.ok, totalMs: Math.round(verifyMs * 10) / 10 },
});
