import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock, type Clock } from '../../shared/common/clock';
import { openDesk, type Desk, type DeskOptions } from '../../shared/node/host/desk';
import { silentLogger } from '../../shared/node/log';
import { testKeyEnv } from './deskKey';

/** A fresh folder under the OS temp dir; tests remove it with `removeTempDir` (or leave it for a post-mortem). */
export function makeTempDir(prefix = 'kynect-desk-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A Desk on a real SQLite file in a temp folder, with a manual clock. */
export function openTestDesk(options: Partial<DeskOptions> & { clock?: Clock } = {}): { desk: Desk; dir: string; clock: ManualClock; close(): void } {
  const dir = makeTempDir();
  const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock('2026-11-22T15:00:00.000Z');
  const desk = openDesk({ dbPath: path.join(dir, 'desk.sqlite3'), host: 'cli', log: silentLogger, env: { ...testKeyEnv }, ...options, clock });
  return {
    desk,
    dir,
    clock,
    close() {
      desk.close();
      removeTempDir(dir);
    },
  };
}
