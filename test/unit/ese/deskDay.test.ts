import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/common/clock';
import { calendarDayIn } from '../../../shared/common/localTime';
import { openTestDesk } from '../../helpers/temp';
import { testKeyEnv } from '../../helpers/deskKey';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

// 03:30 UTC on Dec 3 is still the evening of Dec 2 in Kentucky, Eastern or Central.
const LATE_EVENING = '2026-12-03T03:30:00.000Z';

describe('the desk’s calendar day', () => {
  it('is the day in the named zone, not the process’s', () => {
    expect(calendarDayIn(new Date(LATE_EVENING), 'America/Chicago')).toBe('2026-12-02');
    expect(calendarDayIn(new Date(LATE_EVENING), 'America/New_York')).toBe('2026-12-02');
    expect(calendarDayIn(new Date(LATE_EVENING), 'UTC')).toBe('2026-12-03');
    expect(calendarDayIn(new Date('2026-03-08T06:59:00.000Z'), 'America/Chicago')).toBe('2026-03-08');
  });

  it('is what an ESE intake is checked against and stamped with when KYNECT_TIME_ZONE sets the desk apart from its machine', () => {
    for (const [zone, day] of [
      ['America/Chicago', '2026-12-02'],
      ['UTC', '2026-12-03'],
    ] as const) {
      const t = openTestDesk({ clock: new ManualClock(LATE_EVENING), env: { ...testKeyEnv, KYNECT_TIME_ZONE: zone } });
      cleanups.push(() => t.close());
      expect(t.desk.services.ese.today(), zone).toBe(day);
      expect(t.desk.services.ese.getDraft('call:none').today, zone).toBe(day);
    }
  });
});
