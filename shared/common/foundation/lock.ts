import { z } from 'zod';

/**
 * The idle lock. Main owns it: the renderer reports activity and shows what
 * main says. A warning comes first (at least 20 seconds, WCAG 2.2.1); locked
 * means the window shows nothing about any resident until the PIN is given.
 */
export const LOCK_WARNING_SECONDS = 30;
export const DEFAULT_IDLE_MINUTES = 15;

export const LockState = z.object({
  state: z.enum(['unlocked', 'warning', 'locked']),
  idleMinutes: z.number().int(),
  warningSeconds: z.number().int(),
  /** When it locks if nothing happens (unlocked, warning). */
  locksAt: z.string().nullable(),
  lockedAt: z.string().nullable(),
  /** After too many wrong PINs, unlocking waits until then. */
  retryAfter: z.string().nullable(),
  /**
   * While locked: the operator's call that goes on behind the lock, its state and start only
   * (never who is on it), with main's clock, so the lock screen can say for how long.
   */
  call: z.object({ state: z.enum(['active', 'on_hold', 'wrap_up']), startedAt: z.string(), serverNow: z.string() }).nullable(),
});
export type LockState = z.infer<typeof LockState>;

export const IdleMinutes = z.number({ error: 'Give the idle time in minutes.' }).int('Give whole minutes.').min(1, 'At least 1 minute.').max(60, 'At most 60 minutes.');

export const Pin = z.string({ error: 'Enter your PIN.' }).regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');

export type LockPhase = LockState['state'];

/** Pure: where the lock stands given the last activity and now. */
export function lockPhase(input: { lockedAt: number | null; lastActivity: number; idleMs: number; warningMs: number; now: number }): LockPhase {
  if (input.lockedAt !== null) return 'locked';
  const idle = input.now - input.lastActivity;
  if (idle >= input.idleMs) return 'locked';
  if (idle >= input.idleMs - input.warningMs) return 'warning';
  return 'unlocked';
}
