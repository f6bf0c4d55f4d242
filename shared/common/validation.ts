import { z } from 'zod';
import { DeskError } from './errors';
import { containsSsn, SSN_REFUSED_MESSAGE } from './privacy/ssnText';
import { hasUnsafeChars, unsafeCharsMessage } from './privacy/unsafeText';

/** "a.b.0.c" — the path a form uses to find its field. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => String(p)).join('.');
}

const acronyms: Record<string, string> = { ssn: 'SSN', npn: 'NPN', smtp: 'SMTP', url: 'URL', ese: 'ESE', id: 'ID', sep: 'SEP', pin: 'PIN', csv: 'CSV', tls: 'TLS' };

/**
 * A field's path as a rep reads it: "client.dateOfBirth" → "Date of birth", "choice.caseNumber"
 * → "Case number", "agent.npn" → "NPN", "scripts.0.title" → "Title" (issue 12.6).
 */
export function fieldLabel(path: string): string {
  const last = path
    .split('.')
    .filter((p) => p !== '' && !/^\d+$/.test(p))
    .at(-1);
  if (!last) return 'This field';
  const words = last
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .split(' ')
    .filter(Boolean)
    .map((w) => acronyms[w] ?? w);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** zod issues → one message per field (the first one wins: a rep fixes one thing at a time). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = fieldPath(issue.path) || '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/**
 * Parse data from outside the trust boundary. Takes only `unknown` so that a
 * caller cannot skip the check by passing something already typed.
 */
export function parseUnknown<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  const first = Object.entries(fieldErrors)[0];
  // The rep reads a label ("Date of birth"), never the request's path ("client.dateOfBirth"); forms still find the field by its path.
  const where = first && first[0] !== '_' ? ` (${fieldLabel(first[0])}: ${first[1]})` : first ? ` (${first[1]})` : '';
  throw new DeskError('invalid_request', `The ${what} is not valid${where}.`, fieldErrors);
}

/** Calendar dates travel as YYYY-MM-DD strings and must be real days (no 2025-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD.')
  .refine((s) => isRealDate(s), 'That day does not exist.');

export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** An instant in time, as ISO-8601 with offset, the way timestamps are stored. */
export const isoInstant = z.string().datetime({ offset: true });

/**
 * A required one-line field (a name, an id, an organisation): control and
 * text-direction characters are refused at the field (issue 14 §3).
 */
export const nonBlank = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is at most ${max} characters.`)
    .refine((s) => !hasUnsafeChars(s), unsafeCharsMessage(label));

/** A person's name: as nonBlank, and a full SSN typed into it is refused too (issue 14 §1). */
export const personName = (label: string, max = 200) => nonBlank(label, max).refine((s) => !containsSsn(s), SSN_REFUSED_MESSAGE);

/** The same checks for a one-line field that may be blank. */
export const lineText = <S extends z.ZodString>(schema: S, label: string) =>
  schema.refine((s) => !hasUnsafeChars(s), unsafeCharsMessage(label)).refine((s) => !containsSsn(s), SSN_REFUSED_MESSAGE);
