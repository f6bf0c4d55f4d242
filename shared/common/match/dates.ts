import { isRealDate } from '../validation';

/**
 * Date-of-birth variants that member match treats as the same person entered with a
 * slip (issue 4 §2, issue 16 §1): day and month swapped, the birth year one or ten
 * years off (a caller giving the wrong age, or one digit of the year), one calendar day
 * off, one digit off, or two neighbouring digits transposed. Dates are YYYY-MM-DD.
 *
 * The more specific slips win over "one digit off": 1977-02-03 → 1978-02-03 is
 * "year-off", 1977-02-03 → 1977-02-04 is "day-off", 1977-02-03 → 1977-02-08 is
 * "one-digit". Each level has its own weight (scoring.ts): a year or day off is a far
 * rarer coincidence between strangers than "any one digit differs".
 */
export type DobAgreement = 'exact' | 'swapped' | 'year-off' | 'day-off' | 'one-digit' | 'transposed' | 'differs';

export function compareDob(a: string, b: string): DobAgreement {
  if (a === b) return 'exact';
  if (swapDayMonth(a) === b) return 'swapped';
  if (a.length === 10 && b.length === 10 && a.slice(4) === b.slice(4)) {
    const years = Math.abs(Number(a.slice(0, 4)) - Number(b.slice(0, 4)));
    if (years === 1 || years === 10) return 'year-off';
  }
  if (daysApart(a, b) === 1) return 'day-off';
  const da = a.replace(/-/g, '');
  const db = b.replace(/-/g, '');
  if (da.length !== 8 || db.length !== 8) return 'differs';
  const diff: number[] = [];
  for (let i = 0; i < 8; i++) if (da[i] !== db[i]) diff.push(i);
  if (diff.length === 1) return 'one-digit';
  if (diff.length === 2 && diff[1] === diff[0]! + 1 && da[diff[0]!] === db[diff[1]] && da[diff[1]] === db[diff[0]!]) {
    return 'transposed';
  }
  return 'differs';
}

/** Whole days between two YYYY-MM-DD dates, or NaN when either is not a date. */
function daysApart(a: string, b: string): number {
  const ta = Date.parse(`${a}T00:00:00Z`);
  const tb = Date.parse(`${b}T00:00:00Z`);
  return Math.abs(ta - tb) / 86_400_000;
}

/** "1977-02-03" → "1977-03-02", or null when the swapped date is not a real day or is the same. */
export function swapDayMonth(dob: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob);
  if (!m) return null;
  const swapped = `${m[1]}-${m[3]}-${m[2]}`;
  return swapped !== dob && isRealDate(swapped) ? swapped : null;
}

/** The same month and day `years` later (or earlier), or null when that day does not exist (29 February). */
export function shiftYears(dob: string, years: number): string | null {
  const y = Number(dob.slice(0, 4)) + years;
  const v = `${String(y).padStart(4, '0')}${dob.slice(4)}`;
  return isRealDate(v) ? v : null;
}

/** The calendar day before or after. */
export function shiftDays(dob: string, days: number): string | null {
  const t = Date.parse(`${dob}T00:00:00Z`);
  if (Number.isNaN(t)) return null;
  const v = new Date(t + days * 86_400_000).toISOString().slice(0, 10);
  return isRealDate(v) ? v : null;
}

/**
 * Every real date one slip away from `dob`: the day/month swap, the year one or ten
 * off, the day before and after, each single digit replaced by another, and each pair
 * of adjacent digits transposed. The blocking step probes these so a mistyped birth
 * date still finds its member through the index.
 */
export function dobVariants(dob: string): string[] {
  const out = new Set<string>();
  const swapped = swapDayMonth(dob);
  if (swapped) out.add(swapped);
  const digits = dob.replace(/-/g, '');
  if (!/^\d{8}$/.test(digits)) return [...out];
  for (const y of [-10, -1, 1, 10]) {
    const v = shiftYears(dob, y);
    if (v) out.add(v);
  }
  for (const d of [-1, 1]) {
    const v = shiftDays(dob, d);
    if (v) out.add(v);
  }
  const fmt = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  for (let i = 0; i < 8; i++) {
    for (let c = 0; c <= 9; c++) {
      const ch = String(c);
      if (ch === digits[i]) continue;
      const v = fmt(digits.slice(0, i) + ch + digits.slice(i + 1));
      if (isRealDate(v)) out.add(v);
    }
    if (i < 7 && digits[i] !== digits[i + 1]) {
      const t = fmt(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
      if (isRealDate(t)) out.add(t);
    }
  }
  out.delete(dob);
  return [...out];
}

export function birthYear(dob: string): string {
  return dob.slice(0, 4);
}
