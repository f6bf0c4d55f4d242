import { z } from 'zod';
import { channel } from '../ipc/define';
import { locales, scriptIds } from './scripts';

/** Consent scripts as data (issue 11 §5): every version the desk can read, and a supervisor loading a new one. */
export const ScriptVersionSummary = z.object({
  id: z.enum(scriptIds),
  version: z.number().int(),
  locale: z.enum(locales),
  effectiveFrom: z.string(),
  title: z.string(),
  /** built-in: shipped with the app (the seed-backed default); loaded: by a supervisor. */
  origin: z.enum(['built-in', 'loaded']),
  /** The version read for a new consent today, per script and locale. */
  inForce: z.boolean(),
  sha256: z.string(),
  loadedAt: z.string().nullable(),
  source: z.string(),
});
export type ScriptVersionSummary = z.infer<typeof ScriptVersionSummary>;

export const consentChannels = {
  'app:consent.scripts.list': channel({
    summary: 'Every consent script version this desk can read (built-in and loaded), and which is in force today.',
    request: z.object({}).strict(),
    response: z.array(ScriptVersionSummary),
  }),
  'app:consent.scripts.load': channel({
    summary: 'A supervisor loads the official wording as a new script version, in every language the desk offers (never an edit of a version).',
    // Each script is checked by ConsentScriptSchema in main, so every error names its field (scripts.0.intro).
    request: z.object({ scripts: z.array(z.unknown()).min(1, 'Give at least one script.').max(10) }).strict(),
    response: z.array(ScriptVersionSummary),
  }),
};
