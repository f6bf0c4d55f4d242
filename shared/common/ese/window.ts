import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { isRealDate } from '../validation';

/**
 * 003 §7.4: residents granted an ESE "must select a new plan within 60 days of
 * the date they knew or should have reasonably known of the triggering event".
 * We read "within 60 days of" as: the window opens on that date and its last
 * day is that date + 60 calendar days (same reading as the 004 table's "has 60
 * days after the qualifying event").
 */
export const ESE_WINDOW_DAYS = 60;

export type EseWindowState = 'not_started' | 'open' | 'last_day' | 'closed';

export interface EseWindow {
  /** The known-or-should-have-known date (YYYY-MM-DD). */
  opens: string;
  /** The last day a plan can be selected if the ESE is granted (YYYY-MM-DD). */
  lastDay: string;
  state: EseWindowState;
  /** Days from today to the last day; negative once closed. */
  daysLeft: number;
  /** One sentence for the screen, the email and the PDF. */
  text: string;
}

const human = (d: Date) => format(d, 'MMMM d, yyyy');

/**
 * The plan-selection window from the known-or-should-have-known date. Pure:
 * `today` is passed in (YYYY-MM-DD in the desk's time zone). Returns null when
 * the date is missing or not a real day, so a half-typed form shows nothing.
 */
export function eseWindow(knownDate: string | undefined | null, today: string): EseWindow | null {
  if (!knownDate || !isRealDate(knownDate) || !isRealDate(today)) return null;
  const opens = parseISO(knownDate);
  const last = addDays(opens, ESE_WINDOW_DAYS);
  const now = parseISO(today);
  const daysLeft = differenceInCalendarDays(last, now);
  const range = `${human(opens)} to ${human(last)}`;
  let state: EseWindowState;
  let text: string;
  if (differenceInCalendarDays(opens, now) > 0) {
    state = 'not_started';
    text = `The 60-day plan-selection window would run ${range}; it has not started yet.`;
  } else if (daysLeft > 0) {
    state = 'open';
    text = `The 60-day plan-selection window runs ${range}: ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left.`;
  } else if (daysLeft === 0) {
    state = 'last_day';
    text = `The 60-day plan-selection window runs ${range}: today is the last day.`;
  } else {
    state = 'closed';
    const ago = -daysLeft;
    text = `The 60-day plan-selection window ran ${range} and ended ${ago} ${ago === 1 ? 'day' : 'days'} ago. Forward the request anyway: the committee decides.`;
  }
  return { opens: knownDate, lastDay: format(last, 'yyyy-MM-dd'), state, daysLeft, text };
}
