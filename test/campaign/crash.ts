/**
 * Crash tests in numbers (issue 15 §8, issue 14 "Done when"): SIGKILL at random
 * points during a 200,000-member import, during notes autosave, and during ESE
 * delivery to a real SMTP server on 127.0.0.1. After every kill the desk starts
 * again on the same file, and the campaign counts what was acknowledged and what
 * is found, the emails received and their distinct Message-IDs, and runs `db check`
 * and `audit verify` as support would.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../shared/common/clock';
import { checkIntegrity } from '../../shared/node/db/safety';
import { openDesk } from '../../shared/node/host/desk';
import { silentLogger } from '../../shared/node/log';
import { repoRoot } from '../helpers/cli';
import { testKeyEnv } from '../helpers/deskKey';
import { population } from '../helpers/population';
import { makeTempDir, removeTempDir } from '../helpers/temp';
import { parseMime } from '../unit/ese/support/mime';
import { startSmtp } from '../unit/ese/support/smtp';

export interface CrashRow {
  scenario: string;
  tries: number;
  /** Writes the child acknowledged before it was killed (rows, saves, intakes). */
  acknowledged: number;
  /** Of those, found after the restart. */
  found: number;
  lost: number;
  duplicated: number;
  emailsReceived?: number;
  distinctMessageIds?: number;
  dbCheckClean: number;
  auditClean: number;
  /** Kills that landed before the child acknowledged anything (still checked). */
  killedBeforeAck: number;
}

const env = { ...process.env, ...testKeyEnv };

/** Runs a child, SIGKILLs it `killAfterMs` after it is ready (after its `afterAcks`-th acknowledgement, if given), and returns what it printed. */
function runAndKill(script: string, args: string[], killAfterMs: number, afterAcks = 0): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/campaign', script), ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!timer && out.startsWith('ready') && out.split('\nack ').length - 1 >= afterAcks) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`${script} failed (${code}): ${err.slice(0, 500)}`));
      resolve({ lines: out.split('\n').filter(Boolean), killed: signal === 'SIGKILL' });
    });
  });
}

/** The restart: the app's own open (integrity check at start), then `db check` (full) and `audit verify`. */
function afterRestart<T>(dbPath: string, read: (desk: ReturnType<typeof openDesk>) => T, clock?: ManualClock): { value: T; dbClean: boolean; auditClean: boolean } {
  const desk = openDesk({ dbPath, host: 'web', log: silentLogger, env, backups: false, ...(clock ? { clock } : {}) });
  try {
    const value = read(desk);
    return { value, dbClean: checkIntegrity(desk.db, 'full').length === 0, auditClean: desk.audit.verify().ok };
  } finally {
    desk.close();
  }
}

const random = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo));

export async function crashImport(tries: number, members = 200_000): Promise<CrashRow> {
  const dir = makeTempDir('kynect-desk-crash-');
  const row: CrashRow = {
    scenario: `import of ${members.toLocaleString('en-US')} members`,
    tries,
    acknowledged: 0,
    found: 0,
    lost: 0,
    duplicated: 0,
    dbCheckClean: 0,
    auditClean: 0,
    killedBeforeAck: 0,
  };
  try {
    const csv = path.join(dir, 'members.csv');
    population(members, 42).write(csv);
    // How long one whole import takes here: kills land anywhere in it (and a little after).
    const started = Date.now();
    const full = await runAndKill('importChild.ts', [path.join(dir, 'calibrate.sqlite3'), csv], 10 * 60_000);
    const span = Math.max(1000, Date.now() - started);
    if (!full.lines.some((l) => l.startsWith('ack'))) throw new Error('the calibration import did not finish');
    for (let t = 0; t < tries; t++) {
      const dbPath = path.join(dir, `import-${t}.sqlite3`);
      const { lines } = await runAndKill('importChild.ts', [dbPath, csv], random(0, Math.round(span * 1.1)));
      const acked = lines.some((l) => l.startsWith('ack'));
      if (acked) row.acknowledged += members;
      else row.killedBeforeAck++;
      const r = afterRestart(dbPath, (desk) => ({
        rows: desk.db.prepare('SELECT count(*) FROM match_member').pluck().get() as number,
        audited: desk.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'match.import.members'").pluck().get() as number,
      }));
      if (acked) row.found += r.value.rows === members ? members : 0;
      // All or nothing, and never rows without their audit entry (issue 14 §7).
      if (acked && r.value.rows !== members) row.lost += members - r.value.rows;
      if (r.value.rows !== 0 && r.value.rows !== members) row.lost += 1;
      if ((r.value.rows === members) !== (r.value.audited === 1)) row.lost += 1;
      row.dbCheckClean += r.dbClean ? 1 : 0;
      row.auditClean += r.auditClean ? 1 : 0;
      for (const s of ['', '-wal', '-shm', '.lock']) fs.rmSync(dbPath + s, { force: true });
    }
    return row;
  } finally {
    removeTempDir(dir);
  }
}

