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
  it('a members import from the bundled desk thread is written by stagingWorker.cjs beside it (issue 15.1)', async () => {
    const sub = path.join(dir, 'staged');
    fs.mkdirSync(sub);
    const entry = path.join(sub, 'staged-entry.ts');
    const csv =
      'member_id,case_number,application_number,first_name,middle_name,last_name,suffix,date_of_birth,sex,ssn,head_of_household,case_status,application_submitted_on\nM000000001,100000000,,Julio,,Winland,,1988-08-23,M,100012345,true,Active,\n';
    fs.writeFileSync(
      entry,
      [
        `import { startDeskThread } from ${JSON.stringify(path.join(repoRoot, 'shared/node/host/deskThread'))};`,
        `import { fixedKeySource } from ${JSON.stringify(path.join(repoRoot, 'shared/node/security/deskKey'))};`,
        `import { SsnVault } from ${JSON.stringify(path.join(repoRoot, 'shared/node/security/ssnVault'))};`,
        `const ctx = { via: 'electron' } as const;`,
        `startDeskThread({ dbPath: ${JSON.stringify(path.join(sub, 'desk.sqlite3'))}, host: 'electron', env: {}, deskKey: fixedKeySource(SsnVault.generateKey()) })`,
        `  .then(async (t) => {`,
        `    const b = (await t.dispatch('app:match.importBegin', { kind: 'members', skipInvalid: false }, ctx)) as { value: { importId: string } };`,
        `    await t.dispatch('app:match.importChunk', { importId: b.value.importId, text: ${JSON.stringify(csv)} }, ctx);`,
        `    const r = await t.dispatch('app:match.importCommit', { importId: b.value.importId }, ctx);`,
        `    const staged = t.desk.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'match_member_member_id_staged'").pluck().get();`,
        `    await t.close();`,
        `    process.stdout.write(JSON.stringify({ r, staged }));`,
        `  });`,
      ].join('\n'),
    );
    const options = { ...common, ...importMetaUrl, sourcemap: false, logLevel: 'error' };
    await build({ ...options, entryPoints: [entry], outfile: path.join(sub, 'main.cjs') });
    await build({ ...options, entryPoints: [path.join(repoRoot, 'shared/node/host/deskWorker.ts')], outfile: path.join(sub, 'deskWorker.cjs') });
    await build({ ...options, entryPoints: [path.join(repoRoot, 'shared/node/match/stagingWorker.ts')], outfile: path.join(sub, 'stagingWorker.cjs') });
    const r = spawnSync(process.execPath, [path.join(sub, 'main.cjs')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    // The index under its staged name says the staging thread wrote it, not the one-transaction path.
    expect(JSON.parse(r.stdout)).toMatchObject({ r: { ok: true, value: { committed: true, inserted: 1 } }, staged: 1 });
  });
});
