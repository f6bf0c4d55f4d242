/**
 * The rest of the issue-14 campaign, as functions the campaign script runs:
 * byte flips in a populated database, probes of the harness, and SSN shapes
 * through every place text is stored, sent or printed.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ManualClock } from '../../shared/common/clock';
import { DeskError } from '../../shared/common/errors';
import { backupIfDue, CorruptDatabaseError } from '../../shared/node/db/safety';
import { buildEml, composeEseMail } from '../../shared/node/ese/compose';
import { openDesk, type Desk } from '../../shared/node/host/desk';
import { createLogger, silentLogger } from '../../shared/node/log';
import { startHarness } from '../../shared/node/web/harness';
import { runCliProcess } from '../helpers/cli';
import { testKeyEnv } from '../helpers/deskKey';
import { population } from '../helpers/population';
import { rawRequest, requestHead } from '../helpers/rawHttp';
import { holdsCampaignSsn, SSN_SHAPES } from '../helpers/ssnShapes';
import { makeTempDir, removeTempDir } from '../helpers/temp';
import { validIntakeInput } from '../unit/ese/support/intakes';
import { leaves, parseMime, pdfText } from '../unit/ese/support/mime';

export interface CampaignRow {
  area: string;
  tries: number;
  /** Work that should have survived and did not. */
  lost: number;
  /** A full SSN found where it must never be. */
  leaked: number;
  /** An uncaught error, a raw error shown instead of a clear message, or a harness that stopped answering. */
  crashes: number;
  note: string;
}

const env = { ...testKeyEnv };
const random = (n: number) => Math.floor(Math.random() * n);

/** A database with calls, notes, consents of work, an import and a backup, closed. */
async function populated(dir: string): Promise<string> {
  const dbPath = path.join(dir, 'desk.sqlite3');
  const csv = path.join(dir, 'members.csv');
  population(4000, 7).write(csv);
  const r = runCliProcess(['import', 'members', csv, '--db', dbPath]);
  if (r.code !== 0) throw new Error(r.stderr);
  const desk = openDesk({ dbPath, host: 'cli', log: silentLogger, env, backups: false });
  desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
  for (let i = 0; i < 20; i++) {
    const call = desk.services.calls.start({ callerType: 'agent', callerName: `Pat Agent ${i}` }).call!;
    desk.services.calls.saveNotes(call.id, `Call ${i}: ${'notes '.repeat(40)}`, desk.services.calls.current().call!.notesRevision);
    desk.services.calls.command(call.id, { type: 'end' });
    desk.services.calls.command(call.id, { type: 'close', disposition: desk.services.calls.dispositions()[0]!.code } as never);
  }
  await backupIfDue(desk.db, dbPath, new ManualClock(new Date()), 7);
  desk.db.pragma('wal_checkpoint(TRUNCATE)');
  desk.close();
  return dbPath;
}

/**
 * Flips bytes at random places of a copy of the database, then does what a rep and
 * support would: start the desk, and when it says the file is damaged, follow its
 * message (`db recover --rebuild` or `db recover`). Never a raw error; after the
 * way back, `db check` and `audit verify` pass.
 */
