/**
 * The circumstances a resident can ask an Exceptional Special Enrollment for.
 * Taken from SBM Policy and Procedures (003) §7.4 "More Qualifying Changes" and
 * §7.5, and the committee-determined rows of the Special Enrollment table (004).
 * The rep only records which one the resident describes: the ESE committee
 * recommends and the KHBE Director decides (§7.6).
 */
export const eseCircumstances = [
  {
    id: 'kynect_error',
    label: 'Error, misrepresentation or inaction of kynect or HHS',
    detail:
      'Enrollment or non-enrollment was unintentional, inadvertent or erroneous because of an error, misrepresentation or inaction of an officer, employee or agent of kynect or HHS.',
    source: '003 §7.5; 004 (determined by special enrollment committee)',
  },
  {
    id: 'plan_contract_violation',
    label: 'Plan violated a material provision of its contract',
    detail: 'The enrollee shows that their kynect plan substantially violated a major provision of its contract in relation to them.',
    source: '003 §7.4, §7.5; 004 (determined by special enrollment committee)',
  },
  {
    id: 'material_plan_error',
    label: 'Material error in plan benefits, service area or premium',
    detail: 'A material error related to plan benefits, service area or premium influenced the decision to buy the plan.',
    source: '003 §7.4, §7.5; 004 (determined by special enrollment committee)',
  },
  {
    id: 'domestic_abuse',
    label: 'Domestic abuse or spousal abandonment',
    detail:
      'The resident is a victim of domestic abuse or spousal abandonment and wants a plan separate from the abuser or abandoner; dependents on the same application may enroll at the same time.',
    source: '003 §7.4, §7.5; 004',
  },
  {
    id: 'medicaid_kchip_denial',
    label: 'Found not eligible for Medicaid/KCHIP after open enrollment or more than 60 days after the event',
    detail:
      'The resident applied for Medicaid or KCHIP during open enrollment or because of a qualifying event, and the state agency determined they were not eligible after open enrollment ended or more than 60 days after the event.',
    source: '003 §7.4; 004 (determined by special enrollment committee)',
  },
  {
    id: 'americorps',
    label: 'AmeriCorps service starting or ending',
    detail: 'The resident is an AmeriCorps service member starting or ending AmeriCorps service.',
    source: '003 §7.4',
  },
  {
    id: 'rfi_cleared_after_termination',
    label: 'RFI cleared after coverage was ended',
    detail: 'The resident submitted documents and cleared a Request for Information (RFI) after kynect took action and their coverage was ended.',
    source: '003 §7.4',
  },
  {
    id: 'exceptional_circumstance',
    label: 'Exceptional circumstance (for example incapacity or natural disaster)',
    detail: 'An exceptional circumstance kept the resident from enrolling during an enrollment period, such as being incapacitated or a victim of a natural disaster.',
    source: '003 §7.4; 004 (determined by special enrollment committee)',
  },
  {
    id: 'no_timely_notice',
    label: 'Did not receive timely notice of a triggering event',
    detail: 'The resident did not receive timely notice of an event that triggers a special enrollment period and was reasonably unaware of it.',
    source: '003 §7.4; 004',
  },
  {
    id: 'assister_misconduct',
    label: 'Misconduct of a non-Exchange enrollment assister',
    detail:
      'The resident was not enrolled, was enrolled in the wrong plan, or is not receiving APTC or CSR because of misconduct of a non-Exchange entity providing enrollment assistance.',
    source: '003 §7.4; 004 (determined by special enrollment committee)',
  },
  {
    id: 'pregnancy',
    label: 'Pregnancy confirmed by a health care provider',
    detail: 'The resident or someone in the household is pregnant, as confirmed by a health care provider.',
    source: '003 §7.4',
  },
  {
    id: 'other',
    label: 'Other circumstance (describe it)',
    detail: 'Another circumstance the resident believes kept them from enrolling; other reasons may be added to comply with new federal guidance.',
    source: '003 §7.4; 004 ("other special circumstances", determined by special enrollment committee)',
  },
] as const;

export type EseCircumstanceId = (typeof eseCircumstances)[number]['id'];
export const eseCircumstanceIds = eseCircumstances.map((c) => c.id) as [EseCircumstanceId, ...EseCircumstanceId[]];

export function circumstanceLabel(id: EseCircumstanceId): string {
  return eseCircumstances.find((c) => c.id === id)?.label ?? id;
}

/** Documents a resident commonly has for these circumstances; the rep ticks what the resident says they hold. */
export const eseDocumentKinds = [
  { id: 'kynect_notice', label: 'Notice or letter from kynect' },
  { id: 'medicaid_kchip_notice', label: 'Medicaid or KCHIP eligibility notice' },
  { id: 'plan_letter', label: 'Letter, bill or plan documents from the health plan' },
  { id: 'coverage_end_notice', label: 'Notice that coverage ended' },
  { id: 'rfi_documents', label: 'Documents sent for a Request for Information (RFI)' },
  { id: 'americorps_letter', label: 'AmeriCorps service start or end letter' },
  { id: 'provider_statement', label: 'Statement from a health care provider' },
  { id: 'protective_order_or_report', label: 'Protective order, police report or advocate letter' },
  { id: 'disaster_or_incapacity_record', label: 'Record of disaster, hospital stay or incapacity' },
  { id: 'screenshots_or_emails', label: 'Screenshots, emails or notes of contacts' },
] as const;

export type EseDocumentKind = (typeof eseDocumentKinds)[number]['id'];
export const eseDocumentKindIds = eseDocumentKinds.map((d) => d.id) as [EseDocumentKind, ...EseDocumentKind[]];

export function documentLabel(id: EseDocumentKind): string {
  return eseDocumentKinds.find((d) => d.id === id)?.label ?? id;
}
