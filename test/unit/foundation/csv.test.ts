import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from '../../../shared/common/csv';

describe('CSV for spreadsheets (issues 15.6, 18.3)', () => {
  it('neutralises cells a spreadsheet would run as a formula: quoted and led by an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","Click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(csvCell('+1-555-0100')).toBe(`"'+1-555-0100"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvCell('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('leaves ordinary text, numbers and empty cells as they are, quoting only what CSV needs', () => {
    expect(csvCell('Dana Whitfield')).toBe('Dana Whitfield');
    expect(csvCell('Sex must be M, F or U.')).toBe('"Sex must be M, F or U."');
    expect(csvCell('say "yes"')).toBe('"say ""yes"""');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('reads back as the same cells (apostrophe aside) with a real CSV parser, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const parsed: string[][] = parse(csvDocument(['a', 'b'], rows), { columns: false, record_delimiter: '\r\n', relax_column_count: false });
        expect(parsed[0]).toEqual(['a', 'b']);
        const expected = rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
        expect(parsed.slice(1)).toEqual(expected);
        for (const r of parsed.slice(1)) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 500 },
    );
  });
});
