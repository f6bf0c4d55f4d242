/**
 * Unit tests (and the CLI and harness processes they start, which inherit the
 * environment) never touch the real user's folders: the default key folder and
 * the audit heads live under a home of their own for the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const home = path.join(os.tmpdir(), `kynect-desk-test-home-${process.pid}`);
fs.mkdirSync(home, { recursive: true, mode: 0o700 });
process.env.HOME = home;
delete process.env.XDG_CONFIG_HOME;
