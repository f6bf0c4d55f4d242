import { z } from 'zod';
import { DeskError } from '../errors';
import { caseOrApplicationNumberField, optionalIdentifier } from '../identifiers';
import { containsSsn } from '../privacy/ssnText';
import { hasUnsafeChars, stripUnsafeChars, unsafeCharsMessage } from '../privacy/unsafeText';
import { fieldErrorsOf, isRealDate } from '../validation';
import { eseCircumstanceIds, eseDocumentKindIds } from './circumstances';

/**
 * The ESE intake a rep takes inside a call and forwards to KHBE (003 §7.6).
 * Deliberately there is no eligible/ineligible field anywhere: Contact Center
 * representatives "are not able to determine whether a Resident is eligible
 * for an ESE and are to forward cases to KHBE staff".
 */

export const preferredContactMethods = ['phone', 'email', 'mail'] as const;
export type PreferredContact = (typeof preferredContactMethods)[number];
export const preferredContactLabels: Record<PreferredContact, string> = {
  phone: 'Phone call',
  email: 'Email',
  mail: 'Letter to the mailing address on the case',
};

export const writtenRequestAnswers = ['yes', 'no', 'unsure'] as const;
export type WrittenRequestAnswer = (typeof writtenRequestAnswers)[number];
export const writtenRequestLabels: Record<WrittenRequestAnswer, string> = {
  yes: 'Yes, the resident also sent a written request',
  no: 'No written request was sent',
  unsure: 'The resident is not sure',
};

/** Languages offered first in the form; any other language can be typed. */
export const commonLanguages = ['English', 'Spanish', 'Arabic', 'Swahili', 'Nepali', 'Vietnamese', 'French', 'Somali'] as const;

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A required calendar day, worded for the field it belongs to. */
const dayField = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .regex(DATE_SHAPE, `Write the ${label.toLowerCase()} as YYYY-MM-DD.`)
    .refine(isRealDate, `${label}: that day does not exist on the calendar.`);

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is at most ${max} characters.`)
    .refine((s) => !hasUnsafeChars(s), unsafeCharsMessage(label))
    .refine((s) => !containsSsn(s), SSN_MESSAGE_NAME);

/** Optional text: a blank box is the same as not answering; control and direction characters are dropped (issue 14 §3). */
const optionalText = (label: string, max: number) =>
  z
    .string()
    .overwrite(stripUnsafeChars)
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .optional()
    .transform((s) => (s ? s : undefined));

/** The one detector (privacy/ssnText.ts): every separator, any digits, invisible characters ignored. */
const noFullSsn = (s: string | undefined) => !s || !containsSsn(s);
const SSN_MESSAGE =
  'This looks like a full Social Security number. Do not record it: write only the last 4 digits (for example ***-**-1234). A case or application number is fine when it says so ("case 100300113"). KHBE finds the full SSN on the resident’s case.';
const SSN_MESSAGE_NAME = 'A Social Security number does not belong in this field.';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Digits only, US numbers: 10 digits, an optional leading 1 dropped. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

export function formatPhone(digits: string): string {
  return digits.length === 10 ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` : digits;
}

const intakeObject = z.object({
  firstName: text('First name', 60),
  lastName: text('Last name', 60),
  dateOfBirth: dayField('Date of birth'),
  caseNumber: optionalIdentifier(caseOrApplicationNumberField).transform((v) => v ?? undefined),
  phone: z
    .string({ error: 'Phone number is required.' })
    .trim()
    .min(1, 'Phone number is required.')
    .transform(normalizePhone)
    .refine((d) => d.length === 10, 'A phone number has 10 digits, for example 502-555-0123.'),
  email: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined))
    .refine((s) => s === undefined || (s.length <= 254 && EMAIL_SHAPE.test(s)), 'Write the email address as name@example.com.'),
  preferredContact: z.enum(preferredContactMethods, { error: 'Choose how the resident prefers to be contacted.' }),
  language: text('Preferred language', 40),
  circumstance: z.enum(eseCircumstanceIds, { error: 'Choose the circumstance the resident describes.' }),
  circumstanceOther: optionalText('The other circumstance', 300).refine(noFullSsn, SSN_MESSAGE),
  eventDate: dayField('Date of the triggering event'),
  knownDate: dayField('Date the resident knew or should have known'),
  narrative: z
    .string({ error: 'Write what happened, in the resident’s words.' })
    .overwrite(stripUnsafeChars)
    .trim()
    .min(20, 'Write what happened, in the resident’s words (at least 20 characters).')
    .max(4000, 'What happened is at most 4000 characters.')
    .refine(noFullSsn, SSN_MESSAGE),
  documents: z
    .array(z.enum(eseDocumentKindIds, { error: 'Choose documents from the list.' }))
    .max(eseDocumentKindIds.length)
    .default([]),
  documentsOther: optionalText('Other documents', 500).refine(noFullSsn, SSN_MESSAGE),
  writtenRequestSent: z.enum(writtenRequestAnswers, { error: 'Say whether the resident also sent a written request.' }),
  writtenRequestDate: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined))
    .refine((s) => s === undefined || (DATE_SHAPE.test(s) && isRealDate(s)), 'Write the date the written request was sent as YYYY-MM-DD.'),
});

