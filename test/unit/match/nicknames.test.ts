import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nicknamesCsv } from '../../../shared/common/match/data/nicknames';
import { areNicknames, nicknamesOf, nicknameTableSize } from '../../../shared/common/match/nicknames';
import { dobVariants, compareDob } from '../../../shared/common/match/dates';
import { compareSsn, maskSsn } from '../../../shared/common/match/ssn';
import { queryKeyStrings, memberKeyStrings } from '../../../shared/common/match/blocking';

const dataDir = path.resolve(import.meta.dirname, '../../../shared/common/match/data');

describe('nickname table (shipped with its licence)', () => {
  it('is the licensed CSV byte for byte, with the Apache-2.0 licence beside it', () => {
    expect(nicknamesCsv).toBe(fs.readFileSync(path.join(dataDir, 'nicknames.csv'), 'utf8'));
    expect(fs.readFileSync(path.join(dataDir, 'NICKNAMES-LICENSE.txt'), 'utf8')).toMatch(/Apache License/);
    expect(nicknameTableSize()).toBeGreaterThan(1000);
  });
  it('relates Bill and William both ways, but not unrelated names', () => {
    expect(areNicknames('Bill', 'William')).toBe(true);
    expect(areNicknames('WILLIAM', 'bill')).toBe(true);
    expect(areNicknames('Peggy', 'Margaret')).toBe(true);
    expect(areNicknames('William', 'Robert')).toBe(false);
    expect(nicknamesOf('Elizabeth').has('BETH')).toBe(true);
  });
});

describe('date and SSN slips', () => {
  it('classifies day/month swaps, one digit off and transpositions', () => {
    expect(compareDob('1977-02-03', '1977-03-02')).toBe('swapped');
    expect(compareDob('1977-02-03', '1977-02-08')).toBe('one-digit');
    expect(compareDob('1977-02-03', '1977-02-30')).toBe('transposed');
    expect(compareDob('1977-02-03', '1990-07-21')).toBe('differs');
  });
  it('lists only real dates as variants, including the swap', () => {
    const v = dobVariants('1977-02-03');
    expect(v).toContain('1977-03-02');
    expect(v).toContain('1978-02-03');
    expect(v).not.toContain('1977-02-03');
    expect(v.every((d) => !Number.isNaN(Date.parse(d)))).toBe(true);
    expect(dobVariants('1977-02-28')).not.toContain('1977-02-29');
  });
  it('classifies SSN slips and masks to the last four', () => {
    expect(compareSsn('123456789', '123456780')).toBe('one-digit');
    expect(compareSsn('123456789', '123457689')).toBe('swapped');
    expect(compareSsn('123456789', null)).toBe('missing');
    expect(maskSsn('123456789')).toBe('***-**-6789');
  });
});

describe('blocking keys', () => {
  it('files a member under SSN, SSN last 4 + birth year, DOB + name codes, and a query probes slips', () => {
    const m = { firstName: 'William', lastName: 'Garcia-Lopez', dateOfBirth: '1977-02-03', ssn: '123456789' };
    const keys = memberKeyStrings(m);
    expect(keys).toContain('s:123456789');
    expect(keys).toContain('s4:6789:1977');
    expect(keys.filter((k) => k.startsWith('dl:1977-02-03:')).length).toBeGreaterThanOrEqual(2);
    const q = queryKeyStrings({ firstName: 'Bill', lastName: 'Garcia', dateOfBirth: '1977-03-02', ssn: null });
    expect(q.some((k) => keys.includes(k))).toBe(true);
    expect(q.some((k) => k.startsWith('s:'))).toBe(false);
  });
});
