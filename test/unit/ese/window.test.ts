import { describe, expect, it } from 'vitest';
import { ESE_WINDOW_DAYS, eseWindow } from '../../../shared/common/ese';

// 003 §7.4: "select a new plan within 60 days of the date they knew or should have reasonably known".
describe('ESE plan-selection window (003 §7.4)', () => {
  it('is 60 days from the known-or-should-have-known date', () => {
    expect(ESE_WINDOW_DAYS).toBe(60);
    const w = eseWindow('2026-10-20', '2026-11-23')!;
    expect(w.opens).toBe('2026-10-20');
    expect(w.lastDay).toBe('2026-12-19');
    expect(w.state).toBe('open');
    expect(w.daysLeft).toBe(26);
    expect(w.text).toBe('The 60-day plan-selection window runs October 20, 2026 to December 19, 2026: 26 days left.');
  });

  it('counts from the known date, not the event date', () => {
    // The event was long ago; the resident only learned of it recently.
    expect(eseWindow('2026-11-01', '2026-11-23')!.lastDay).toBe('2026-12-31');
  });

  it('crosses month ends, leap days and years by the calendar', () => {
    expect(eseWindow('2028-01-15', '2028-01-15')!.lastDay).toBe('2028-03-15'); // 2028 is a leap year
    expect(eseWindow('2027-01-15', '2027-01-15')!.lastDay).toBe('2027-03-16');
    expect(eseWindow('2026-12-15', '2026-12-15')!.lastDay).toBe('2027-02-13');
  });

  it('says one day in the singular and marks the last day', () => {
    expect(eseWindow('2026-10-20', '2026-12-18')!.text).toMatch(/: 1 day left\.$/);
    const last = eseWindow('2026-10-20', '2026-12-19')!;
    expect(last.state).toBe('last_day');
    expect(last.daysLeft).toBe(0);
    expect(last.text).toMatch(/today is the last day/);
  });

  it('says how long ago it closed and that the request is still forwarded', () => {
    const w = eseWindow('2026-08-01', '2026-11-23')!;
    expect(w.state).toBe('closed');
    expect(w.daysLeft).toBe(-54);
    expect(w.text).toBe('The 60-day plan-selection window ran August 1, 2026 to September 30, 2026 and ended 54 days ago. Forward the request anyway: the committee decides.');
    expect(eseWindow('2026-08-01', '2026-10-01')!.text).toMatch(/ended 1 day ago/);
  });

  it('has not started when the date is after today', () => {
    const w = eseWindow('2026-12-01', '2026-11-23')!;
    expect(w.state).toBe('not_started');
    expect(w.text).toMatch(/has not started yet/);
  });

  it('shows nothing for a missing or half-typed date', () => {
    expect(eseWindow(undefined, '2026-11-23')).toBeNull();
    expect(eseWindow('', '2026-11-23')).toBeNull();
    expect(eseWindow('2026-10', '2026-11-23')).toBeNull();
    expect(eseWindow('2026-02-30', '2026-11-23')).toBeNull();
    expect(eseWindow('2026-10-20', 'today')).toBeNull();
  });
});
