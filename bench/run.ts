/**
 * `npm run bench [name…]`: runs every bench/*.bench.ts (or those named), one
 * at a time in its own process so one benchmark's memory does not skew the
 * next. Each writes its JSON to bench/results/<name>.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace('.bench.ts', '')))
  .sort();
if (files.length === 0) {
  process.stderr.write(`No benchmark matches ${wanted.join(', ')}.\n`);
  process.exit(2);
}
let failed = 0;
for (const f of files) {
  process.stdout.write(`== ${f}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
