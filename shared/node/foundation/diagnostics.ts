import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listBackups } from '../db/safety';
import type { DeskCore, DeskFacts } from '../host/deskCore';

/** What the diagnostics read: facts about the desk, never residents' data. */
export type DiagnosedDesk = Pick<DeskCore, 'audit' | 'clock' | 'db' | 'host' | 'logDir' | 'operators'> & DeskFacts;
import { recentLogLines, redact } from '../log';

const LOG_LINES = 200;

/**
 * What a support team needs to see a desk's state, as text to paste into a ticket:
 * versions, the database's health and size, the audit chain, the ESE outbox, backups
 * and the last log lines. Nothing about a resident or a caller: counts, states and
 * already-redacted log lines only, and the whole text is redacted once more.
 */
export function buildDiagnostics(desk: DiagnosedDesk): { text: string; fileName: string } {
  const now = desk.clock.now();
  const info = desk.dbInfo();
  const audit = desk.audit.verify();
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  const outbox = desk.db.prepare('SELECT state, count(*) AS n FROM outbox_message GROUP BY state ORDER BY state').all() as { state: string; n: number }[];
  const operator = desk.operators.current();
  const lines: string[] = [
    `kynect Desk diagnostics — ${now.toISOString()}`,
    '',
    '## App',
    `version ${desk.status().appVersion} · host ${desk.host} · ${process.platform} ${process.arch} · ${os.release()}`,
    `node ${process.versions.node}${process.versions.electron ? ` · electron ${process.versions.electron}` : ''} · up ${Math.round(process.uptime())} s · rss ${Math.round(process.memoryUsage().rss / 1048576)} MiB`,
    `signed in: ${operator ? `a ${operator.role}` : 'nobody'}`,
    '',
    '## Database',
    `file ${info.path} (${size(info.path)} bytes, wal ${size(`${info.path}-wal`)} bytes)`,
    `schema ${info.schemaVersion} of ${info.latestSchemaVersion} · journal ${info.journalMode}`,
    ...info.tables.map((t) => `  ${t.name}: ${t.rows}`),
    `audit chain: ${audit.ok ? `intact, ${audit.entries} entries` : `BROKEN at entry ${audit.firstBroken.seq} (${audit.firstBroken.reason}), ${audit.entries} read`}`,
    `backups: ${
      listBackups(info.path)
        .map((b) => `${b.day} (${b.bytes} bytes)`)
        .join(', ') || 'none'
    }`,
    '',
    '## ESE outbox',
    outbox.length ? outbox.map((o) => `  ${o.state}: ${o.n}`).join('\n') : '  empty',
    '',
    `## Log (last ${LOG_LINES} lines${desk.logDir ? `, ${path.join(desk.logDir, 'desk.N.log')}` : ', this host logs to stderr only'})`,
    ...(desk.logDir ? recentLogLines(desk.logDir, LOG_LINES) : []),
  ];
  return { text: String(redact(lines.join('\n'))) + '\n', fileName: `kynect-desk-diagnostics-${now.toISOString().replace(/[:.]/g, '-')}.txt` };
}
