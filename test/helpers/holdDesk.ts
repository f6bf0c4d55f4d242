/**
 * A desk in a process of its own that holds a database (as the app would) until
 * it is killed: opens it, takes a call with notes, prints one JSON line, waits.
 *   node --import tsx test/helpers/holdDesk.ts <dbPath>
 */
import { openDesk } from '../../shared/node/host/desk';
import { silentLogger } from '../../shared/node/log';
import { testKeyEnv } from './deskKey';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: holdDesk.ts <dbPath>');
try {
  const desk = openDesk({ dbPath, host: 'web', log: silentLogger, env: { ...process.env, ...testKeyEnv }, backups: false });
  if (!desk.operators.current()) desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
  const open = desk.services.calls.current().call;
  const callId = open?.id ?? desk.services.calls.start({ callerType: 'agent', callerName: 'Pat Agent' }).call!.id;
  desk.services.calls.saveNotes(callId, 'Live call notes.', desk.services.calls.current().call!.notesRevision);
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, callId })}\n`);
  // Keep the desk referenced (as the app does): a collected connection closes.
  setInterval(() => desk.status(), 60_000);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ready: false, error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(3);
}
