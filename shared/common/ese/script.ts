/**
 * The words the screen and the email use about who decides (003 §7.6): the rep
 * forwards, a special ESE committee recommends, the KHBE Director decides, and
 * the resident is told in writing.
 */
export const ESE_ROLE_STATEMENT =
  'You are forwarding the details of this call to KHBE staff for review by the ESE committee. You do not decide whether the resident is eligible: the committee recommends and the KHBE Director makes the final decision (SBM Policy §7.6). The resident still requests the ESE in writing to KHBE (§7.5): the closing script says how.';

export const ESE_EMAIL_ROLE_STATEMENT = 'Forwarded by the kynect Contact Center for ESE committee review (SBM Policy §7.6). The representative has not determined eligibility.';

/** For an intake flagged Dire Need before the option was removed (see LegacyDireNeed in intake.ts). */
export const LEGACY_DIRE_NEED_NOTE =
  'Marked Dire Need by the representative when this request was taken, with an option kynect Desk no longer offers (Dire Need is the mailbox Agents and kynectors may email for applications needing attention within 24 hours, SBM Policy §9.1).';

export interface ClosingScriptInput {
  residentFirstName?: string | undefined;
  reference?: string | undefined;
}

/**
 * The closing script as versioned data, one entry per language, so a translation is
 * added beside the English (issue 13). Only English exists for version 2: Spanish is
 * still to be written and reviewed. `{name}` is "Rosa, " or nothing; a line that `needs`
 * a value is left out without it.
 */
export interface ClosingScriptVersion {
  version: number;
  locale: 'en' | 'es';
  source: string;
  lines: { text: string; needs?: 'reference' }[];
}

export const eseClosingScripts: readonly ClosingScriptVersion[] = [
  {
    version: 2,
    locale: 'en',
    source: 'SBM Policy and Procedures (003) §7.4, §7.5, §7.6',
    lines: [
      // §7.6: representatives "are to forward cases to KHBE staff".
      { text: '{name}I have forwarded the details of this call to the Kentucky Health Benefit Exchange (KHBE) staff.' },
      // §7.5: ESEs "eligible Residents must request in writing to KHBE"; §7.4: "can be sent by email to kynectESE@ky.gov".
      { text: 'An Exceptional Special Enrollment must be requested in writing to KHBE. To make your written request, email it, with any documents you have, to kynectESE@ky.gov.' },
      { text: 'Your request reference is {reference}. Please keep it if you call us again.', needs: 'reference' },
      // §7.6: "A special ESE committee reviews these requests and submits recommendations to the KHBE Director who ultimately makes the final decision."
      {
        text: 'I am not able to decide whether you qualify. A special ESE committee reviews each request and makes a recommendation to the KHBE Director, who makes the final decision.',
      },
      // §7.6: "The Resident seeking ESE will be notified in writing of the decision."
      { text: 'You will be notified of the decision in writing.' },
      // §7.4: "Individuals must select a new plan within 60 days of the date they knew or should have reasonably known of the triggering event."
      { text: 'If the request is granted, you will need to select a plan within 60 days of the date you knew or should have reasonably known of what happened.' },
    ],
  },
];

/** What the rep reads to the resident before ending the call. */
export function closingScript(input: ClosingScriptInput = {}, locale: 'en' | 'es' = 'en'): string[] {
  const script = [...eseClosingScripts].filter((s) => s.locale === locale).sort((a, b) => b.version - a.version)[0] ?? eseClosingScripts.find((s) => s.locale === 'en')!;
  const name = input.residentFirstName?.trim();
  const values: Record<string, string> = { name: name ? `${name}, ` : '', reference: input.reference ? input.reference.split('').join(' ') : '' };
  return script.lines.filter((l) => !l.needs || values[l.needs]).map((l) => l.text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? ''));
}
