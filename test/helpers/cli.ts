import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { testKeyEnv } from './deskKey';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runs the real CLI in a child process, as `npm run --silent cli -- …` does. */
export function runCliProcess(args: string[], env: NodeJS.ProcessEnv = {}, input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'shared/node/cli/main.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, KYNECT_DESK_DB: '', ...testKeyEnv, ...env },
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
