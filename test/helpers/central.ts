import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startCluster, type PgCluster } from '../../shared/node/central/pgCluster';
import { addLogin, migrateCentral, type CentralRole } from '../../shared/node/central/schema';

/**
 * A real PostgreSQL for a test file: one throw-away cluster (initdb in a temp folder,
 * 127.0.0.1 only, a free port), and a fresh migrated database per `store()`.
 */
export interface TestCentral {
  cluster: PgCluster;
  /** A new database, migrated, with a desk login and a supervisor login. */
  store(): Promise<TestStore>;
  stop(): void;
}

export interface TestStore {
  database: string;
  adminUrl: string;
  /** Connection string for a new desk login (each desk its own). */
  deskLogin(name?: string): Promise<{ login: string; password: string; url: string }>;
  supervisorUrl: string;
  admin(): Promise<pg.Client>;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
}

let counter = 0;

export async function startTestCentral(): Promise<TestCentral> {
  const cluster = await startCluster();
  const connect = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  return {
    cluster,
    stop: () => cluster.destroy(),
    async store() {
      const database = `kd_test_${process.pid}_${++counter}`;
      const root = await connect(cluster.url('postgres'));
      await root.query(`CREATE DATABASE ${database}`);
      await root.end();
      const adminUrl = cluster.url(database);
      const admin = await connect(adminUrl);
      await migrateCentral(admin);
      await admin.end();
      // A connection of its own each time: tests stop and start the server under held ones.
      const login = async (role: CentralRole, name?: string) => {
        const l = name ?? `${role}_${database}_${++counter}`.slice(0, 63);
        const password = randomBytes(16).toString('base64url');
        const c = await connect(adminUrl);
        try {
          await addLogin(c, l, role, password);
        } finally {
          await c.end();
        }
        return { login: l, password, url: cluster.url(database, l, password) };
      };
      const supervisor = await login('supervisor');
      return {
        database,
        adminUrl,
        supervisorUrl: supervisor.url,
        deskLogin: (name) => login('desk', name),
        admin: () => connect(adminUrl),
        async query(sql, params) {
          const c = await connect(adminUrl);
          try {
            return (await c.query(sql, params)).rows;
          } finally {
            await c.end();
          }
        },
      };
    },
  };
}

export async function connectUrl(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}
