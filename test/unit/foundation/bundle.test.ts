import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the build, without type declarations
import { common, importMetaUrl } from '../../../build/esbuild-options.mjs';
import { repoRoot } from '../../helpers/cli';
import { pdfText } from '../ese/support/mime';

// Inside the repository, so the bundle finds node_modules the way Electron's main.cjs does.
fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
const dir = fs.mkdtempSync(path.join(repoRoot, 'test-results', 'bundle-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("Electron main's CommonJS bundle, run under Node", () => {
  it('the ESE PDF finds its embedded font and prints a name exactly, as under tsx', async () => {
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(
      entry,
      [
        `import { renderIntakePdf } from ${JSON.stringify(path.join(repoRoot, 'shared/node/ese/pdf'))};`,
        `import { submitted } from ${JSON.stringify(path.join(repoRoot, 'test/unit/ese/support/submitted'))};`,
        `renderIntakePdf(submitted({ firstName: 'Nguyễn', lastName: 'Peña' })).then((b) => process.stdout.write(b.toString('base64')));`,
      ].join('\n'),
    );
    const outfile = path.join(dir, 'main.cjs');
    await build({ ...common, ...importMetaUrl, sourcemap: false, logLevel: 'error', entryPoints: [entry], outfile });
    const r = spawnSync(process.execPath, [outfile], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = pdfText(Buffer.from(r.stdout, 'base64')).replace(/\s+/g, ' ');
    expect(text).toContain('Name: Nguyễn Peña');
  });

  it("the log's transport thread starts from the packaged node_modules and writes its file", async () => {
    const entry = path.join(dir, 'log-entry.ts');
    const logDir = path.join(dir, 'logs');
    fs.writeFileSync(
      entry,
      [
        `import { createFileLogger } from ${JSON.stringify(path.join(repoRoot, 'shared/node/log'))};`,
        `const log = createFileLogger({ dir: ${JSON.stringify(logDir)}, base: { host: 'electron' } });`,
        `log.info('desk opened', { schemaVersion: 7 });`,
        `log.close().then(() => process.stdout.write('closed'));`,
      ].join('\n'),
    );
    const outfile = path.join(dir, 'log-main.cjs');
    await build({ ...common, ...importMetaUrl, sourcemap: false, logLevel: 'error', entryPoints: [entry], outfile });
    const r = spawnSync(process.execPath, [outfile], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('closed');
    const line = JSON.parse(fs.readFileSync(path.join(logDir, 'desk.1.log'), 'utf8').trim());
    expect(line).toMatchObject({ level: 'info', msg: 'desk opened', host: 'electron', schemaVersion: 7 });
  });

  it('starts the desk thread from deskWorker.cjs beside the bundle and answers the contract', async () => {
    const sub = path.join(dir, 'thread');
    fs.mkdirSync(sub);
    const entry = path.join(sub, 'thread-entry.ts');
    fs.writeFileSync(
      entry,
      [
        `import { startDeskThread } from ${JSON.stringify(path.join(repoRoot, 'shared/node/host/deskThread'))};`,
        `startDeskThread({ dbPath: ${JSON.stringify(path.join(sub, 'desk.sqlite3'))}, host: 'electron', env: {} })`,
        `  .then(async (t) => { const r = await t.dispatch('app:status.get', {}, { via: 'electron' }); await t.close(); process.stdout.write(JSON.stringify(r)); });`,
      ].join('\n'),
    );
    await build({ ...common, ...importMetaUrl, sourcemap: false, logLevel: 'error', entryPoints: [entry], outfile: path.join(sub, 'main.cjs') });
    await build({
      ...common,
      ...importMetaUrl,
      sourcemap: false,
      logLevel: 'error',
      entryPoints: [path.join(repoRoot, 'shared/node/host/deskWorker.ts')],
      outfile: path.join(sub, 'deskWorker.cjs'),
    });
    const r = spawnSync(process.execPath, [path.join(sub, 'main.cjs')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, value: { host: 'electron', database: { state: 'ready' } } });
  });
});
