/** Crash campaign: imports a members.csv into a desk's database, then says so (and is killed at a random point). */
import { openDesk } from '../../shared/node/host/desk';
import { silentLogger } from '../../shared/node/log';
import { importMembersFile } from '../../shared/node/match/importParallel';

const [dbPath, csv] = process.argv.slice(2);
const desk = openDesk({ dbPath: dbPath!, host: 'cli', log: silentLogger, env: process.env, backups: false });
process.stdout.write('ready\n');
const report = await importMembersFile(desk.services.match.store, csv!, {
  audit: (details) => void desk.audit.append({ action: 'match.import.members', details: { ...details } }),
});
process.stdout.write(`ack ${report.inserted}\n`);
desk.close();
