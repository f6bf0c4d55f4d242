import i18next, { type FormatFunction } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { formatCalendarDate, formatClock, formatInstant, formatNumber, type DateStyle, type FormatLocale } from '../../../shared/common/format';
import { association } from '../areas/association/strings';
import { call } from '../areas/call/strings';
import { supervisor } from '../areas/supervisor/strings';
import { sep } from '../areas/sep/strings';
import { ese } from '../areas/ese/strings';
import { match } from '../areas/match/strings';
import { shell } from '../app/strings';
import { labels } from '../app/labels';

/**
 * The rep's screens, ready for translation (issue 13 §3). i18next because it is the most
 * used and kept JavaScript i18n library, environment-free (the same in Electron and the
 * harness), with namespaces that map one to one onto our areas, plural rules from Intl,
 * typed keys through TypeScript, and formatters we can point at our one format helper
 * (react-intl would bring its own ICU message parser and formatting, a second way to format
 * a date beside shared/common/format). Words read or sent to a caller are not here: they are
 * versioned, hashed data in shared/common/texts, since a record says which words were read.
 */
export const resources = { en: { supervisor, association, call, sep, ese, match, shell, labels } } as const;
export type Namespace = keyof (typeof resources)['en'];
export const namespaces = Object.keys(resources.en) as Namespace[];

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en'],
  resources,
  ns: namespaces,
  defaultNS: namespaces[0],
  // React escapes what it renders; i18next escaping too would show &amp; to the rep.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

const locale = (lng: string | undefined): FormatLocale => (lng?.startsWith('es') ? 'es' : 'en');
const formatters: Record<string, FormatFunction> = {
  when: (value, lng, options) => {
    const o = options as { style?: DateStyle; timeZone?: string };
    return formatInstant(value as string, o.style ?? 'dateTime', { locale: locale(lng), timeZone: o.timeZone });
  },
  day: (value, lng) => formatCalendarDate(value as string, { locale: locale(lng) }),
  clock: (value) => formatClock(value as number),
  number: (value, lng) => formatNumber(value as number, { locale: locale(lng) }),
};
for (const [name, fn] of Object.entries(formatters)) i18n.services.formatter?.add(name, fn);

/** An area's strings: `const t = useStrings('supervisor')`, then `t('floor.title')`. */
export function useStrings<N extends Namespace>(ns: N) {
  return useTranslation(ns, { i18n }).t;
}

/**
 * Words with markup inside them ("Requests sent: <strong>2</strong> of 3."): the sentence
 * stays whole for a translator, `<strong>` and named tags become the components given.
 * Pass the `t` of `useStrings`. Only for our own words and numbers: a value a rep typed
 * goes outside, as text.
 */
export { Trans } from 'react-i18next';
