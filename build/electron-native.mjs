// Builds better-sqlite3 for Electron's ABI into build/native/electron/, next to
// (not instead of) the Node-ABI build in node_modules that tests, the CLI and the
// harness load. Electron main passes this file as better-sqlite3's
// `nativeBinding`, so nobody rebuilds back and forth by hand. Skips the work
// when the stamp says this Electron and better-sqlite3 pair is already built.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = require('electron/package.json').version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const outDir = path.join(root, 'build', 'native', 'electron');
const out = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');
const stamp = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });

if (fs.existsSync(out) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}: up to date`);
  process.exit(0);
}

const work = path.join(root, 'build', 'native', '.work');
fs.rmSync(work, { recursive: true, force: true });
const target = path.join(work, 'node_modules', 'better-sqlite3');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.cpSync(sqliteDir, target, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`) });
fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'electron-native-work', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));

console.log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (needs Electron's headers from the network once)…`);
try {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: work, electronVersion, force: true, onlyModules: ['better-sqlite3'], arch: process.arch });
} catch (error) {
  console.error(`Could not build better-sqlite3 for Electron: ${error instanceof Error ? error.message : error}`);
  console.error('The tests, the CLI and `npm run web` do not need this build; only the Electron window does.');
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(path.join(target, 'build', 'Release', 'better_sqlite3.node'), out);
fs.writeFileSync(stampFile, stamp);
fs.rmSync(work, { recursive: true, force: true });
console.log(`wrote ${path.relative(root, out)}`);
