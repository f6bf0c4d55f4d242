// Runs @doyensec/electronegativity over the Electron layer and the renderer's
// HTML, offline, and fails on any finding not reviewed and accepted in
// build/electronegativity-accepted.json. The tool itself always exits 0 and
// cannot see through spreads, so this wrapper reads its SARIF output instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = require('electron/package.json').version;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
const input = path.join(work, 'app');
fs.cpSync(path.join(root, 'electron'), input, { recursive: true, filter: (f) => !f.endsWith('tsconfig.json') });
fs.copyFileSync(path.join(root, 'renderer', 'index.html'), path.join(input, 'index.html'));
const sarif = path.join(work, 'result.sarif');

const bin = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const run = spawnSync(process.execPath, [bin, '-i', input, '-e', electronVersion, '-o', sarif, '-r', '-v', 'false'], { encoding: 'utf8', timeout: 300_000 });
if (!fs.existsSync(sarif)) {
  console.error('electronegativity produced no report:\n' + run.stdout + run.stderr);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(sarif, 'utf8'));
const accepted = JSON.parse(fs.readFileSync(path.join(root, 'build', 'electronegativity-accepted.json'), 'utf8')).accepted;
const findings = report.runs.flatMap((r) =>
  r.results.map((x) => {
    const loc = x.locations?.[0]?.physicalLocation;
    return { check: x.ruleId, file: path.basename(loc?.artifactLocation?.uri ?? ''), line: loc?.region?.startLine ?? 0, message: x.message?.text ?? '' };
  }),
);
const isAccepted = (f) => accepted.some((a) => a.check === f.check && (a.file === '*' || a.file === f.file));
const open = findings.filter((f) => !isAccepted(f));
fs.rmSync(work, { recursive: true, force: true });

console.log(`electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${findings.length - open.length} reviewed and accepted, ${open.length} open`);
for (const f of findings) console.log(`  ${isAccepted(f) ? 'accepted' : 'OPEN    '} ${f.check} ${f.file}:${f.line} ${f.message.slice(0, 110)}`);
if (open.length) {
  console.error('\nEvery finding must be fixed or accepted with a reason in build/electronegativity-accepted.json:');
  for (const f of open) console.error(`  ${f.check} ${f.file}:${f.line} ${f.message}`);
  process.exit(1);
}
