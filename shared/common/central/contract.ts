import { z } from 'zod';
import { channel, event } from '../ipc/define';

/**
 * Where this desk stands with the contact center's central store (issue 17 §6):
 * stand-alone (none configured: the desk works as it always did), synced, some
 * records waiting, offline since a time, or refused with the server's reason.
 */
export const CentralState = z.enum(['standalone', 'synced', 'waiting', 'offline', 'refused']);
export type CentralState = z.infer<typeof CentralState>;

export const CentralStatus = z.object({
  state: CentralState,
  /** Records written here and not yet in the central store. */
  waiting: z.number().int().nonnegative(),
  /** When the server was last lost (state offline). */
  offlineSince: z.string().nullable(),
  /** Why the server refused, or why it cannot be reached; said in words. */
  why: z.string().nullable(),
  lastPushAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  /** Who and where, without the password (e.g. desk017@central.kynect.example:5432/kynect). */
  server: z.string().nullable(),
});
export type CentralStatus = z.infer<typeof CentralStatus>;

export const CentralSettingsView = z.object({
  connection: z
    .object({
      host: z.string(),
      port: z.number().int(),
      database: z.string(),
      user: z.string(),
      sslMode: z.enum(['verify-full', 'disable']),
      caFile: z.string().optional(),
      deskName: z.string().optional(),
    })
    .nullable(),
  /** Set by the environment (KYNECT_CENTRAL_URL) for the CLI and the harness: the form is then read-only. */
  fromEnvironment: z.boolean(),
  password: z.object({ source: z.string(), present: z.boolean(), writable: z.boolean() }),
  centerKey: z.object({ source: z.string(), present: z.boolean(), writable: z.boolean() }),
});
export type CentralSettingsView = z.infer<typeof CentralSettingsView>;

const Empty = z.object({}).strict();

export const centralChannels = {
  'app:central.status': channel({ summary: 'Where this desk stands with the central store (synced, waiting, offline, refused).', request: Empty, response: CentralStatus }),
  'app:central.settings.get': channel({ summary: 'The central store connection (no password, no key).', request: Empty, response: CentralSettingsView }),
  'app:central.settings.save': channel({
    summary: 'Connect this desk to a central store, or (connection null) keep it stand-alone; the password and key only where the host can keep them safely.',
    request: z
      .object({
        connection: z.unknown(),
        password: z.string().max(200).optional(),
        centerKey: z.string().max(100).optional(),
      })
      .strict(),
    response: CentralSettingsView,
  }),
};

export const centralEvents = {
  'app:central.changed': event({ summary: 'The desk moved with the central store (synced, waiting count, offline, refused).', payload: CentralStatus }),
};
