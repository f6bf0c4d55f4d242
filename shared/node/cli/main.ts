/**
 * kynect Desk headless: `npm run --silent cli -- <command> [--db <path>] [--json]`.
 * The same services as the app, on the same database file.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock, ManualClock } from '../../common/clock';
import { DeskError } from '../../common/errors';
import { defaultDatabasePath, defaultKeyFolder, openDesk, openReadOnlyDesk, resolveDatabasePath, type Desk, type ReadOnlyDesk } from '../host/desk';
import { DatabaseInUseError } from '../db/deskLock';
import { hostKeySource } from '../security/deskKey';
import { createLogger } from '../log';
import { UsageError, type CliCommand, type CliOptions } from './command';
import { commands } from './commands';

const globalOptions: CliOptions = {
  db: { type: 'string' },
  'key-file': { type: 'string' },
  json: { type: 'boolean', default: false },
  now: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
};

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  let best: CliCommand | undefined;
  for (const c of commands) {
    if (c.words.every((w, i) => words[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  }
  if (!best) return undefined;
  // Drop the command's words (first occurrences, in order) and keep everything else.
  const rest = [...argv];
  for (const w of best.words) rest.splice(rest.indexOf(w), 1);
  return { command: best, rest };
}

function helpText(): string {
  const lines = commands.map((c) => `  ${[...c.words, c.usage].filter(Boolean).join(' ').padEnd(64)} ${c.summary}`);
  return [
    'kynect Desk CLI',
    '',
    'Usage: npm run --silent cli -- <command> [options] [--db <path>] [--json]',
    '',
    'Commands:',
    ...lines,
    '',
    "The database is --db <path>, else $KYNECT_DESK_DB, else the app's own file.",
    'SSNs in the member cache are sealed with the desk key: --key-file <path>, else $KYNECT_DESK_KEY',
    "(base64 of 32 bytes), else $KYNECT_DESK_KEY_FILE, else desk.key in the app's folder (made on first use).",
  ].join('\n');
}

export async function runCli(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; env: NodeJS.ProcessEnv }): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
      io.stdout(helpText() + '\n');
      return argv.length === 0 ? 2 : 0;
    }
    io.stderr(`Unknown command: ${argv.filter((a) => !a.startsWith('-')).join(' ') || argv.join(' ')}\n\n${helpText()}\n`);
    return 2;
  }
  const { command, rest } = found;
  let desk: Desk | undefined;
  let reader: ReadOnlyDesk | undefined;
  let json = rest.includes('--json');
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    json = values.json === true;
    if (values.help) {
      io.stdout(`Usage: ${[...command.words, command.usage].filter(Boolean).join(' ')}\n${command.summary}\n${command.details ? `\n${command.details}\n` : ''}`);
      return 0;
    }
    let clock = systemClock;
    if (typeof values.now === 'string') {
      const t = new Date(values.now);
      if (Number.isNaN(t.getTime())) throw new UsageError(`--now must be a date or time, such as 2026-11-22 or 2026-11-22T15:00:00Z.`);
      clock = new ManualClock(t);
    }
    const dbPath = resolveDatabasePath(typeof values.db === 'string' ? values.db : undefined, io.env);
    const keyFile = typeof values['key-file'] === 'string' ? values['key-file'] : undefined;
    const deskKey = hostKeySource({ keyFile, env: io.env, keyFolder: defaultKeyFolder(io.env), legacyFolder: path.dirname(defaultDatabasePath(io.env)) });
    const value = await command.run({
      values,
      positionals,
      json,
      dbPath,
      env: io.env,
      clock,
      desk: () =>
        (desk ??= openDesk({
          dbPath,
          host: 'cli',
          clock,
          env: io.env,
          log: createLogger({ level: 'warn' }),
          deskKey,
        })),
      readDesk: () => {
        if (desk) return desk;
        if (reader) return reader;
        try {
          return (desk = openDesk({ dbPath, host: 'cli', clock, env: io.env, log: createLogger({ level: 'warn' }), deskKey }));
        } catch (error) {
          if (!(error instanceof DatabaseInUseError)) throw error;
          return (reader = openReadOnlyDesk({ dbPath, clock, env: io.env, deskKey }));
        }
      },
      write: (line) => io.stdout(line + '\n'),
    });
    if (value !== undefined) {
      const text = json || !command.text ? JSON.stringify(value, null, json ? 2 : 2) : (command.text as (v: unknown) => string)(value);
      io.stdout(text + '\n');
    }
    return command.exitCode ? (command.exitCode as (v: unknown) => number)(value) : 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const message = error instanceof Error ? error.message : String(error);
    if (json) {
      const shape = error instanceof DeskError ? error.toShape() : { code: usage ? 'usage' : 'error', message };
      io.stderr(JSON.stringify({ error: shape }) + '\n');
    } else {
      io.stderr(`kynect-desk ${command.words.join(' ')}: ${message}\n`);
      if (error instanceof DeskError && error.fieldErrors) {
        for (const [field, msg] of Object.entries(error.fieldErrors)) io.stderr(`  ${field}: ${msg}\n`);
      }
      if (usage) io.stderr(`Usage: ${[...command.words, command.usage].filter(Boolean).join(' ')}\n`);
    }
    return usage ? 2 : 1;
  } finally {
    desk?.close();
    reader?.close();
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli/main.ts');
if (isMain) {
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`kynect-desk: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
