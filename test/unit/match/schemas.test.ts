import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../../../shared/common/validation';
import { lookupRequestSchema, matchQuerySchema, memberRowSchema } from '../../../shared/common/match/schemas';

const good = { firstName: 'John', lastName: 'Doe', dateOfBirth: '1977-02-03', sex: 'M' };

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) {
  const r = schema.safeParse(value);
  expect(r.success).toBe(false);
  return fieldErrorsOf(r.error as never);
}

describe('Request Case Access fields (seed 001: first, last, sex, DOB required; SSN, case and application number optional)', () => {
  it('accepts the required fields and an SSN typed with dashes', () => {
    const q = matchQuerySchema.parse({ ...good, ssn: '123-45-6789', sex: 'm' });
    expect(q).toEqual({ ...good, ssn: '123456789' });
    expect(matchQuerySchema.parse(good).ssn).toBeNull();
  });

  it('puts bad input at its field: malformed date, 8-digit SSN, unknown sex, empty name', () => {
    expect(errorsOf(matchQuerySchema, { ...good, dateOfBirth: '1977-02-30' }).dateOfBirth).toMatch(/does not exist/);
    expect(errorsOf(matchQuerySchema, { ...good, dateOfBirth: '02/03/1977' }).dateOfBirth).toMatch(/YYYY-MM-DD/);
    expect(errorsOf(matchQuerySchema, { ...good, ssn: '12345678' }).ssn).toBe('SSN must be 9 digits.');
    expect(errorsOf(matchQuerySchema, { ...good, sex: 'X' }).sex).toBe('Sex must be M, F or U.');
    expect(errorsOf(matchQuerySchema, { ...good, firstName: '   ' }).firstName).toBe('First name is required.');
  });

  it('lets a case or application number alone find the case, otherwise requires the four fields', () => {
    expect(lookupRequestSchema.parse({ caseNumber: '100300113' }).caseNumber).toBe('100300113');
    expect(lookupRequestSchema.parse({ applicationNumber: 'T123' }).applicationNumber).toBe('T123');
    const e = errorsOf(lookupRequestSchema, { firstName: 'John' });
    expect(Object.keys(e).sort()).toEqual(['dateOfBirth', 'lastName', 'sex']);
    expect(errorsOf(lookupRequestSchema, { ...good, dateOfBirth: '1977-13-01' }).dateOfBirth).toMatch(/does not exist/);
  });
});

describe('members.csv row (issue 4 §1)', () => {
  const row = {
    member_id: 'M1',
    case_number: '100300113',
    application_number: '',
    first_name: 'John',
    middle_name: '',
    last_name: 'Doe',
    suffix: '',
    date_of_birth: '1977-02-03',
    sex: 'M',
    ssn: '',
    head_of_household: 'true',
    case_status: 'Active',
    application_submitted_on: '',
  };
  it('turns empty optional cells into null and booleans into booleans', () => {
    const m = memberRowSchema.parse(row);
    expect(m.ssn).toBeNull();
    expect(m.application_submitted_on).toBeNull();
    expect(m.head_of_household).toBe(true);
  });
  it('rejects each bad cell at its column', () => {
    expect(errorsOf(memberRowSchema, { ...row, ssn: '12345678' }).ssn).toMatch(/9 digits/);
    expect(errorsOf(memberRowSchema, { ...row, sex: 'X' }).sex).toMatch(/M, F or U/);
    expect(errorsOf(memberRowSchema, { ...row, head_of_household: 'yes' }).head_of_household).toMatch(/true or false/);
    expect(errorsOf(memberRowSchema, { ...row, application_submitted_on: '2025-02-30' }).application_submitted_on).toMatch(/real date/);
  });
});
