import { z } from 'zod';
import { channel, event } from '../ipc/define';
import { IdleMinutes, LockState, Pin } from './lock';
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
  'app:lock.get': channel({ summary: 'Where the idle lock stands.', request: Empty, response: LockState }),
  'app:lock.activity': channel({ summary: 'The operator is active in a window (keeps the lock away).', request: Empty, response: LockState }),
  'app:lock.now': channel({ summary: 'Lock the window now (the call goes on).', request: Empty, response: LockState }),
  'app:lock.unlock': channel({ summary: "Unlock with the operator's PIN.", request: z.object({ pin: Pin }).strict(), response: LockState }),
  'app:lock.configure': channel({ summary: 'Set the idle time before the window locks.', request: z.object({ idleMinutes: IdleMinutes }).strict(), response: LockState }),
  'app:diagnostics.get': channel({
    summary: 'Versions, database health, outbox and recent log lines as text for support (nothing about residents).',
    request: Empty,
    response: z.object({ text: z.string(), fileName: z.string() }),
  }),
};

export const foundationEvents = {
  'app:status.changed': event({
    summary: 'The status bar changed (operator signed in, database state).',
    payload: AppStatus,
  }),
  'app:lock.changed': event({ summary: 'The idle lock moved (unlocked, warning, locked).', payload: LockState }),
};
