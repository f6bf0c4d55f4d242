/**
 * A throw-away PostgreSQL cluster on this machine, for tests, benchmarks and
 * `npm run central:dev`: initdb into a fresh folder, listening on 127.0.0.1 (and a
 * Unix socket in that folder) on a free port, a superuser with a random password.
 * Never a server elsewhere, never a mock.
 *
 * initdb and postgres refuse to run as root. Run as root (as CI does), the cluster
 * belongs to an unprivileged system user (`postgres`, which Debian's package
 * creates, else `nobody`) and every server command runs through `runuser`; run as
 * anyone else, they run as that user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgCluster {
  readonly dir: string;
  readonly port: number;
  readonly host: string;
  readonly superuser: string;
  readonly password: string;
  /** postgres://superuser:password@127.0.0.1:port/<database> */
  url(database?: string, user?: string, password?: string): string;
  /** Stops the server (fast: rolls back open transactions; immediate: as a crash would). */
  stop(mode?: 'fast' | 'immediate'): void;
  /** Starts it again on the same port and folder. */
  start(): void;
  running(): boolean;
  /** Stops the server and removes the folder. */
  destroy(): void;
  /** Runs psql as the superuser (for tests that need what no app role may do). */
  psql(sql: string, database?: string): string;
}

/** The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<major>/bin), or PG_BIN. */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN) return env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const majors = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((d) => /^\d+$/.test(d))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const m of majors) {
    const bin = path.join(base, m, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  throw new Error('PostgreSQL is not installed: no /usr/lib/postgresql/<version>/bin/initdb. Install it with `apt-get install -y postgresql` (or set PG_BIN).');
}

/** Who runs the server: this user, or an unprivileged one when this is root. */
export function serverUser(): string | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    if (spawnSync('id', ['-u', name]).status === 0) return name;
  }
  throw new Error('Running as root, and there is no unprivileged user (postgres or nobody) to run PostgreSQL as.');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** Parent folder for the cluster (default: the OS temp folder). */
  parent?: string;
  port?: number;
  /** Extra postgresql.conf lines. */
  settings?: Record<string, string | number>;
}

/** initdb, start, and wait until it accepts connections. */
export async function startCluster(options: StartOptions = {}): Promise<PgCluster> {
  const bin = findPgBin();
  const user = serverUser();
  const parent = options.parent ?? os.tmpdir();
  const dir = fs.mkdtempSync(path.join(parent, 'kynect-central-'));
  const data = path.join(dir, 'data');
  const superuser = 'kd_admin';
  const password = randomBytes(18).toString('base64url');
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) {
    // The server's user must own its folder; the folder stays private to it.
    execFileSync('chown', ['-R', user, dir]);
  }
  fs.chmodSync(dir, 0o700);
  const run = (file: string, args: string[], quiet = true) => {
    const cmd = user ? 'runuser' : path.join(bin, file);
    const argv = user ? ['-u', user, '--', path.join(bin, file), ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    if (r.status !== 0) throw new Error(`${file} failed (exit ${r.status}): ${(r.stderr || r.stdout || '').trim().slice(-2000)}`);
    return r.stdout;
  };
  run('initdb', ['-D', data, '-U', superuser, `--pwfile=${pwfile}`, '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8']);
  fs.rmSync(pwfile);
  const port = options.port ?? (await freePort());
  const conf = {
    listen_addresses: "'127.0.0.1'",
    port,
    unix_socket_directories: `'${dir}'`,
    max_connections: 200,
    shared_buffers: "'128MB'",
    // A throw-away cluster: flushing to the disk costs the tests time and proves nothing
    // (a stopped or killed server keeps what the OS has). Commits stay synchronous: a
    // push acknowledged and then lost by a server stopped mid-push would be a lost record.
    fsync: 'off',
    full_page_writes: 'off',
    log_min_messages: 'warning',
    ...options.settings,
  };
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    `\n# kynect Desk throw-away cluster\n${Object.entries(conf)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n')}\n`,
  );
  const log = path.join(dir, 'server.log');
  let up = false;
  const cluster: PgCluster = {
    dir,
    port,
    host: '127.0.0.1',
    superuser,
    password,
    url: (database = 'postgres', u = superuser, p = password) => `postgres://${encodeURIComponent(u)}:${encodeURIComponent(p)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    start() {
      run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', 'start']);
      up = true;
    },
    stop(mode = 'fast') {
      if (!up) return;
      run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      up = false;
    },
    running: () => up,
    destroy() {
      try {
        cluster.stop('immediate');
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
    psql(sql, database = 'postgres') {
      const r = spawnSync(
        path.join(bin, 'psql'),
        ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', superuser, '-d', database, '-c', sql],
        {
          encoding: 'utf8',
          env: { ...process.env, PGPASSWORD: password },
        },
      );
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr.trim()}`);
      return r.stdout.trim();
    },
  };
  cluster.start();
  return cluster;
}
