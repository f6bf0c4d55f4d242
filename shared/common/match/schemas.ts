import { z } from 'zod';
import { isoDate, isRealDate, lineText, personName } from '../validation';
import { applicationNumberField, caseNumberField, optionalIdentifier } from '../identifiers';
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

/** A member-match query: the four required demographic fields and an optional SSN. */
export const matchQuerySchema = z.object({
  firstName: personName('First name', 60),
  lastName: personName('Last name', 60),
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
    firstName: lineText(z.string().trim().max(60, 'First name is at most 60 characters.'), 'First name').optional().default(''),
    lastName: lineText(z.string().trim().max(60, 'Last name is at most 60 characters.'), 'Last name').optional().default(''),
    dateOfBirth: z.string().trim().optional().default(''),
    sex: z.string().trim().optional().default(''),
    ssn: optionalSsn,
    caseNumber: optionalIdentifier(caseNumberField),
    applicationNumber: optionalIdentifier(applicationNumberField),
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

/**
 * members.csv cells are validated by a lean schema of plain string checks (an import
 * runs it a million times; chains of trims and pipes cost several times more), then
 * shaped into a MemberRow. The CSV reader trims cells before this runs.
 */
const cellId = (label: string) =>
  z
    .string()
    .min(1, `${label} is required.`)
    .max(30, `${label} is at most 30 characters.`)
    .regex(/^[A-Za-z0-9-]+$/, `${label} has only letters, digits and dashes.`);
const cellOptionalId = z.string().regex(/^[A-Za-z0-9-]{0,30}$/, 'Only letters, digits and dashes, at most 30, or empty.');
const cellName = (label: string, max = 60) => z.string().min(1, `${label} is required.`).max(max, `${label} is at most ${max} characters.`);
const cellOptionalText = (max: number) => z.string().max(max, `At most ${max} characters.`);
const cellDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD.')
  .refine(isRealDate, 'That day does not exist.');
const cellOptionalDate = z.string().refine((s) => s === '' || isRealDate(s), 'Use a real date in the form YYYY-MM-DD, or leave it empty.');

export const memberCsvSchema = z.object({
  member_id: cellId('member_id'),
  case_number: cellId('case_number'),
  application_number: cellOptionalId,
  first_name: cellName('first_name'),
  middle_name: cellOptionalText(60),
  last_name: cellName('last_name'),
  suffix: cellOptionalText(10),
  date_of_birth: cellDate,
  sex: z.enum(sexes, { error: 'Sex must be M, F or U.' }),
  ssn: z.string().regex(/^(\d{9})?$/, 'SSN must be 9 digits or empty.'),
  head_of_household: z.enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False'], { error: 'Use true or false.' }),
  case_status: cellName('case_status', 40),
  application_submitted_on: cellOptionalDate,
});
export type MemberCsvCells = z.output<typeof memberCsvSchema>;

export interface MemberRow {
  member_id: string;
  case_number: string;
  application_number: string | null;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  suffix: string | null;
  date_of_birth: string;
  sex: Sex;
  ssn: string | null;
  head_of_household: boolean;
  case_status: string;
  application_submitted_on: string | null;
}

export function toMemberRow(c: MemberCsvCells): MemberRow {
  return {
    member_id: c.member_id,
    case_number: c.case_number,
    application_number: c.application_number || null,
    first_name: c.first_name,
    middle_name: c.middle_name || null,
    last_name: c.last_name,
    suffix: c.suffix || null,
    date_of_birth: c.date_of_birth,
    sex: c.sex,
    ssn: c.ssn || null,
    head_of_household: c.head_of_household.toLowerCase() === 'true',
    case_status: c.case_status,
    application_submitted_on: c.application_submitted_on || null,
  };
}

/** One line of members.csv (issue 4 §1), column names as in the extract; trims cells itself. */
export const memberRowSchema = z
  .record(z.string(), z.string())
  .transform((raw) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.trim()])))
  .pipe(memberCsvSchema)
  .transform(toMemberRow);
export const memberColumns = Object.keys(memberCsvSchema.shape) as (keyof MemberRow)[];

/** One line of associations.csv (issue 4 §1). */
export const associationRowSchema = z.object({
  agent_id: cellId('agent_id'),
  agent_name: cellName('agent_name', 120),
  case_number: cellId('case_number'),
  associated_on: cellDate,
});
export type AssociationRow = z.output<typeof associationRowSchema>;
export const associationColumns = Object.keys(associationRowSchema.shape) as (keyof AssociationRow)[];

/**
 * What each column of the two extracts holds, said once: `import … --help`, the CLI's
 * help and the README print these (a test keeps them equal to the schemas' columns).
 */
export const memberColumnHelp: Record<keyof MemberCsvCells, string> = {
  member_id: "the member's id in the case system (required, unique; at most 30 characters)",
  case_number: 'the case the member is on (required)',
  application_number: 'the application on the case, if any (letters, digits and dashes)',
  first_name: 'first name (required, at most 60)',
  middle_name: 'middle name or initial (optional)',
  last_name: 'last name (required, at most 60; two-part names as on file)',
  suffix: 'Jr, Sr, III… (optional, at most 10)',
  date_of_birth: 'YYYY-MM-DD (required)',
  sex: 'M, F or U',
  ssn: '9 digits, or empty (sealed at import, never stored in clear)',
  head_of_household: 'true or false',
  case_status: "the case's status as the case system says it, e.g. Active, Pending (required)",
  application_submitted_on: 'YYYY-MM-DD the application was submitted, or empty',
};
export const associationColumnHelp: Record<keyof AssociationRow, string> = {
  agent_id: "the Agent's id (required)",
  agent_name: "the Agent's or agency's name (required, at most 120)",
  case_number: 'the case the Agent is associated with (required)',
  associated_on: 'YYYY-MM-DD the association began (required)',
};

/** The columns of an extract, one per line, for help texts. */
export function columnHelpText(help: Record<string, string>): string {
  return Object.entries(help)
    .map(([column, what]) => `  ${column.padEnd(26)} ${what}`)
    .join('\n');
}

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
