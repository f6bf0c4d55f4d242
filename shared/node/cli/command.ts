import type { ParseArgsConfig } from 'node:util';
import type { Clock } from '../../common/clock';
import type { Desk, ReadOnlyDesk } from '../host/desk';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliContext {
  values: CliValues;
  positionals: string[];
  json: boolean;
  dbPath: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Opens the desk on the chosen database (once; closed when the command ends). It holds the database alone. */
  desk(): Desk;
  /**
   * For commands that only read: the desk when the database is free, else the file
   * opened read-only beside the desk that holds it (issue 14 §8).
   */
  readDesk(): Desk | ReadOnlyDesk;
  /** For commands that stream (one JSON line per result). */
  write(line: string): void;
}

export interface CliCommand {
  /** The words that name it: ['db', 'info']. */
  words: string[];
  summary: string;
  /** Arguments after the words, for `help`. */
  usage: string;
  /** More than the summary, printed by `<command> --help` (e.g. the columns of a CSV). */
  details?: string;
  options?: CliOptions;
  /** Returns what to print (or a promise of it): as JSON with --json, else through `text`. Return undefined when it printed itself. */
  run(ctx: CliContext): unknown;
  text?(value: never): string;
  /** Exit code for a value (e.g. 1 when `audit verify` finds a broken chain). */
  exitCode?(value: never): number;
}

/** Thrown for wrong words or flags: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function requireString(values: CliValues, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required.`);
  return v;
}
