/**
 * A child process that takes a call and is then killed by the test (SIGKILL):
 * the same desk as the app, on the file the test names. It prints one JSON
 * line when everything is written, then waits to be killed.
 *   node --import tsx test/helpers/callChild.ts <dbPath>
 */
import { openDesk } from '../../shared/node/host/desk';
import { silentLogger } from '../../shared/node/log';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: callChild.ts <dbPath>');
const desk = openDesk({ dbPath, host: 'web', log: silentLogger, env: {}, backups: false });
desk.operators.save({ name: 'Rita Rep', role: 'rep', pin: '2468' });
const calls = desk.services.calls;
const started = calls.start({ callerType: 'agent', callerName: 'Pat Agent', caseNumber: '13002543' });
const callId = started.call!.id;
calls.command(callId, { type: 'client_joined' });
desk.callActivity.record({ kind: 'match.search', summary: 'Member match: Partial (name differs)', refId: 'match-1' });
calls.saveNotes(callId, 'Client on the line, confirmed the Agent.\nMid-sentence when the app was kil', calls.current().call!.notesRevision);
calls.command(callId, { type: 'hold' });
process.stdout.write(`${JSON.stringify({ ready: true, callId, at: new Date().toISOString() })}\n`);
// Stay alive with the database open, as the app would, until killed.
setInterval(() => desk.status(), 60_000); // keeps the desk referenced (a collected connection closes)
