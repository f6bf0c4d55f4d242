/**
 * `npm run central:dev`: a central store for development on this machine — a
 * throw-away PostgreSQL cluster (initdb in a temp folder, 127.0.0.1 only, a free
 * port), migrated, with one desk login and one supervisor login, and a fresh
 * contact-center key. Prints the environment to give the CLI and `npm run web`;
 * Ctrl+C stops the server and removes the folder. `--check` starts, migrates, stops.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openClient, configFromUrl } from './connection';
import { startCluster } from './pgCluster';
import { addLogin, migrateCentral } from './schema';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, port: { type: 'string' } }, strict: true });

const cluster = await startCluster(values.port ? { port: Number(values.port) } : {});
let stopped = false;
const stop = () => {
  if (stopped) return;
  stopped = true;
  cluster.destroy();
};
process.on('exit', stop);
try {
  const root = await openClient(configFromUrl(cluster.url('postgres')));
  await root.query('CREATE DATABASE kynect_central');
  await root.end();
  const admin = await openClient(configFromUrl(cluster.url('kynect_central')));
  const migrated = await migrateCentral(admin);
  const deskPassword = randomBytes(18).toString('base64url');
  const supervisorPassword = randomBytes(18).toString('base64url');
  await addLogin(admin, 'desk_dev', 'desk', deskPassword);
  await addLogin(admin, 'supervisor_dev', 'supervisor', supervisorPassword);
  await admin.end();
  const out = [
    `kynect Desk central store (development) — PostgreSQL ${cluster.psql('SHOW server_version')} on 127.0.0.1:${cluster.port}, schema ${migrated.to}`,
    `  folder: ${cluster.dir} (removed when this stops)`,
    '',
    '# the store owner (central migrate, central user add, central load members):',
    `export KYNECT_CENTRAL_ADMIN_URL='${cluster.url('kynect_central')}'`,
    '# a desk (npm run web, npm run --silent cli -- central sync):',
    `export KYNECT_CENTRAL_URL='${cluster.url('kynect_central', 'desk_dev', deskPassword)}'`,
    `export KYNECT_CENTRAL_KEY='${randomBytes(32).toString('base64')}'`,
    '# a supervisor (psql, reads across desks):',
    `#   ${cluster.url('kynect_central', 'supervisor_dev', supervisorPassword)}`,
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');
  if (values.check) {
    stop();
    process.stdout.write('central:dev check: started, migrated, stopped.\n');
  } else {
    process.stdout.write('Press Ctrl+C to stop.\n');
    const quit = () => {
      stop();
      process.exit(0);
    };
    process.on('SIGINT', quit);
    process.on('SIGTERM', quit);
    setInterval(() => undefined, 1 << 30);
  }
} catch (error) {
  stop();
  process.stderr.write(`central:dev failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
