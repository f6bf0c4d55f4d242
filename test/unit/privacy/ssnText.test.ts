import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsSsn, findSsns, maskSsnsInText } from '../../../shared/common/privacy/ssnText';

/**
 * Issue 14 §1: one detector, Unicode-normalised, every separator. fast-check
 * writes SSNs the ways reps (and pastes) do; the same rules keep phone numbers,
 * dates, labelled case numbers and NPNs whole.
 */
const scripts = [0x30, 0xff10, 0x660, 0x966, 0x1d7ce, 0x9e6] as const; // ASCII, fullwidth, Arabic-Indic, Devanagari, math bold, Bengali
const ignorables = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202c', '\u202a', '\u2066', '\u2069', '\u00ad', '\u200e', '\u200f', '\u0301'];
const strongSeps = ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe63', '\uff0d', '.', '\u00b7', '\u2022', '_', '/', '\uff0e'];
const weakSeps = [' ', '\t', '\u00a0', '\u3000', '\u2009', '\u202f'];

/** A partition of 9 into group sizes. */
const grouping = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 9 }).map((xs) => {
  const out: number[] = [];
  let left = 9;
  for (const x of xs) {
    if (left === 0) break;
    const take = Math.min(x, left);
    out.push(take);
    left -= take;
  }
  if (left) out.push(left);
  return out;
});
const separator = fc.oneof(
  fc.array(fc.constantFrom(...weakSeps), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
  fc.tuple(fc.constantFrom('', ' '), fc.constantFrom(...strongSeps), fc.constantFrom('', ' ')).map(([a, b, c]) => a + b + c),
);
// Words around the number; not the labels that make a bare number a case, application, NPN or member number (a decided exception).
const word = fc.stringMatching(/^[A-Za-z]{1,8}$/).filter((w) => !/^(case|application|app|npn|member|agent|producer)$/i.test(w));
const label = fc.constantFrom('', 'SSN ', 'ssn: ', 'SSN# ', 'Social Security number ', 'social ', 'her SSN is ', 'SS no. ');

const shaped = fc
  .record({
    digits: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
    groups: grouping,
    seps: fc.array(separator, { minLength: 8, maxLength: 8 }),
    script: fc.constantFrom(...scripts),
    noise: fc.array(fc.tuple(fc.nat(40), fc.constantFrom(...ignorables)), { maxLength: 4 }),
    before: fc.array(word, { maxLength: 3 }),
    after: fc.array(word, { maxLength: 3 }),
    label,
  })
  .map((r) => {
    let i = 0;
    const parts: string[] = [];
    const groupDigits: string[] = [];
    r.groups.forEach((size, gi) => {
      const ds = r.digits.slice(i, i + size);
      i += size;
      groupDigits.push(ds.join(''));
      if (gi > 0) parts.push(r.seps[gi - 1]!);
      parts.push(ds.map((d) => String.fromCodePoint(r.script + d)).join(''));
    });
    let ssn = parts.join('');
    // Invisible characters anywhere inside the number.
    for (const [at, ch] of r.noise) {
      const cps = [...ssn];
      const k = 1 + (at % Math.max(1, cps.length - 1));
      cps.splice(k, 0, ch);
      ssn = cps.join('');
    }
    const text = [...r.before, `${r.label}${ssn}`, ...r.after].join(' ');
    return { text, digits: r.digits.join(''), groupDigits, seps: r.seps.slice(0, r.groups.length - 1) };
  });

/** The decided exception: three groups with one visible separator that read as a calendar date are a date. */
function readsAsDate(groups: string[], seps: string[]): boolean {
  const strong = seps.map((s) => s.trim());
  for (let g = 0; g + 2 < groups.length; g++) {
    if (!strong[g] || strong[g] !== strong[g + 1]) continue;
    const [a, b, c] = [groups[g]!, groups[g + 1]!, groups[g + 2]!];
    const m = (s: string) => s.length <= 2 && +s >= 1 && +s <= 12;
    const d = (s: string) => s.length <= 2 && +s >= 1 && +s <= 31;
    const y = (s: string) => s.length === 4 && +s >= 1900 && +s <= 2099;
    if ((y(a) && m(b) && d(c)) || (m(a) && d(b) && y(c)) || (d(a) && m(b) && y(c))) return true;
  }
  return false;
}

const plainNine = (s: string) => /\d{9}/.test(s.normalize('NFKC').replace(/[\p{Cf}\p{Mn}\s\p{Pd}\u2212._/\u00b7\u2022]/gu, ''));

describe('the SSN detector', () => {
  it('finds every shape fast-check writes: any grouping, every separator, any script of digits, invisible characters inside, a label or none', () => {
    fc.assert(
      fc.property(shaped, ({ text, digits, groupDigits, seps }) => {
        fc.pre(!readsAsDate(groupDigits, seps));
        const found = findSsns(text);
        expect(found.map((f) => f.digits)).toEqual([digits]);
        const masked = maskSsnsInText(text);
        expect(masked).toContain(`***-**-${digits.slice(-4)}`);
        expect(containsSsn(masked)).toBe(false);
        expect(plainNine(masked)).toBe(false);
        expect(maskSsnsInText(masked)).toBe(masked);
      }),
      { numRuns: 3000 },
    );
  });

  it('the shapes of the campaign, one by one', () => {
    for (const s of [
      '123.45.6789',
      '123–45–6789',
      '123—45—6789',
      '123\u200b-45-6789',
      '１２３-４５-６７８９',
      '1 2 3 4 5 6 7 8 9',
      'SSN 123-456-789',
      '123456789',
      '123 - 45 - 6789',
      '123\u202e45\u202c6789',
      '١٢٣-٤٥-٦٧٨٩',
      '123/45/6789',
    ]) {
      expect(maskSsnsInText(`Resident read out ${s} on the call.`), s).toBe(`Resident read out ${s.startsWith('SSN ') ? 'SSN ' : ''}***-**-6789 on the call.`);
    }
  });

  it('leaves phone numbers, dates, amounts, ZIP+4, labelled case and application numbers, NPNs and other lengths exactly as typed', () => {
    const keepAsIs = [
      'call 502-555-0134 back',
      '(502) 555-0134',
      '502.555.0134',
      '5025550134',
      '+1 502 555 0134',
      '1-855-326-4650',
      'born 1977-02-03 and 02/03/1977',
      'on 2026-11-22 3 calls',
      'case 100300113',
      'Case #: 100300113',
      'case number 100300113',
      'application 123456789',
      'app# 123456789',
      'NPN 123456789',
      'agent id 123456789',
      'member 123456789',
      '$1234567.89 owed',
      'Frankfort, KY 40601-1234',
      'ID A123456789',
      '12345678 and 1234567890',
      '1234 5678 9012 3456',
      '1 2 3 4 5 6 7 8 9 10',
      'last 4: 6789, ***-**-6789',
      'ref ESE-2026-000123',
    ];
    for (const t of keepAsIs) expect(maskSsnsInText(t), t).toBe(t);
  });

  it('keeps the number a field says is a case number, however it was typed', () => {
    expect(maskSsnsInText('See 100-300-113 and 100300113; SSN 123456789', { keep: ['100300113'] })).toBe('See 100-300-113 and 100300113; SSN ***-**-6789');
  });

  it('a list keeps its phone number and masks its SSN', () => {
    expect(maskSsnsInText('502-555-0123 123-45-6789')).toBe('502-555-0123 ***-**-6789');
    expect(maskSsnsInText('2026-11-22 123-45-6789')).toBe('2026-11-22 ***-**-6789');
  });

  it('phone numbers of every common shape are never touched (property)', () => {
    const d = fc.integer({ min: 0, max: 9 });
    fc.assert(
      fc.property(fc.array(d, { minLength: 10, maxLength: 10 }), fc.constantFrom('-', '.', ' ', '', '–'), fc.constantFrom('', '+1 ', '1-'), (ds, sep, cc) => {
        const s = ds.join('');
        const phone = `${cc}${s.slice(0, 3)}${sep}${s.slice(3, 6)}${sep}${s.slice(6)}`;
        expect(maskSsnsInText(`Callback ${phone} after 5.`)).toBe(`Callback ${phone} after 5.`);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, and masking twice is masking once, on any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: fc.constantFrom('1', '2', '9', '-', ' ', '.', '\u200b', '１', 'a', '\n'), maxLength: 60 }),
        (a, b) => {
          const t = a + b;
          const once = maskSsnsInText(t);
          expect(maskSsnsInText(once)).toBe(once);
          expect(containsSsn(once)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
