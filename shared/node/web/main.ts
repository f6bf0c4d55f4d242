/**
 * `npm run web`: the app in a browser, on this machine only. Prints the
 * database file and the URL (with its one-time token) to open.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDatabasePath, defaultKeyFolder, resolveDatabasePath } from '../host/desk';
import { hostKeySource } from '../security/deskKey';
import { startHarness } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values } = parseArgs({
  options: { db: { type: 'string' }, port: { type: 'string' }, 'key-file': { type: 'string' } },
  strict: true,
});
const port = values.port ? Number(values.port) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('--port must be a whole number from 0 to 65535.\n');
  process.exit(2);
}

try {
  const harness = await startHarness({
    dbPath: resolveDatabasePath(values.db),
    staticDir: path.join(root, 'dist', 'renderer'),
    port,
    deskKey: hostKeySource({ keyFile: values['key-file'], env: process.env, keyFolder: defaultKeyFolder(), legacyFolder: path.dirname(defaultDatabasePath()) }),
  });
  process.stdout.write(
    [
      'kynect Desk — browser harness (this machine only)',
      `  database: ${harness.desk.dbPath}`,
      `  open:     ${harness.url}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void harness.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`kynect Desk harness could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
