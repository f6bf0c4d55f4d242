/** Crash campaign: autosaves a call's notes as fast as a rep's editor could, acknowledging each save, until killed. */
import { openDesk } from '../../shared/node/host/desk';
import { silentLogger } from '../../shared/node/log';

const [dbPath] = process.argv.slice(2);
const desk = openDesk({ dbPath: dbPath!, host: 'web', log: silentLogger, env: process.env, backups: false });
if (!desk.operators.current()) desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
const calls = desk.services.calls;
const callId = calls.current().call?.id ?? calls.start({ callerType: 'resident', callerName: 'Pat Caller' }).call!.id;
process.stdout.write(`ready ${callId}\n`);
let k = 0;
// As the editor does: each save names the revision its text was typed on (the last one acknowledged).
let revision = calls.current().call!.notesRevision;
const tick = () => {
  for (let i = 0; i < 5; i++) {
    k++;
    revision = calls.saveNotes(callId, `revision ${k}: ${'the caller explained the notice again. '.repeat(1 + (k % 7))}`, revision).revision;
    process.stdout.write(`ack ${k}\n`);
  }
  setImmediate(tick);
};
tick();
