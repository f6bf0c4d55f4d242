/**
 * When to try an ESE message again after a temporary failure (server down, 4xx):
 * 30 s, 1 min, 2, 4, 8, 16, then every 30 min, so a short outage clears fast and
 * a long one does not hammer the server. After MAX_ATTEMPTS the message is
 * marked failed for a person to look at (resend or export it).
 */
export const MAX_ATTEMPTS = 10;
const FIRST_MS = 30_000;
const CAP_MS = 30 * 60_000;

export function retryDelayMs(attemptsSoFar: number): number {
  const n = Math.max(1, Math.floor(attemptsSoFar));
  return Math.min(CAP_MS, FIRST_MS * 2 ** (n - 1));
}
