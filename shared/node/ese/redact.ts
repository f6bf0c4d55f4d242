/**
 * A full SSN never leaves the desk by email (BRIEF standards). The intake has no
 * SSN field and the form refuses SSNs in free text, but old drafts, a paste, or a
 * future field could still carry one, so everything that goes into a message
 * (subject, body, PDF, .eml) passes through the app's one detector first
 * (shared/common/privacy/ssnText.ts), keeping the intake's own case number.
 */
import { maskSsnsInText } from '../../common/privacy/ssnText';
import { escapeUnsafeChars } from '../../common/privacy/unsafeText';

export function maskSsns(text: string, keep: readonly string[] = []): string {
  return escapeUnsafeChars(maskSsnsInText(text, { keep }));
}
