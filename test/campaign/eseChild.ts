/**
 * Crash campaign: submits ESE intakes (each acknowledged once stored) and forwards
 * them to the SMTP server on 127.0.0.1, until it is killed at a random point.
 */
import { openDesk } from '../../shared/node/host/desk';
import { silentLogger } from '../../shared/node/log';
import { campaignIntake, campaignIntakeId } from './intake';

const [dbPath, port, tryNo, count] = process.argv.slice(2);
const desk = openDesk({ dbPath: dbPath!, host: 'cli', log: silentLogger, env: process.env, backups: false });
desk.services.ese.saveSettings({ settings: { host: '127.0.0.1', port: Number(port), security: 'none', sender: 'desk@contact.kynect.example' } });
process.stdout.write('ready\n');
for (let i = 0; i < Number(count); i++) {
  const r = desk.services.ese.submit({ intakeId: campaignIntakeId(Number(tryNo), i), intake: campaignIntake(i) });
  process.stdout.write(`ack ${r.id}\n`);
  if (i % 3 === 2) await desk.services.ese.flush();
}
await desk.services.ese.flush();
process.stdout.write('flushed\n');
desk.close();
