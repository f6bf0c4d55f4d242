import { z } from 'zod';

/**
 * One rule per identifier, for every place a rep types one (issue 12.8): the call, the
 * screen pop, member match, the association's client step, the ESE intake, partner access.
 * Spaces and dashes a caller reads out ("100-300-113") are dropped before the check.
 *
 * Case numbers in the seeds are digits only, 8 or 9 of them (003 §2.4: "Case # 13002543",
 * "Case #113023543"; 001: case number 100300113); 6 to 12 leaves room for older and newer
 * series without taking a phone number. Application numbers have no format in the seeds,
 * so they are what the case system prints (the fixtures' T900): letters, digits and dashes, at most
 * 30, with at least one letter — a number of digits alone is read as a case number, checked as one.
 * (The member extract is the system's own data and keeps its own, looser check on import.)
 */
const compact = (s: string) => s.trim().replace(/^#\s*/, '').replace(/[\s-]/g, '');

export const CASE_NUMBER_MESSAGE = 'A case number is 6 to 12 digits, like 100300113.';
export const APPLICATION_NUMBER_MESSAGE = 'An application number has letters and digits, like T900 (dashes allowed, at most 30).';
export const CASE_OR_APPLICATION_MESSAGE = 'Give the case number (6 to 12 digits, like 100300113) or the application number (letters, digits and dashes).';

export const isCaseNumber = (s: string): boolean => /^\d{6,12}$/.test(compact(s));
const APPLICATION = /^(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{1,30}$/;
const compactApplication = (s: string) => s.trim().replace(/^#\s*/, '').replace(/\s/g, '').toUpperCase();
export const isApplicationNumber = (s: string): boolean => APPLICATION.test(compactApplication(s));

/** A case number as typed, stored as its digits. */
export const caseNumberField = z
  .string({ error: CASE_NUMBER_MESSAGE })
  .transform(compact)
  .refine((s) => /^\d{6,12}$/.test(s), CASE_NUMBER_MESSAGE);

/** An application number as typed, stored without spaces, in capitals (as the case system prints them). */
export const applicationNumberField = z
  .string({ error: APPLICATION_NUMBER_MESSAGE })
  .transform(compactApplication)
  .refine((s) => APPLICATION.test(s), APPLICATION_NUMBER_MESSAGE);

/** One field that takes either (the ESE intake asks for "case or application number"). */
export const caseOrApplicationNumberField = z
  .string({ error: CASE_OR_APPLICATION_MESSAGE })
  .transform((s) => (isCaseNumber(s) ? compact(s) : compactApplication(s)))
  .refine((s) => /^\d{6,12}$/.test(s) || APPLICATION.test(s), CASE_OR_APPLICATION_MESSAGE);

/** Blank ('' or absent or null) means "not given" and comes out as null. */
export const optionalIdentifier = <S extends z.ZodType<string, string>>(field: S) =>
  z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v), field.nullable());
