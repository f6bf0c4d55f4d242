/**
 * Instants shown to people outside the app (ESE emails and PDFs) in the desk's time
 * zone, with the zone's abbreviation: Kentucky spans Eastern and Central time, so a
 * time without its zone would be read wrong by half the state (issue 12.4).
 */

/** An IANA zone name the runtime knows, or null. */
export function validTimeZone(zone: string | undefined | null): string | null {
  if (!zone) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** "November 23, 2026 at 10:04 AM EST". */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(d);
  // Some ICU builds put a narrow no-break space before AM/PM: plain spaces read the same everywhere.
  return `${day} at ${time}`.replace(/[\u202f\u00a0]/g, ' ');
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone: "today" on the desk's own calendar. */
export function calendarDay(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
