import { differenceInCalendarDays, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eseWindow } from '../../../shared/common/ese';
import { maskSsns } from '../../../shared/node/ese/redact';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('properties', () => {
  it('no full SSN survives masking, whatever text surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), digits(3), digits(2), digits(4), fc.constantFrom('-', ' ', ''), fc.string({ maxLength: 40 }), (before, a, b, c, sep, after) => {
        const ssn = `${a}${sep}${b}${sep}${c}`;
        // Only when the number stands alone (a longer digit run is not an SSN, e.g. a phone with area code).
        fc.pre(!/\d$/.test(before) && !/^\d/.test(after));
        // The detector's decided exceptions (shared/common/privacy/ssnText.ts): a bare run right after letters is an
        // identifier (member id M000000001), after a currency sign an amount, after "case"/"app"/"NPN" a number.
        fc.pre(!(sep === '' && /(\p{L}|[$€£¢]\s*|(case|application|app|npn|member|agent|producer)\W*)$/iu.test(before)));
        const masked = maskSsns(`${before}${ssn}${after}`);
        expect(masked).not.toContain(ssn);
        expect(masked).toContain(`***-**-${c}`);
      }),
      { numRuns: 500 },
    );
  });

  it('the window always ends 60 calendar days after it opens, and daysLeft counts to that day', () => {
    fc.assert(
      fc.property(day, day, (known, today) => {
        const w = eseWindow(known, today)!;
        expect(differenceInCalendarDays(parseISO(w.lastDay), parseISO(w.opens))).toBe(60);
        expect(w.daysLeft).toBe(differenceInCalendarDays(parseISO(w.lastDay), parseISO(today)));
        expect(w.state === 'closed').toBe(w.daysLeft < 0);
      }),
      { numRuns: 500 },
    );
  });
});
