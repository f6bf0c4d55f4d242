/**
 * The language of a call: what the rep reads to the caller and sends to the
 * resident follows it (issue 13). Set on the call, stored with it, so every
 * consumer (consent, association, ESE, SEP) picks its text from one place and a
 * call reopened after a restart keeps its language.
 */
import { z } from 'zod';

export const callLanguages = ['en', 'es'] as const;
export const CallLanguage = z.enum(callLanguages, { error: 'Choose English or Spanish.' });
export type CallLanguage = z.infer<typeof CallLanguage>;

/** Each language named in itself as well, so a rep who reads either finds it. */
export const callLanguageLabels: Record<CallLanguage, string> = {
  en: 'English',
  es: 'Spanish (Español)',
};

/** The other language: the call bar's shortcut toggles between the two. */
export function otherLanguage(language: CallLanguage): CallLanguage {
  return language === 'en' ? 'es' : 'en';
}
