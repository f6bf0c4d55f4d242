import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler, osaDistanceWithin } from '../../../shared/common/match/stringMetrics';

/** The definitions written out plainly, with no trimming, banding or early exit, to check the fast ones against. */
function naiveOsa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function naiveJaro(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const range = Math.max(Math.floor(Math.max(a.length, b.length) / 2) - 1, 0);
  const usedB = new Array<boolean>(b.length).fill(false);
  const matchedA: string[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - range); j < Math.min(b.length, i + range + 1); j++) {
      if (!usedB[j] && a[i] === b[j]) {
        usedB[j] = true;
        matchedA.push(a[i]!);
        break;
      }
    }
  }
  const m = matchedA.length;
  if (!m) return 0;
  const matchedB = [...b].filter((_, j) => usedB[j]);
  const t = Math.floor(matchedA.filter((c, k) => c !== matchedB[k]).length / 2);
  return (m / a.length + m / b.length + (m - t) / m) / 3;
}

const letters = fc.string({ unit: fc.constantFrom(..."ABCDEHILMNORSTY' -"), maxLength: 16 });

describe('string metrics for name typos (replacing talisman)', () => {
  it('gives the published Jaro-Winkler values (Winkler 1990; the usual worked examples)', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('SMITH', 'SMITH')).toBe(1);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
    expect(jaroWinkler('', 'A')).toBe(0);
  });

  it('gives the textbook edit distances, swaps of neighbours costing one', () => {
    expect(osaDistanceWithin(3, 'CA', 'AC')).toBe(1);
    expect(osaDistanceWithin(3, 'JOHNSON', 'JONSON')).toBe(1);
    expect(osaDistanceWithin(3, 'CA', 'ABC')).toBe(3); // OSA, not unrestricted Damerau (which says 2)
    expect(osaDistanceWithin(3, 'KITTEN', 'SITTING')).toBe(3);
    expect(osaDistanceWithin(2, 'KITTEN', 'SITTING')).toBe(Infinity);
    expect(osaDistanceWithin(1, 'WILLIAMS', 'WILLIAMS')).toBe(0);
    expect(osaDistanceWithin(1, '', 'A')).toBe(1);
    expect(osaDistanceWithin(1, '', 'AB')).toBe(Infinity);
  });

  it('equals the plain definitions on random names, within any limit', () => {
    fc.assert(
      fc.property(letters, letters, fc.integer({ min: 0, max: 5 }), (a, b, max) => {
        const d = naiveOsa(a, b);
        expect(osaDistanceWithin(max, a, b)).toBe(d <= max ? d : Infinity);
        expect(jaro(a, b)).toBeCloseTo(naiveJaro(a, b), 12);
      }),
      { numRuns: 20_000 },
    );
  });

  it('is symmetric and bounded', () => {
    fc.assert(
      fc.property(letters, letters, (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(jaro(a, b)).toBeCloseTo(jaro(b, a), 12);
        expect(osaDistanceWithin(20, a, b)).toBe(osaDistanceWithin(20, b, a));
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps working after a longer name than its buffers hold', () => {
    const long = 'A'.repeat(200) + 'B';
    expect(osaDistanceWithin(2, long, 'A'.repeat(200) + 'C')).toBe(1);
    expect(jaro(long, long.slice(1))).toBeGreaterThan(0.9);
    expect(osaDistanceWithin(1, 'CA', 'AC')).toBe(1);
  });
});
