import { describe, expect, it } from 'vitest';
import { callStartFromIntake, intakePrefill, prefillNotice } from '../../../shared/common/ese/prefill';

describe('ESE intake pre-filled from the call (issue 12.2)', () => {
  it('a resident calling: their name, callback number, the case number and a Spanish call’s language', () => {
    const p = intakePrefill({ callerType: 'resident', callerName: 'Ana  María Soto', callbackNumber: '5025550134', caseNumber: '100300113', language: 'es' });
    expect(p.draft).toEqual({ firstName: 'Ana María', lastName: 'Soto', phone: '502-555-0134', caseNumber: '100300113', language: 'Spanish' });
    expect(prefillNotice(p.fields)).toBe('Filled in from the call: first name, last name, phone, case number and preferred language. Change them if the resident’s are different.');
  });

  it('one word is a first name; nothing known is nothing filled and no notice', () => {
    expect(intakePrefill({ callerType: 'resident', callerName: 'Ana', callbackNumber: null, caseNumber: null }).draft).toEqual({ firstName: 'Ana' });
    const none = intakePrefill({ callerType: 'resident', callerName: null, callbackNumber: null, caseNumber: null, language: 'en' });
    expect(none).toEqual({ draft: {}, fields: [] });
    expect(prefillNotice(none.fields)).toBeNull();
  });

  it('an Agent, kynector or PSL caller is not the resident: only the case number is taken', () => {
    for (const callerType of ['agent', 'agent_three_way', 'kynector', 'psl', 'other'] as const) {
      const p = intakePrefill({ callerType, callerName: 'Maria West', callbackNumber: '5025550199', caseNumber: '100300113', language: 'es' });
      expect(p.draft).toEqual({ caseNumber: '100300113' });
    }
  });
});

describe('an intake with no call open offers to start one (issue 12.4)', () => {
  it('takes the resident as the caller, with only the values a call accepts', () => {
    expect(callStartFromIntake({ firstName: ' Dana ', lastName: 'Whitfield', phone: '(502) 555-0123', caseNumber: '100 300 113' })).toEqual({
      callerType: 'resident',
      callerName: 'Dana Whitfield',
      callbackNumber: '5025550123',
      caseNumber: '100300113',
    });
    expect(callStartFromIntake({ firstName: 'Dana', phone: '502-555', caseNumber: 'A-5551' })).toEqual({ callerType: 'resident', callerName: 'Dana' });
    expect(callStartFromIntake({})).toEqual({ callerType: 'resident' });
  });
});
