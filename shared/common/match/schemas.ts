import { z } from 'zod';
import { isoDate, nonBlank } from '../validation';
import { digitsOnly } from './normalize';

/**
 * Schemas for member match. The query carries the Request Case Access fields (seed 001:
 * First Name, Last Name, Sex, Date of Birth required; Social Security Number, Case
 * Number and Application Number optional). Member and association rows are the CSV
 * extracts of issue 4 §1; every imported row passes these before it is written.
 */
export const sexes = ['M', 'F', 'U'] as const;
export type Sex = (typeof sexes)[number];

export const sexSchema = z
  .string({ error: 'Sex is required.' })
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(sexes, { error: 'Sex must be M, F or U.' }));

/** Optional SSN as typed: dashes and spaces allowed, then exactly 9 digits. Blank means none. */
export const optionalSsn = z
  .string()
  .trim()
  .optional()
  .nullable()
  .transform((s) => (s ? s : null))
  .refine((s) => s === null || /^[\d\s-]+$/.test(s), 'SSN has only digits (dashes allowed).')
  .transform((s) => (s === null ? null : digitsOnly(s)))
  .refine((s) => s === null || s.length === 9, 'SSN must be 9 digits.');

const requiredDob = z.string({ error: 'Date of birth is required.' }).trim().min(1, 'Date of birth is required.').pipe(isoDate);

const optionalNumber = (label: string) =>
  z
    .string()
    .trim()
    .max(30, `${label} is at most 30 characters.`)
    .optional()
    .nullable()
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || /^[A-Za-z0-9-]+$/.test(s), `${label} has only letters, digits and dashes.`);

/** A member-match query: the four required demographic fields and an optional SSN. */
export const matchQuerySchema = z.object({
  firstName: nonBlank('First name', 60),
  lastName: nonBlank('Last name', 60),
  dateOfBirth: requiredDob,
  sex: sexSchema,
  ssn: optionalSsn,
});
export type MatchQuery = z.output<typeof matchQuerySchema>;
export type MatchQueryIn = z.input<typeof matchQuerySchema>;

/**
 * The PSL lookup form: a case or application number alone also finds the case
 * (issue 4 §3); otherwise first, last, sex and date of birth are required, each
 * reported at its own field.
 */
export const lookupRequestSchema = z
  .object({
    firstName: z.string().trim().max(60, 'First name is at most 60 characters.').optional().default(''),
    lastName: z.string().trim().max(60, 'Last name is at most 60 characters.').optional().default(''),
    dateOfBirth: z.string().trim().optional().default(''),
    sex: z.string().trim().optional().default(''),
    ssn: optionalSsn,
    caseNumber: optionalNumber('Case number'),
    applicationNumber: optionalNumber('Application number'),
  })
  .strict()
  .superRefine((v, ctx) => {
    const byNumber = Boolean(v.caseNumber || v.applicationNumber);
    const anyDemographic = Boolean(v.firstName || v.lastName || v.dateOfBirth || v.sex);
    if (byNumber && !anyDemographic) return;
    if (!v.firstName) ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'First name is required.' });
    if (!v.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Last name is required.' });
    if (!v.dateOfBirth) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth is required.' });
    else {
      const d = isoDate.safeParse(v.dateOfBirth);
      if (!d.success) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: d.error.issues[0]?.message ?? 'Use the form YYYY-MM-DD.' });
    }
    if (!v.sex) ctx.addIssue({ code: 'custom', path: ['sex'], message: 'Sex is required.' });
    else if (!sexes.includes(v.sex.toUpperCase() as Sex)) ctx.addIssue({ code: 'custom', path: ['sex'], message: 'Sex must be M, F or U.' });
  });
export type LookupRequest = z.output<typeof lookupRequestSchema>;
export type LookupRequestIn = z.input<typeof lookupRequestSchema>;

const csvBool = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(['true', 'false'], { error: 'Use true or false.' }))
  .transform((s) => s === 'true');

const optionalDate = z
  .string()
  .trim()
  .transform((s) => (s ? s : null))
  .refine((s) => s === null || isoDate.safeParse(s).success, 'Use a real date in the form YYYY-MM-DD, or leave it empty.');

const idText = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(30, `${label} is at most 30 characters.`)
    .regex(/^[A-Za-z0-9-]+$/, `${label} has only letters, digits and dashes.`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((s) => (s ? s : null));

/** One line of members.csv (issue 4 §1), column names as in the extract. */
export const memberRowSchema = z.object({
  member_id: idText('member_id'),
  case_number: idText('case_number'),
  application_number: optionalText(30).refine((s) => s === null || /^[A-Za-z0-9-]+$/.test(s), 'Only letters, digits and dashes.'),
  first_name: nonBlank('first_name', 60),
  middle_name: optionalText(60),
  last_name: nonBlank('last_name', 60),
  suffix: optionalText(10),
  date_of_birth: z.string().trim().pipe(isoDate),
  sex: z.string().trim().pipe(z.enum(sexes, { error: 'Sex must be M, F or U.' })),
  ssn: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\d{9}$/.test(s), 'SSN must be 9 digits or empty.')
    .transform((s) => (s ? s : null)),
  head_of_household: csvBool,
  case_status: nonBlank('case_status', 40),
  application_submitted_on: optionalDate,
});
export type MemberRow = z.output<typeof memberRowSchema>;
export const memberColumns = Object.keys(memberRowSchema.shape) as (keyof MemberRow)[];

/** One line of associations.csv (issue 4 §1). */
export const associationRowSchema = z.object({
  agent_id: idText('agent_id'),
  agent_name: nonBlank('agent_name', 120),
  case_number: idText('case_number'),
  associated_on: z.string().trim().pipe(isoDate),
});
export type AssociationRow = z.output<typeof associationRowSchema>;
export const associationColumns = Object.keys(associationRowSchema.shape) as (keyof AssociationRow)[];

/** A member as the matcher sees it (from the cache or the synthetic population). */
export interface MatchMember {
  /** Internal row id in the cache (the index points at it). */
  id: number;
  memberId: string;
  caseNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex;
  ssn: string | null;
}