export async function byteFlips(tries: number): Promise<CampaignRow> {
  const dir = makeTempDir('kynect-desk-flips-');
  const row: CampaignRow = { area: 'byte flips in the database', tries, lost: 0, leaked: 0, crashes: 0, note: '' };
  const outcomes = { opened: 0, rebuilt: 0, restored: 0 };
  try {
    const original = await populated(dir);
    const size = fs.statSync(original).size;
    for (let t = 0; t < tries; t++) {
      const dbPath = path.join(dir, `flip-${t}.sqlite3`);
      fs.copyFileSync(original, dbPath);
      const fd = fs.openSync(dbPath, 'r+');
      // Past the header page (a flipped header is "not a database", covered by the tests): one bit
      // somewhere, or every other time a burst of 32 bytes, as a torn write or a bad sector would leave.
      const at = 4096 + random(size - 4096 - 64);
      const n = t % 2 === 0 ? 1 : 32;
      const b = Buffer.alloc(n);
      fs.readSync(fd, b, 0, n, at);
      for (let i = 0; i < n; i++) b[i] = b[i]! ^ (n === 1 ? 1 << random(8) : 1 + random(255));
      fs.writeSync(fd, b, 0, n, at);
      fs.closeSync(fd);
      try {
        let desk: Desk | undefined;
        try {
          desk = openDesk({ dbPath, host: 'web', log: silentLogger, env, backups: false });
          desk.services.sep.search('lost my job');
          desk.services.calls.search({ limit: 5 });
          outcomes.opened++;
        } catch (error) {
          if (!(error instanceof CorruptDatabaseError) && !(error instanceof DeskError)) throw error;
          if (error instanceof CorruptDatabaseError) {
            // Follow the message: a rebuild when it offers one, and when that says to, the backup.
            let rebuild = error.damage?.rebuildable === true;
            let r = runCliProcess(['db', 'recover', ...(rebuild ? ['--rebuild'] : []), '--db', dbPath]);
            if (rebuild && r.code !== 0 && /[Rr]estore a backup/.test(r.stderr)) {
              rebuild = false;
              r = runCliProcess(['db', 'recover', '--db', dbPath]);
            }
            if (r.code !== 0) throw new Error(`recover failed: ${r.stderr}`, { cause: error });
            if (rebuild) outcomes.rebuilt++;
            else outcomes.restored++;
          }
        } finally {
          desk?.close();
        }
        const check = runCliProcess(['db', 'check', '--db', dbPath]);
        const verify = runCliProcess(['audit', 'verify', '--db', dbPath]);
        // A flip in a row's text passes the checks and opens: what matters is that nothing crashed.
        if (verify.code !== 0 && !/changed after it was written|rewritten|does not link/.test(verify.stdout)) row.crashes++;
        if (check.code !== 0 && !/DAMAGED/.test(check.stdout)) row.crashes++;
      } catch (error) {
        row.crashes++;
        row.note += `${error instanceof Error ? error.message.slice(0, 120) : String(error)}; `;
      }
      for (const s of ['', '-wal', '-shm', '.lock']) fs.rmSync(dbPath + s, { force: true });
    }
    row.note = `${outcomes.opened} opened as they were, ${outcomes.rebuilt} rebuilt, ${outcomes.restored} restored from a backup. ${row.note}`.trim();
    return row;
  } finally {
    removeTempDir(dir);
  }
}

/** The harness probes of the campaign: requests that used to kill it, stalled streams, big bodies in parallel. */
export async function harnessProbes(rounds: number): Promise<CampaignRow> {
  const dir = makeTempDir('kynect-desk-probes-');
  const row: CampaignRow = { area: 'harness probes (no token)', tries: 0, lost: 0, leaked: 0, crashes: 0, note: '' };
  fs.mkdirSync(path.join(dir, 'www'));
  fs.writeFileSync(path.join(dir, 'www', 'index.html'), '<!doctype html><title>shell</title>');
  const harness = await startHarness({
    dbPath: path.join(dir, 'desk.sqlite3'),
    staticDir: path.join(dir, 'www'),
    log: silentLogger,
    env,
    keyFolder: path.join(dir, 'keys'),
    limits: { maxInflightBodyBytes: 16 * 1024 * 1024 },
  });
  const port = Number(new URL(harness.origin).port);
  const alive = async () => (await rawRequest(port, requestHead(port, 'POST', '/ipc/app:status.get', harness.token, { 'Content-Length': '2' }) + '{}', 500)).status === 200;
  const targets = ['//[', 'http://127.0.0.1:99999/', `http://127.0.0.1:${port}:1/`, '/ipc/%E0%A4%A', '/%E0%A4%A', '/%', '*', '//evil.example/'];
  try {
    for (let r = 0; r < rounds; r++) {
      for (const t of targets) {
        row.tries++;
        await rawRequest(port, requestHead(port, 'GET', t, null), 300);
        if (!(await alive())) row.crashes++;
      }
      // Stalled event streams, then a flood of events.
      const stalled: net.Socket[] = [];
      for (let i = 0; i < 10; i++) {
        const s = net.connect(port, '127.0.0.1');
        s.on('error', () => {});
        s.write(requestHead(port, 'GET', '/events', harness.token, { Connection: 'keep-alive' }));
        s.pause();
        stalled.push(s);
      }
      await new Promise((res) => setTimeout(res, 200));
      for (let i = 0; i < 3000; i++) harness.desk.events.publish('app:status.changed', { blob: 'x'.repeat(8192) } as never);
      await new Promise((res) => setTimeout(res, 200));
      stalled.forEach((s) => s.destroy());
      row.tries++;
      // Eight 8 MB bodies at once.
      const body = 'x'.repeat(8 * 1024 * 1024);
      await Promise.all(
        Array.from({ length: 8 }, () => rawRequest(port, requestHead(port, 'POST', '/ipc/app:status.get', harness.token, { 'Content-Length': String(body.length) }) + body, 500)),
      );
      row.tries++;
      if (!(await alive())) row.crashes++;
    }
    const s = harness.stats();
    row.note = `${s.badRequests} answered 400, ${s.streamsDropped} stalled streams dropped, ${s.refusedBusy} bodies refused busy, peak ${Math.round(s.peakInflightBodyBytes / 1024 / 1024)} MB of bodies held`;
  } finally {
    await harness.close();
    removeTempDir(dir);
  }
  return row;
}

