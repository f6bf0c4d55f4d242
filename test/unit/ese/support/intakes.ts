import type { EseIntakeInput } from '../../../../shared/common/ese';

/** A complete, valid intake as the form sends it (test data, not a real resident). */
export function validIntakeInput(overrides: Partial<Record<keyof EseIntakeInput, unknown>> = {}): Record<string, unknown> {
  return {
    firstName: 'Dana',
    lastName: 'Whitfield',
    dateOfBirth: '1988-04-17',
    caseNumber: '100300113',
    phone: '(502) 555-0123',
    email: 'dana.whitfield@example.com',
    preferredContact: 'email',
    language: 'English',
    circumstance: 'no_timely_notice',
    eventDate: '2026-09-30',
    knownDate: '2026-10-20',
    narrative: 'Her Medicaid ended on September 30 but the notice went to her old address; she found out on October 20 when the pharmacy refused her prescription.',
    documents: ['medicaid_kchip_notice', 'coverage_end_notice'],
    documentsOther: 'Pharmacy receipt from October 20',
    writtenRequestSent: 'no',
    ...overrides,
  };
}