/**
 * What an intake taken before Dire Need left the ESE intake may still carry (migration
 * 0009): Dire Need is not an ESE route, but the mailbox Agents and kynectors may email for
 * applications needing attention within 24 hours (003 §9.1), so the flag is no longer
 * asked. Stored intakes keep what was recorded; nothing new sets it.
 */
export interface LegacyDireNeed {
  direNeed?: boolean | undefined;
  direNeedReason?: string | undefined;
}

type Raw = Partial<Record<keyof z.output<typeof intakeObject>, unknown>>;

/**
 * Rules between fields that do not need today's date. Written defensively
 * (the raw values may be invalid) so every field error shows at once.
 */
function crossFieldRules(v: Raw, add: (path: string, message: string) => void): void {
  if (v.preferredContact === 'email' && !v.email) add('email', 'The resident prefers email: write their email address.');
  if (v.circumstance === 'other' && !v.circumstanceOther) add('circumstanceOther', 'Describe the other circumstance.');
  if (v.writtenRequestSent !== 'yes' && v.writtenRequestDate) add('writtenRequestDate', 'Leave the date blank unless a written request was sent.');
  const day = (x: unknown) => (typeof x === 'string' && DATE_SHAPE.test(x) && isRealDate(x) ? x : undefined);
  const event = day(v.eventDate);
  const known = day(v.knownDate);
  const dob = day(v.dateOfBirth);
  if (event && known && known < event) add('knownDate', 'The resident cannot have known of the event before it happened: use a date on or after the triggering event.');
  if (dob && event && event < dob) add('eventDate', 'The triggering event is before the date of birth: check both dates.');
}

/** The intake as sent over IPC: shape and field rules, no clock. */
export const EseIntakeInput = intakeObject.superRefine((v, ctx) => crossFieldRules(v, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })));
export type EseIntakeInput = z.input<typeof EseIntakeInput>;
export type EseIntake = z.output<typeof EseIntakeInput>;

/** Rules that need today's date (YYYY-MM-DD in the desk's time zone). */
export function dateRulesFor(intake: Raw, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  const future = (field: keyof Raw, message: string) => {
    const v = intake[field];
    if (typeof v === 'string' && DATE_SHAPE.test(v) && isRealDate(v) && v > today) out[field] = message;
  };
  future('dateOfBirth', 'Date of birth cannot be in the future.');
  future('eventDate', 'The triggering event cannot be in the future: an ESE request is about something that happened.');
  future('knownDate', 'The date the resident knew or should have known cannot be in the future.');
  future('writtenRequestDate', 'The written request cannot have been sent in the future.');
  const dob = intake.dateOfBirth;
  if (typeof dob === 'string' && DATE_SHAPE.test(dob) && dob < '1900-01-01') out.dateOfBirth = 'Date of birth is before 1900: check the year.';
  return out;
}

/**
 * Validates an intake from outside (IPC, CLI, a stored draft) against the
 * schema and today's date; throws a DeskError carrying every field error.
 */
export function parseEseIntake(value: unknown, today: string): EseIntake {
  const parsed = EseIntakeInput.safeParse(value);
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const raw = value && typeof value === 'object' ? (value as Raw) : {};
  for (const [field, message] of Object.entries(dateRulesFor(raw, today))) if (!(field in errors)) errors[field] = message;
  // A window from before migration 0011 may still send the flag: say why, rather than drop it unseen.
  if ((raw as LegacyDireNeed).direNeed === true) errors.direNeed = DIRE_NEED_NOT_ESE;
  if (parsed.success && Object.keys(errors).length === 0) return parsed.data;
  const count = Object.keys(errors).length;
  throw new DeskError('invalid_request', count === 1 ? 'One answer in the ESE intake needs fixing.' : `${count} answers in the ESE intake need fixing.`, errors);
}

/**
 * A draft autosaves whatever the rep has typed so far: every field optional,
 * bounded so a runaway paste cannot fill the disk, nothing else checked.
 */
export const EseDraft = z
  .object({
    firstName: z.string().max(200),
    lastName: z.string().max(200),
    dateOfBirth: z.string().max(40),
    caseNumber: z.string().max(60),
    phone: z.string().max(60),
    email: z.string().max(320),
    preferredContact: z.string().max(20),
    language: z.string().max(100),
    circumstance: z.string().max(60),
    circumstanceOther: z.string().max(1000),
    eventDate: z.string().max(40),
    knownDate: z.string().max(40),
    narrative: z.string().max(8000),
    documents: z.array(z.string().max(60)).max(40),
    documentsOther: z.string().max(2000),
    writtenRequestSent: z.string().max(20),
    writtenRequestDate: z.string().max(40),
  })
  .partial()
  .strict();
export type EseDraft = z.infer<typeof EseDraft>;

/** 003 §9.1: the Dire Need mailbox is for Agents and kynectors, not an ESE route. */
export const DIRE_NEED_NOT_ESE =
  'Dire Need is not part of an ESE request: for applications needing attention within 24 hours, Agents and kynectors may email kynectdireneed@ky.gov (SBM Policy §9.1).';

/** Field order of the form, for focusing the first error. */
export const eseIntakeFields = Object.keys(intakeObject.shape) as (keyof EseIntake)[];