export async function crashNotes(tries: number): Promise<CrashRow> {
  const dir = makeTempDir('kynect-desk-crash-');
  const row: CrashRow = { scenario: 'notes autosave', tries, acknowledged: 0, found: 0, lost: 0, duplicated: 0, dbCheckClean: 0, auditClean: 0, killedBeforeAck: 0 };
  try {
    const dbPath = path.join(dir, 'notes.sqlite3');
    for (let t = 0; t < tries; t++) {
      const { lines } = await runAndKill('notesChild.ts', [dbPath], random(50, 1500));
      const callId = lines[0]!.split(' ')[1]!;
      const acks = lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
      const last = acks.at(-1) ?? 0;
      if (!last) row.killedBeforeAck++;
      row.acknowledged += acks.length;
      const r = afterRestart(dbPath, (desk) => desk.db.prepare('SELECT notes FROM call WHERE id = ?').pluck().get(callId) as string);
      const stored = Number(/^revision (\d+):/.exec(r.value)?.[1] ?? 0);
      // The save in flight at the kill may have committed unacknowledged (stored = last + 1); never an older one.
      if (stored < last) row.lost += last - stored;
      else row.found += acks.length;
      if (r.value.split('revision').length > 2) row.duplicated++;
      row.dbCheckClean += r.dbClean ? 1 : 0;
      row.auditClean += r.auditClean ? 1 : 0;
    }
    return row;
  } finally {
    removeTempDir(dir);
  }
}

export async function crashEse(tries: number, perTry = 6): Promise<CrashRow> {
  const dir = makeTempDir('kynect-desk-crash-');
  const server = await startSmtp();
  const row: CrashRow = {
    scenario: 'ESE delivery to SMTP on 127.0.0.1',
    tries,
    acknowledged: 0,
    found: 0,
    lost: 0,
    duplicated: 0,
    emailsReceived: 0,
    distinctMessageIds: 0,
    dbCheckClean: 0,
    auditClean: 0,
    killedBeforeAck: 0,
  };
  try {
    const dbPath = path.join(dir, 'ese.sqlite3');
    const acked = new Set<string>();
    for (let t = 0; t < tries; t++) {
      // Anywhere from before the first intake to the last delivery: after a random number of acknowledged intakes, then a little more.
      const { lines } = await runAndKill('eseChild.ts', [dbPath, String(server.port), String(t), String(perTry)], random(0, 250), random(0, perTry + 1));
      const ids = lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
      if (!ids.length) row.killedBeforeAck++;
      ids.forEach((id) => acked.add(id));
      row.acknowledged += ids.length;
      // Restart after the sending lease: whatever was left 'sending' or 'queued' goes now.
      const clock = new ManualClock(new Date(Date.now() + 3 * 60_000));
      const r = afterRestart(
        dbPath,
        (desk) => {
          const found = ids.filter((id) => desk.services.ese.store.get(id) !== null).length;
          const intakes = desk.db.prepare('SELECT count(*) FROM ese_intake').pluck().get() as number;
          const distinct = desk.db.prepare('SELECT count(DISTINCT id) FROM ese_intake').pluck().get() as number;
          return { found, intakes, distinct };
        },
        clock,
      );
      row.found += r.value.found;
      row.lost += ids.length - r.value.found;
      row.duplicated += r.value.intakes - r.value.distinct;
      row.dbCheckClean += r.dbClean ? 1 : 0;
      row.auditClean += r.auditClean ? 1 : 0;
      const flush = openDesk({ dbPath, host: 'cli', log: silentLogger, env, backups: false, clock });
      try {
        await flush.services.ese.flush();
      } finally {
        flush.close();
      }
    }
    const messageIds = server.received.map((m) => parseMime(m.raw).headers.get('message-id') ?? '');
    row.emailsReceived = server.received.length;
    row.distinctMessageIds = new Set(messageIds).size;
    // Every acknowledged intake reached the mailbox at least once; repeats carry the same Message-ID.
    const expectedIds = new Set([...acked].map((id) => `<ese-intake.${id}@contact.kynect.example>`));
    for (const id of expectedIds) if (!messageIds.includes(id)) row.lost++;
    return row;
  } finally {
    await server.close();
    removeTempDir(dir);
  }
}

export function crashTable(rows: CrashRow[]): string {
  const head = [
    'scenario',
    'tries',
    'acknowledged',
    'found after restart',
    'lost',
    'duplicated intakes',
    'emails received',
    'distinct Message-IDs',
    'db check clean',
    'audit verify clean',
  ];
  const body = rows.map((r) =>
    [
      r.scenario,
      r.tries,
      r.acknowledged,
      r.found,
      r.lost,
      r.duplicated,
      r.emailsReceived ?? '-',
      r.distinctMessageIds ?? '-',
      `${r.dbCheckClean}/${r.tries}`,
      `${r.auditClean}/${r.tries}`,
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}
