import net from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface TestSmtpOptions {
  port?: number;
  /** Answer every message with this error (e.g. 550) instead of 250. */
  reject?: { code: number; message: string };
  /** Require AUTH with this user and password. */
  auth?: { user: string; pass: string };
  /** Called when a whole message has arrived, before the server answers; return false to never answer. */
  onMessage?: (m: Received) => boolean | void;
}

/** A real SMTP server on 127.0.0.1 (smtp-server), recording what it receives. */
export async function startSmtp(options: TestSmtpOptions = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const m: Received = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        };
        received.push(m);
        if (options.onMessage?.(m) === false) return; // hold the answer: the client never hears 250
        if (options.reject) return cb(Object.assign(new Error(options.reject.message), { responseCode: options.reject.code }));
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (yet): taken from the OS, then released. */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * Runs the real CLI like `npm run --silent cli -- …`, but without blocking this
 * process (spawnSync would freeze the in-process SMTP server it talks to).
 */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { spawn } = await import('node:child_process');
  const { repoRoot } = await import('../../../helpers/cli');
  const path = await import('node:path');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'shared/node/cli/main.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, KYNECT_DESK_DB: '', KYNECT_DESK_SMTP_PASSWORD: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
