/**
 * What a rep waits for on a call: one state change (event + row + timeline +
 * audit in one transaction, then the pushed snapshot), a notes autosave, the
 * snapshot rebuilt from events (what a reload or restart does), and history
 * search over many past calls. Baseline: reading the open call's row alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../shared/common/clock';
import { openDesk } from '../shared/node/host/desk';
import { silentLogger } from '../shared/node/log';
import { measure, writeResult } from './stats';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kynect-bench-'));
const clock = new ManualClock('2026-01-05T14:00:00Z');
const desk = openDesk({ dbPath: path.join(dir, 'bench.sqlite3'), host: 'cli', log: silentLogger, env: {}, clock });
desk.operators.save({ name: 'Bench', role: 'rep', pin: '2468' });
const calls = desk.services.calls;

// History to search: 5,000 closed calls over ~100 days.
const PAST = 5_000;
for (let i = 0; i < PAST; i++) {
  const id = calls.start({ callerType: i % 3 === 0 ? 'agent' : 'resident', callerName: `Caller ${i}`, caseNumber: String(13_000_000 + i) }).call!.id;
  clock.advance(120_000);
  calls.command(id, { type: 'end' });
  calls.command(id, { type: 'close', disposition: i % 2 ? 'resolved' : 'sep_information' });
  clock.advance(30 * 60_000);
}

const id = calls.start({ callerType: 'resident' }).call!.id;
for (let i = 0; i < 20; i++) desk.callActivity.record({ kind: 'sep.summary', summary: `SEP line ${i}` });
const baseline = await measure(2_000, () => desk.db.prepare("SELECT * FROM call WHERE state <> 'closed'").get());
const holdResume = await measure(2_000, (i) => calls.command(id, { type: i % 2 ? 'resume' : 'hold' }));
let revision = calls.current().call!.notesRevision;
const autosave = await measure(2_000, (i) => (revision = calls.saveNotes(id, `Notes ${'x'.repeat(2_000)} ${i}`, revision).revision));
const snapshot = await measure(2_000, () => calls.current());
const searchCase = await measure(500, (i) => calls.search({ caseNumber: String(13_000_000 + (i % PAST)) }));
const searchCaller = await measure(200, (i) => calls.search({ caller: `Caller ${i % 500}` }));
const searchDates = await measure(200, () => calls.search({ from: '2026-02-01', to: '2026-02-07', disposition: 'resolved' }));

desk.close();
fs.rmSync(dir, { recursive: true, force: true });

writeResult('calls', {
  note: `State change = decide + event row + call row + timeline row + audit append in one immediate transaction, then the snapshot rebuilt for the push. Worst case on purpose: the measured call grows to ~2,000 events and ~2,000 timeline lines (a real call has tens), and every snapshot (also the one pushed after each autosave) replays them all. History holds ${PAST} closed calls.`,
  baselineOpenCallRow: baseline,
  holdOrResume: holdResume,
  notesAutosave: autosave,
  snapshotFromEvents: snapshot,
  historySearch: { byCaseNumber: searchCase, byCallerNameLike: searchCaller, byDatesAndDisposition: searchDates },
});
