/**
 * `npm run web`: the app in a browser, on this machine only. Prints the
 * database file and the URL (with its one-time token) to open.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDatabasePath, defaultKeyFolder, resolveDatabasePath } from '../host/desk';
import { createFileLogger } from '../log';
import { hostKeySource } from '../security/deskKey';
import { startHarness } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const usage = [
  'Usage: npm run web -- [--db <file>] [--port <n>] [--key-file <file>]',
  '',
  'Serves kynect Desk in a browser on this machine only (127.0.0.1), behind a one-time token,',
  'with the same IPC contract and services as the Electron app.',
  '',
  "  --db <file>        the database (default: $KYNECT_DESK_DB, else the app's own file)",
  '  --port <n>         the port to listen on (default: any free port)',
  "  --key-file <file>  the desk key that seals SSNs (default: $KYNECT_DESK_KEY, $KYNECT_DESK_KEY_FILE, else the app's key file)",
  '  --help             this text',
  '',
].join('\n');

let values: { db?: string; port?: string; 'key-file'?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, 'key-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }));
} catch (error) {
  // A mistyped flag is the user's slip, not a crash: say which, then how to call it.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const port = values.port ? Number(values.port) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('--port must be a whole number from 0 to 65535.\n');
  process.exit(2);
}

const dbPath = resolveDatabasePath(values.db);
// The log sits beside the database, as the app's sits in its user-data folder.
const log = createFileLogger({ dir: path.join(path.dirname(dbPath), 'logs'), base: { host: 'web' } });
try {
  const harness = await startHarness({
    dbPath,
    log,
    staticDir: path.join(root, 'dist', 'renderer'),
    port,
    deskKey: hostKeySource({ keyFile: values['key-file'], env: process.env, keyFolder: defaultKeyFolder(), legacyFolder: path.dirname(defaultDatabasePath()) }),
  });
  process.stdout.write(
    [
      'kynect Desk — browser harness (this machine only)',
      `  database: ${harness.dbPath}`,
      `  log:      ${log.dir}`,
      `  open:     ${harness.url}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void harness
      .close()
      .then(() => log.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`kynect Desk harness could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  log.error('harness could not start', { error });
  await log.close();
  process.exit(1);
}
