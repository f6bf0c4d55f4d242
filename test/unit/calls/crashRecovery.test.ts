import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDesk } from '../../../shared/node/host/desk';
import { silentLogger } from '../../../shared/node/log';
import { callTimers } from '../../../shared/common/calls/timers';
import { repoRoot } from '../../helpers/cli';
import { makeTempDir, removeTempDir } from '../../helpers/temp';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

/** Starts the child, waits for its "ready" line, returns it and the process. */
function runChildUntilReady(dbPath: string): Promise<{ child: ReturnType<typeof spawn>; ready: { callId: string; at: string } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/helpers/callChild.ts'), dbPath], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"ready"'));
      if (line) resolve({ child, ready: JSON.parse(line) as { callId: string; at: string } });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${err}`)));
  });
}

describe('crash recovery', () => {
  it('after a real SIGKILL mid-call, a restart brings back the call, its notes, timers and timeline, with the recovery flagged', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const dbPath = path.join(dir, 'desk.sqlite3');
    const { child, ready } = await runChildUntilReady(dbPath);
    child.removeAllListeners('exit');
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    expect(child.kill('SIGKILL')).toBe(true);
    const signal = await exited;
    expect(signal).toBe('SIGKILL');

    // The app starts again on the same file (integrity check on, as the app does).
    const desk = openDesk({ dbPath, host: 'web', log: silentLogger, env: {}, backups: false });
    try {
      const pushed: unknown[] = [];
      desk.events.subscribe((name, payload) => name === 'app:call.changed' && pushed.push(payload));
      desk.start();
      const { call, serverNow } = desk.services.calls.current();
      expect(call).not.toBeNull();
      expect(call!.id).toBe(ready.callId);
      expect(call).toMatchObject({ state: 'on_hold', callerType: 'agent', clientOnLine: true, callerName: 'Pat Agent', caseNumber: '13002543' });
      expect(call!.notes).toBe('Client on the line, confirmed the Agent.\nMid-sentence when the app was kil');
      expect(call!.recoveredAt).not.toBeNull();
      expect(call!.timeline.map((e) => e.kind)).toEqual(['call.started', 'call.client_joined', 'match.search', 'call.held', 'call.recovered']);
      expect(call!.timeline.find((e) => e.kind === 'match.search')).toMatchObject({ summary: 'Member match: Partial (name differs)', refId: 'match-1' });
      // Timers come from the stored times: the hold that began before the kill is still running now.
      const t = callTimers(call!.events, new Date(serverNow));
      expect(t.currentHoldMs).not.toBeNull();
      expect(t.currentHoldMs!).toBeGreaterThanOrEqual(new Date(serverNow).getTime() - new Date(ready.at).getTime());
      expect(t.holdCount).toBe(1);
      // Windows are told; the audit chain written by the killed process is whole.
      expect(pushed.length).toBe(1);
      expect(desk.audit.verify()).toMatchObject({ ok: true });
      expect(desk.db.prepare("SELECT action FROM audit_log WHERE action = 'call.recovered'").pluck().all()).toEqual(['call.recovered']);
      // The call goes on.
      const resumed = desk.services.calls.command(call!.id, { type: 'resume' });
      expect(resumed.call!.state).toBe('active');
    } finally {
      desk.close();
    }
  });
});
