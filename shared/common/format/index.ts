/**
 * The one place dates, times and numbers become words (issue 13 §3). Every screen and
 * every text asks here, with the locale it speaks in (the rep's screens: English; a text
 * read to a caller: the call's language) and, when it matters, the time zone the figures
 * are for. Pure TS over Intl: the same in main, the renderer and tests.
 */
export type FormatLocale = 'en' | 'es';

export interface FormatContext {
  locale?: FormatLocale | undefined;
  /** IANA zone; the machine's own when absent (the desk's, which is the rep's). */
  timeZone?: string | undefined;
}

/** US English and US Spanish: a Kentucky caller's Spanish, with US date order and the 12-hour clock. */
const TAGS: Record<FormatLocale, string> = { en: 'en-US', es: 'es-US' };

export type DateStyle = 'time' | 'date' | 'dateTime' | 'weekdayDate';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  time: { hour: 'numeric', minute: '2-digit' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  weekdayDate: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
};

// Building an Intl formatter costs far more than using one; a desk asks for a handful.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

const tag = (ctx?: FormatContext) => TAGS[ctx?.locale ?? 'en'];

/** An instant (ISO string, epoch ms or Date) as the rep or caller reads it; '—' for none. */
export function formatInstant(at: string | number | Date | null | undefined, style: DateStyle = 'dateTime', ctx?: FormatContext): string {
  if (at === null || at === undefined || at === '') return '—';
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const zone = ctx?.timeZone;
  return cached(`d|${tag(ctx)}|${style}|${zone ?? ''}`, () => new Intl.DateTimeFormat(tag(ctx), { ...STYLES[style], ...(zone ? { timeZone: zone } : {}) })).format(d);
}

/**
 * A calendar date (yyyy-MM-dd: a birth date, a coverage date) as words. It is a day, not
 * an instant: formatted at noon UTC in UTC, so no time zone can move it to the day before.
 */
export function formatCalendarDate(ymd: string | null | undefined, ctx?: FormatContext, style: 'date' | 'weekdayDate' = 'date'): string {
  if (!ymd) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  return formatInstant(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12), style, { locale: ctx?.locale, timeZone: 'UTC' });
}

export function formatNumber(n: number, ctx?: FormatContext): string {
  return cached(`n|${tag(ctx)}`, () => new Intl.NumberFormat(tag(ctx), { maximumFractionDigits: 1 })).format(n);
}

/** A share of a whole as a whole percent ("43%"); 0% of nothing rather than NaN. */
export function formatPercent(part: number, whole: number, ctx?: FormatContext): string {
  return cached(`p|${tag(ctx)}`, () => new Intl.NumberFormat(tag(ctx), { style: 'percent', maximumFractionDigits: 0 })).format(whole ? part / whole : 0);
}

/** Seconds as m:ss (a handle time, a hold): the clock-face reading supervisors use. */
export function formatClock(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Which plural form a count takes in a locale: 'one' or 'other' in English and Spanish. */
export function pluralForm(n: number, ctx?: FormatContext): Intl.LDMLPluralRule {
  return cached(`r|${tag(ctx)}`, () => new Intl.PluralRules(tag(ctx))).select(n);
}

/** "1 call", "2 calls", "1,204 calls": the count formatted, the noun agreeing with it. */
export function formatCount(n: number, forms: { one: string; other: string }, ctx?: FormatContext): string {
  return `${formatNumber(n, ctx)} ${pluralForm(n, ctx) === 'one' ? forms.one : forms.other}`;
}