/** Every SSN shape through notes, drafts, the ESE form, the email/PDF/.eml, the export and the log. */
export async function ssnShapes(): Promise<CampaignRow> {
  const dir = makeTempDir('kynect-desk-ssn-');
  const row: CampaignRow = { area: 'SSN shapes typed by reps', tries: 0, lost: 0, leaked: 0, crashes: 0, note: '' };
  const logLines: string[] = [];
  const desk = openDesk({
    dbPath: path.join(dir, 'desk.sqlite3'),
    host: 'web',
    log: createLogger({ level: 'debug', write: (l) => void logLines.push(l) }),
    env,
    backups: false,
    keyFolder: path.join(dir, 'keys'),
  });
  const via = { via: 'test' as const };
  try {
    desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
    const call = desk.services.calls.start({ callerType: 'resident', callerName: 'Pat Caller', caseNumber: '100300113' }).call!;
    const places: string[] = [];
    for (const shape of SSN_SHAPES) {
      row.tries++;
      const text = `The caller read ${shape} from her card.`;
      await desk.router.dispatch('app:call.notes.save', { callId: call.id, notes: text, baseRevision: desk.services.calls.current().call!.notesRevision }, via);
      await desk.router.dispatch('app:call.notes.append', { text }, via);
      await desk.router.dispatch('app:ese.draft.save', { key: `call:${call.id}`, draft: { narrative: text, documentsOther: text } }, via);
      const refused = await desk.router.dispatch('app:ese.submit', { intake: validIntakeInput({ narrative: `${text} The notice went to her old address.` }) }, via);
      if (refused.ok) places.push(`ESE accepted ${shape}`);
      await desk.router.dispatch('app:call.start', { callerType: 'resident', callerName: `Pat ${shape}` }, via);
      desk.log.info(`log line with ${shape}`);
    }
    // An intake that reached the store anyway (an older version, a paste): the email, PDF and .eml.
    const ok = await desk.router.dispatch('app:ese.submit', { intake: validIntakeInput() }, via);
    if (ok.ok) {
      const record = desk.services.ese.store.get((ok.value as { id: string }).id)!;
      for (const shape of SSN_SHAPES) {
        record.intake = { ...record.intake, narrative: `Old draft: ${shape}.` };
        const eml = await buildEml(await composeEseMail(record, desk.services.ese.mailSettings()));
        const parts = leaves(parseMime(eml));
        const pdf = pdfText(parts.find((p) => p.headers.get('content-type')?.startsWith('application/pdf'))!.body);
        if (holdsCampaignSsn(eml.toString('utf8')) || holdsCampaignSsn(pdf)) places.push(`email/PDF with ${shape}`);
      }
    }
    const exported = desk.services.calls.exportText(call.id).text;
    if (holdsCampaignSsn(exported)) places.push('call export');
    // Everything stored, every log line.
    const tables = desk.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'sep_rule_fts%'").pluck().all() as string[];
    for (const t of tables)
      for (const r of desk.db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[])
        for (const v of Object.values(r)) if (typeof v === 'string' && holdsCampaignSsn(v)) places.push(`stored in ${t}`);
    for (const l of logLines) if (holdsCampaignSsn(l)) places.push('log');
    row.leaked = places.length;
    row.note = places.length ? places.slice(0, 5).join('; ') : `${SSN_SHAPES.length} shapes × notes, snippets, drafts, ESE form, caller name, email, PDF, .eml, export, log`;
  } catch (error) {
    row.crashes++;
    row.note = error instanceof Error ? error.message : String(error);
  } finally {
    desk.close();
    removeTempDir(dir);
  }
  return row;
}

export function campaignTable(rows: CampaignRow[]): string {
  const head = ['area', 'tries', 'lost', 'leaked', 'crashes', 'what happened'];
  const body = rows.map((r) => [r.area, String(r.tries), String(r.lost), String(r.leaked), String(r.crashes), r.note]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (i === 5 ? 0 : b[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 5 ? c : c.padEnd(widths[i]!))).join(' | ');
  return [line(head), widths.map((w, i) => '-'.repeat(i === 5 ? 13 : w)).join('-|-'), ...body.map(line)].join('\n');
}
