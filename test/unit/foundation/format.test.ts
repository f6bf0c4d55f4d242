import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatClock, formatCount, formatInstant, formatNumber, formatPercent } from '../../../shared/common/format';

/** The one locale-aware helper (issue 13 §3): English and Spanish, zones, calendar days that never shift. */
describe('format', () => {
  const at = '2026-12-03T15:05:00.000Z';
  it('formats an instant in the zone asked for, in English and in Spanish', () => {
    expect(formatInstant(at, 'time', { timeZone: 'America/New_York' })).toBe('10:05 AM');
    // Kentucky spans two zones: a desk in Bowling Green reads Central time.
    expect(formatInstant(at, 'time', { timeZone: 'America/Chicago' })).toBe('9:05 AM');
    expect(formatInstant(at, 'date', { timeZone: 'America/New_York' })).toBe('Dec 3, 2026');
    expect(formatInstant(at, 'dateTime', { locale: 'es', timeZone: 'America/New_York' })).toMatch(/^3 dic 2026, 10:05\s?a\.\s?m\.$/);
    expect(formatInstant(null)).toBe('—');
    expect(formatInstant('not a date')).toBe('not a date');
  });
  it('formats a calendar day as that day in any zone and any locale', () => {
    expect(formatCalendarDate('2026-01-01')).toBe('Jan 1, 2026');
    expect(formatCalendarDate('2026-01-01', { locale: 'es' })).toBe('1 ene 2026');
    expect(formatCalendarDate('2026-12-03', { locale: 'en' }, 'weekdayDate')).toBe('Thursday, December 3, 2026');
    expect(formatCalendarDate('2026-12-03', { locale: 'es' }, 'weekdayDate')).toBe('jueves, 3 de diciembre de 2026');
    expect(formatCalendarDate('03/12/2026')).toBe('03/12/2026');
    expect(formatCalendarDate(null)).toBe('—');
  });
  it('formats numbers, shares, clock readings and counts that agree with their nouns', () => {
    expect(formatNumber(1204.25)).toBe('1,204.3');
    expect(formatNumber(1204.25, { locale: 'es' })).toBe('1,204.3');
    expect(formatPercent(1, 3)).toBe('33%');
    expect(formatPercent(0, 0)).toBe('0%');
    expect(formatClock(125.4)).toBe('2:05');
    expect(formatClock(null)).toBe('—');
    expect(formatCount(1, { one: 'call', other: 'calls' })).toBe('1 call');
    expect(formatCount(0, { one: 'call', other: 'calls' })).toBe('0 calls');
    expect(formatCount(1204, { one: 'call', other: 'calls' })).toBe('1,204 calls');
    expect(formatCount(1, { one: 'llamada', other: 'llamadas' }, { locale: 'es' })).toBe('1 llamada');
  });
});
