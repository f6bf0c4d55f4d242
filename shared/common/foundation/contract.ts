import { z } from 'zod';
import { channel, event } from '../ipc/define';
import { Operator, OperatorInput } from './operator';

export const DatabaseInfo = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  journalMode: z.string(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative() })),
});
export type DatabaseInfo = z.infer<typeof DatabaseInfo>;

export const AppStatus = z.object({
  appVersion: z.string(),
  host: z.enum(['electron', 'web', 'cli']),
  database: z.object({
    state: z.enum(['ready', 'error']),
    path: z.string(),
    schemaVersion: z.number().int(),
    message: z.string().optional(),
  }),
  operator: Operator.nullable(),
});
export type AppStatus = z.infer<typeof AppStatus>;

const Empty = z.object({}).strict();

export const foundationChannels = {
  'app:status.get': channel({
    summary: 'The status bar: app version, database state, signed-in operator.',
    request: Empty,
    response: AppStatus,
  }),
  'app:db.info': channel({
    summary: 'Database path, schema version and row counts per table.',
    request: Empty,
    response: DatabaseInfo,
  }),
  'app:operator.get': channel({
    summary: 'The operator profile of this machine, or null before first start.',
    request: Empty,
    response: Operator.nullable(),
  }),
  'app:operator.save': channel({
    summary: 'Create or change the local operator profile (name and role).',
    request: OperatorInput.strict(),
    response: Operator,
  }),
};

export const foundationEvents = {
  'app:status.changed': event({
    summary: 'The status bar changed (operator signed in, database state).',
    payload: AppStatus,
  }),
};
