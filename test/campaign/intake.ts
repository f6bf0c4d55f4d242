/** The intakes the crash campaign submits (test data, not real residents). */
export function campaignIntakeId(tryNo: number, i: number): string {
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  // The reference is made from the first 8 hex digits: they differ for every intake.
  return `${hex(tryNo * 1000 + i, 8)}-0000-4000-8000-${hex(i, 12)}`;
}

export function campaignIntake(i: number): Record<string, unknown> {
  return {
    firstName: 'Dana',
    lastName: `Whitfield${String.fromCharCode(65 + (i % 26))}`,
    dateOfBirth: '1988-04-17',
    caseNumber: '100300113',
    phone: '(502) 555-0123',
    preferredContact: 'phone',
    language: 'English',
    circumstance: 'no_timely_notice',
    eventDate: '2026-09-30',
    knownDate: '2026-10-20',
    narrative: `Request ${i}: her Medicaid ended on September 30 but the notice went to her old address; she found out on October 20.`,
    documents: ['coverage_end_notice'],
    writtenRequestSent: 'no',
  };
}
