import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUser, startCluster, type PgCluster } from '../../../shared/node/central/pgCluster';
import { repoRoot } from '../../helpers/cli';

/**
 * The throw-away cluster the tests, the benchmarks and `npm run central:dev` use:
 * this machine only, and never run as root (initdb and postgres refuse it).
 */
const root = process.getuid?.() === 0;
let cluster: PgCluster;

beforeAll(async () => {
  cluster = await startCluster();
}, 180_000);
afterAll(() => cluster?.destroy());

describe('throw-away PostgreSQL cluster', () => {
  it('listens on 127.0.0.1 and a socket in its own folder only, and runs as an unprivileged user', () => {
    expect(cluster.psql('SHOW listen_addresses')).toBe('127.0.0.1');
    expect(cluster.psql('SHOW unix_socket_directories')).toBe(cluster.dir);
    const owner = fs.statSync(path.join(cluster.dir, 'data')).uid;
    if (root) {
      expect(serverUser()).not.toBeNull();
      expect(owner).not.toBe(0);
    } else {
      expect(owner).toBe(process.getuid!());
    }
    // Password authentication even on loopback: a wrong password is refused.
    const r = spawnSync('psql', ['-X', '-h', '127.0.0.1', '-p', String(cluster.port), '-U', cluster.superuser, '-c', 'SELECT 1'], {
      env: { ...process.env, PGPASSWORD: 'wrong' },
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/password authentication failed/);
  });

  it('stops (as a crash would) and starts again on the same port with its data', () => {
    cluster.psql('CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');
    cluster.stop('immediate');
    expect(cluster.running()).toBe(false);
    cluster.start();
    expect(cluster.psql('SELECT n FROM kept')).toBe('7');
  });

  it('works for an ordinary user too (npm run central:dev --check run as one)', (ctx) => {
    if (!root) {
      // This process is an ordinary user: the cluster above already ran that way; becoming root to try the other path is not possible.
      console.log('skipped: not root, so the runuser path cannot be tried here; the cluster above ran as this ordinary user');
      ctx.skip();
    }
    const user = serverUser()!;
    const r = spawnSync('runuser', ['-u', user, '--', 'env', 'HOME=/tmp', process.execPath, '--import', 'tsx', path.join(repoRoot, 'shared/node/central/devMain.ts'), '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('central:dev check: started, migrated, stopped.');
    expect(r.status).toBe(0);
  });
});
