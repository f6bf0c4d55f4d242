import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/common/errors';
import { EseDraft, eseCircumstances, eseIntakeFields, parseEseIntake } from '../../../shared/common/ese';
import { validIntakeInput } from './support/intakes';

const TODAY = '2026-11-23';

/** The field errors of a rejected intake (fails the test if it was accepted). */
function errorsOf(input: unknown, today = TODAY): Record<string, string> {
  try {
    parseEseIntake(input, today);
  } catch (e) {
    expect(e).toBeInstanceOf(DeskError);
    const err = e as DeskError;
    expect(err.code).toBe('invalid_request');
    return err.fieldErrors ?? {};
  }
  throw new Error('expected the intake to be refused');
}

describe('ESE intake: a valid intake', () => {
  it('parses and normalizes phone, case number and blanks', () => {
    const intake = parseEseIntake(validIntakeInput({ caseNumber: '100-300-113', documentsOther: '   ' }), TODAY);
    expect(intake.phone).toBe('5025550123');
    expect(intake.caseNumber).toBe('100300113');
    expect(intake.documentsOther).toBeUndefined();
    expect(intake).not.toHaveProperty('direNeed');
    expect(intake.documents).toEqual(['medicaid_kchip_notice', 'coverage_end_notice']);
  });

  it('accepts a leading 1 on the phone and no case number, email or documents', () => {
    const intake = parseEseIntake(validIntakeInput({ phone: '1-502-555-0123', caseNumber: '', email: '', preferredContact: 'phone', documents: undefined }), TODAY);
    expect(intake.phone).toBe('5025550123');
    expect(intake.caseNumber).toBeUndefined();
    expect(intake.email).toBeUndefined();
    expect(intake.documents).toEqual([]);
  });

  it('has no eligible/ineligible or decision field anywhere (003 §7.6: reps do not decide)', () => {
    const keys = [...eseIntakeFields];
    const draftKeys = Object.keys(EseDraft.shape);
    expect(keys.length).toBeGreaterThan(10);
    for (const k of [...keys, ...draftKeys]) expect(k).not.toMatch(/eligib|decision|decide|approve|deny|grant/i);
    const intake = parseEseIntake(validIntakeInput(), TODAY);
    expect(JSON.stringify(intake)).not.toMatch(/eligible/i);
  });

  it('offers the twelve circumstances named in issue 7 from 003 §7.4–7.5 and 004', () => {
    expect(eseCircumstances.map((c) => c.id)).toEqual([
      'kynect_error',
      'plan_contract_violation',
      'material_plan_error',
      'domestic_abuse',
      'medicaid_kchip_denial',
      'americorps',
      'rfi_cleared_after_termination',
      'exceptional_circumstance',
      'no_timely_notice',
      'assister_misconduct',
      'pregnancy',
      'other',
    ]);
    for (const c of eseCircumstances) expect(c.source).toMatch(/00[34]/);
  });
});

