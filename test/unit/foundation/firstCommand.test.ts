import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/cli';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

function checkElectron(distDir: string) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'build/check-electron.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distDir },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The name Electron's own launcher looks for inside its dist folder. */
function electronExecutableName(): string {
  const pathFile = path.join(repoRoot, 'node_modules/electron/path.txt');
  return fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
}

describe("a newcomer's first command (issue 15.7, 12.8)", () => {
  it("`npm start` without Electron's binary says so in one line and offers the browser harness, with no stack trace", () => {
    const empty = makeTempDir();
    dirs.push(empty);
    const r = checkElectron(empty);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("Electron's binary is not installed");
    expect(lines[0]).toContain('npm run web');
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });

  it('lets `npm start` go on when the binary is there', () => {
    const dist = makeTempDir();
    dirs.push(dist);
    const file = path.join(dist, electronExecutableName());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    const r = checkElectron(dist);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('`npm start` and `npm run dist` run the check before anything else', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.start!.startsWith('node build/check-electron.mjs && ')).toBe(true);
    expect(scripts.dist!.startsWith('node build/check-electron.mjs && ')).toBe(true);
  });

  const web = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'shared/node/web/main.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });

  it('`npm run web -- --help` prints its usage, not a stack trace', () => {
    const r = web(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run web -- /);
    for (const flag of ['--db', '--port', '--key-file', '--help']) expect(r.stdout).toContain(flag);
    expect(r.stderr).toBe('');
  });

  it('a mistyped flag names itself and shows the usage, exit 2', () => {
    const r = web(['--dbb', 'x.sqlite3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'--dbb'");
    expect(r.stderr).toContain('Usage: npm run web -- ');
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });
});
