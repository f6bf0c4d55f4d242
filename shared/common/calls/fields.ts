import { z } from 'zod';
import { lineText } from '../validation';

/**
 * Form fields come in as '' when left blank; blank optional fields mean "not given".
 */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A name: control and text-direction characters and full SSNs are refused (issue 14 §1, §3). */
export const callerNameField = lineText(z.string().trim().max(80, 'The caller name is at most 80 characters.'), 'The caller name');

/**
 * A US phone number, stored as its 10 digits so that searches match however it
 * was typed; a leading 1 (country code) is dropped.
 */
export const callbackNumberField = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s().+-]/g, ''))
  .pipe(z.string().regex(/^1?\d{10}$/, 'A callback number has 10 digits, like 502-555-0134.'))
  .transform((s) => (s.length === 11 ? s.slice(1) : s));

/** One rule for case numbers everywhere (identifiers.ts). */
export { caseNumberField } from '../identifiers';

export const optionalField = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());

/**
 * For edits: '' or null clears the field, a value sets it, absence leaves it alone.
 * Output: undefined (unchanged), null (cleared) or the parsed value.
 */
export const clearableField = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === null ? null : typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable().optional());

export function formatCallbackNumber(digits: string | null): string {
  if (!digits) return '';
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` : digits;
}
