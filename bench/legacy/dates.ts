import { isRealDate } from '../../shared/common/validation';

/**
 * Date-of-birth variants that member match treats as the same person entered with a
 * slip (issue 4 §2): day and month swapped, or one digit off. Dates are YYYY-MM-DD.
 */
export type DobAgreement = 'exact' | 'swapped' | 'one-digit' | 'transposed' | 'differs';

export function compareDob(a: string, b: string): DobAgreement {
  if (a === b) return 'exact';
  if (swapDayMonth(a) === b) return 'swapped';
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

/** "1977-02-03" → "1977-03-02", or null when the swapped date is not a real day or is the same. */
export function swapDayMonth(dob: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob);
  if (!m) return null;
  const swapped = `${m[1]}-${m[3]}-${m[2]}`;
  return swapped !== dob && isRealDate(swapped) ? swapped : null;
}

/**
 * Every real date one slip away from `dob`: the day/month swap, each single digit
 * replaced by another, and each pair of adjacent digits transposed. The blocking step
 * probes these so a mistyped birth date still finds its member through the index.
 */
export function dobVariants(dob: string): string[] {
  const out = new Set<string>();
  const swapped = swapDayMonth(dob);
  if (swapped) out.add(swapped);
  const digits = dob.replace(/-/g, '');
  if (!/^\d{8}$/.test(digits)) return [...out];
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
