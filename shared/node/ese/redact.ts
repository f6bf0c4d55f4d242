/**
 * A full SSN never leaves the desk by email (BRIEF standards). The intake has no
 * SSN field and the form refuses SSN shapes in free text, but old drafts, a
 * paste, or a future field could still carry one, so everything that goes into
 * a message passes through here first.
 *
 * Dashed or spaced shapes (123-45-6789) are always an SSN. A bare 9-digit run
 * may be an SSN or a kynect case number (001 shows 9-digit case numbers), so
 * those are masked too unless they are exactly the intake's own case number.
 */
const SHAPED = /(?<!\d)(\d{3})[- ](\d{2})[- ](\d{4})(?!\d)/g;
const BARE = /(?<!\d)\d{9}(?!\d)/g;

export function maskSsns(text: string, keep: readonly string[] = []): string {
  return text
    .replace(SHAPED, (_m, _a, _b, last4: string) => `***-**-${last4}`)
    .replace(BARE, (m) => (keep.includes(m) ? m : `***-**-${m.slice(5)}`));
}