describe('ESE intake: every validation error is at its field, worded for the rep', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['first name missing', { firstName: undefined }, 'firstName', /First name is required/],
    ['first name blank', { firstName: '   ' }, 'firstName', /First name is required/],
    ['first name too long', { firstName: 'x'.repeat(61) }, 'firstName', /at most 60/],
    ['last name blank', { lastName: '' }, 'lastName', /Last name is required/],
    ['date of birth missing', { dateOfBirth: '' }, 'dateOfBirth', /Date of birth is required/],
    ['date of birth wrong shape', { dateOfBirth: '04/17/1988' }, 'dateOfBirth', /YYYY-MM-DD/],
    ['date of birth not a day', { dateOfBirth: '1988-02-30' }, 'dateOfBirth', /does not exist/],
    ['date of birth in the future', { dateOfBirth: '2027-01-01' }, 'dateOfBirth', /cannot be in the future/],
    ['date of birth before 1900', { dateOfBirth: '1899-12-31' }, 'dateOfBirth', /before 1900/],
    ['case number with other characters', { caseNumber: 'AB12$45' }, 'caseNumber', /6 to 12 digits.*application number/],
    ['case number too short', { caseNumber: '12345' }, 'caseNumber', /6 to 12 digits/],
    ['phone missing', { phone: '' }, 'phone', /Phone number is required/],
    ['phone too short', { phone: '555-0123' }, 'phone', /10 digits/],
    ['email malformed', { email: 'dana@' }, 'email', /name@example\.com/],
    ['email needed for email contact', { email: '', preferredContact: 'email' }, 'email', /prefers email/],
    ['contact method missing', { preferredContact: undefined }, 'preferredContact', /how the resident prefers to be contacted/],
    ['contact method unknown', { preferredContact: 'fax' }, 'preferredContact', /how the resident prefers to be contacted/],
    ['language blank', { language: ' ' }, 'language', /Preferred language is required/],
    ['circumstance missing', { circumstance: undefined }, 'circumstance', /Choose the circumstance/],
    ['circumstance unknown', { circumstance: 'eligible' }, 'circumstance', /Choose the circumstance/],
    ['other circumstance not described', { circumstance: 'other', circumstanceOther: '' }, 'circumstanceOther', /Describe the other circumstance/],
    ['event date missing', { eventDate: undefined }, 'eventDate', /Date of the triggering event is required/],
    ['event date not a day', { eventDate: '2026-13-01' }, 'eventDate', /does not exist/],
    ['event date in the future', { eventDate: '2026-11-24', knownDate: '2026-11-24' }, 'eventDate', /cannot be in the future/],
    ['event before birth', { dateOfBirth: '2000-01-01', eventDate: '1999-12-31', knownDate: '2000-01-02' }, 'eventDate', /before the date of birth/],
    ['known date missing', { knownDate: '' }, 'knownDate', /knew or should have known is required/],
    ['known date wrong shape', { knownDate: '20 Oct 2026' }, 'knownDate', /YYYY-MM-DD/],
    ['known date in the future', { knownDate: '2026-12-01' }, 'knownDate', /cannot be in the future/],
    ['known before the event', { knownDate: '2026-09-29' }, 'knownDate', /before it happened/],
    ['narrative missing', { narrative: undefined }, 'narrative', /Write what happened/],
    ['narrative too short', { narrative: 'No notice.' }, 'narrative', /at least 20 characters/],
    ['narrative too long', { narrative: 'x'.repeat(4001) }, 'narrative', /at most 4000/],
    ['full SSN in the narrative', { narrative: 'Her SSN is 123-45-6789 and she never got the notice.' }, 'narrative', /full Social Security number/],
    ['full SSN in other documents', { documentsOther: 'card 123 45 6789' }, 'documentsOther', /full Social Security number/],
    ['unknown document', { documents: ['passport'] }, 'documents.0', /from the list/],
    ['written request not answered', { writtenRequestSent: undefined }, 'writtenRequestSent', /also sent a written request/],
    ['written request date when none sent', { writtenRequestSent: 'no', writtenRequestDate: '2026-11-01' }, 'writtenRequestDate', /blank unless/],
    ['written request date malformed', { writtenRequestSent: 'yes', writtenRequestDate: '11/01/2026' }, 'writtenRequestDate', /YYYY-MM-DD/],
    ['written request date in the future', { writtenRequestSent: 'yes', writtenRequestDate: '2026-12-01' }, 'writtenRequestDate', /in the future/],
    // 003:1111: Dire Need is the Agents' and kynectors' mailbox, not an ESE route.
    [
      'a Dire Need flag from an older window',
      { direNeed: true, direNeedReason: 'Surgery Monday' },
      'direNeed',
      /not part of an ESE request.*Agents and kynectors may email kynectdireneed@ky.gov/,
    ],
  ];

  it.each(cases)('%s', (_name, overrides, field, message) => {
    const errors = errorsOf(validIntakeInput(overrides));
    expect(errors[field]).toMatch(message);
  });

  it('reports every broken field at once, so the rep sees them together', () => {
    const errors = errorsOf(validIntakeInput({ firstName: '', phone: '12', circumstance: 'other', circumstanceOther: '', knownDate: '2026-12-01' }));
    expect(Object.keys(errors).sort()).toEqual(['circumstanceOther', 'firstName', 'knownDate', 'phone']);
  });

  it('refuses something that is not an object with one clear message', () => {
    expect(() => parseEseIntake('nope', TODAY)).toThrow(/ESE intake need fixing|One answer/);
    expect(() => parseEseIntake(null, TODAY)).toThrow(DeskError);
  });

  it('accepts the dates at the edge: event and known today, written request today', () => {
    const intake = parseEseIntake(validIntakeInput({ eventDate: TODAY, knownDate: TODAY, writtenRequestSent: 'yes', writtenRequestDate: TODAY }), TODAY);
    expect(intake.knownDate).toBe(TODAY);
  });
});

describe('ESE draft', () => {
  it('keeps whatever has been typed, even when it is not valid yet', () => {
    const draft = EseDraft.parse({ firstName: 'Da', dateOfBirth: '04/17', phone: '502', documents: ['kynect_notice'] });
    expect(draft).toEqual({ firstName: 'Da', dateOfBirth: '04/17', phone: '502', documents: ['kynect_notice'] });
    expect(EseDraft.parse({})).toEqual({});
  });

  it('refuses unknown keys and runaway sizes', () => {
    expect(EseDraft.safeParse({ eligible: true }).success).toBe(false);
    expect(EseDraft.safeParse({ narrative: 'x'.repeat(8001) }).success).toBe(false);
  });
});
