import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './cli';

/** Starts test/helpers/holdDesk.ts on a file and waits for its first line. */
export function holdDesk(dbPath: string): Promise<{ child: ChildProcess; line: { ready: boolean; pid?: number; callId?: string; error?: string } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/helpers/holdDesk.ts'), dbPath], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, line: JSON.parse(out.slice(0, nl)) });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => !out.includes('\n') && reject(new Error(`holdDesk exited (${code}): ${err}`)));
  });
}

export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGKILL');
  await gone;
}
