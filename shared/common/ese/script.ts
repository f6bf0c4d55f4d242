/**
 * The words the screen and the email use about who decides (003 §7.6): the rep
 * forwards, a special ESE committee recommends, the KHBE Director decides, and
 * the resident is told in writing.
 */
export const ESE_ROLE_STATEMENT =
  'You are forwarding this request to KHBE staff for review by the ESE committee. You do not decide whether the resident is eligible: the committee recommends and the KHBE Director makes the final decision (SBM Policy §7.6).';

export const ESE_EMAIL_ROLE_STATEMENT =
  'Forwarded by the kynect Contact Center for ESE committee review (SBM Policy §7.6). The representative has not determined eligibility.';

export const DIRE_NEED_NOTE =
  'Dire Need: this request needs attention within 24 hours and is also sent to kynectdireneed@ky.gov (SBM Policy §9.1).';

export interface ClosingScriptInput {
  residentFirstName?: string | undefined;
  reference?: string | undefined;
  direNeed?: boolean | undefined;
  preferredContact?: 'phone' | 'email' | 'mail' | undefined;
}

/** What the rep reads to the resident before ending the call. */
export function closingScript(input: ClosingScriptInput = {}): string[] {
  const name = input.residentFirstName?.trim();
  const lines = [
    `${name ? `${name}, I` : 'I'} have sent your request for an Exceptional Special Enrollment to the kynect Health Benefit Exchange staff.`,
    'I am not able to decide whether you qualify. A special committee reviews each request and the KHBE Director makes the final decision.',
    'You will be told the decision in writing.',
  ];
  if (input.reference) lines.push(`Your request reference is ${input.reference.split('').join(' ')}. Please keep it if you call us again.`);
  if (input.direNeed) lines.push('Because you need help within 24 hours, I have also sent it to the Dire Need team.');
  lines.push(
    'If the request is granted, you will need to pick a plan within 60 days of the date you knew or should have known about what happened, so please watch for the letter.',
    'You can also send your request and any documents in writing to kynectESE@ky.gov.',
  );
  return lines;
}
