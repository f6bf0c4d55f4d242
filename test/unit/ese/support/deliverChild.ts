/**
 * A separate desk process that runs one outbox pass, for the crash test: the
 * test kills it (SIGKILL) after the SMTP server has the message but before the
 * server answers, i.e. between "sent" and "marked sent".
 */
import { ManualClock } from '../../../../shared/common/clock';
import { openDesk } from '../../../../shared/node/host/desk';
import { silentLogger } from '../../../../shared/node/log';

const [dbPath, now] = process.argv.slice(2);
const desk = openDesk({ dbPath: dbPath!, host: 'cli', clock: new ManualClock(now!), log: silentLogger, env: process.env });
process.stdout.write('ready\n');
const result = await desk.services.ese.flush();
process.stdout.write(JSON.stringify(result) + '\n');
desk.close();
