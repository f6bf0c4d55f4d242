import { renderText, type RenderedText, type TextLocale } from '../texts/catalogue';

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

/** The closing script before any intake recorded its own (migration 0017): English, version 2. */
export const LEGACY_CLOSING_SCRIPT = { locale: 'en', version: 2 } as const;

/**
 * The language the closing script is read in: the call's (issue 13); with no call, the
 * resident's preferred language when it is Spanish; else English.
 */
export function closingScriptLocale(callLanguage: TextLocale | null, preferredLanguage: string | undefined): TextLocale {
  if (callLanguage) return callLanguage;
  return /^\s*(spanish|espa(ñ|n)ol)\b/i.test(preferredLanguage ?? '') ? 'es' : 'en';
}

/**
 * What the rep reads to the resident before ending the call, from the catalogue
 * (texts/catalogue.ts, `ese.closing`), in the given language and version (the newest
 * when none). The reference is spelled out, character by character.
 */
export function renderClosingScript(input: ClosingScriptInput = {}, locale: TextLocale = 'en', version?: number): RenderedText {
  const name = input.residentFirstName?.trim();
  return renderText('ese.closing', locale, { name: name ? `${name}, ` : '', reference: input.reference ? input.reference.split('').join(' ') : undefined }, version);
}

/** The closing script's lines. */
export function closingScript(input: ClosingScriptInput = {}, locale: TextLocale = 'en', version?: number): string[] {
  return renderClosingScript(input, locale, version).lines;
}
