import { describe, expect, it } from 'vitest';
import { canonicalName, digitsOnly, nameLetters, nameParts } from '../../../shared/common/match/normalize';
import { compareFirstName, compareLastName } from '../../../shared/common/match/comparators';

describe('name normalization (issue 4 §2: letter case, surrounding and repeated spaces ignored)', () => {
  it('ignores letter case and surrounding or repeated spaces for the Full comparison', () => {
    expect(canonicalName('  mary   ann ')).toBe('MARY ANN');
    expect(canonicalName('McDonald')).toBe(canonicalName('MCDONALD'));
    expect(compareFirstName('  john ', 'JOHN').level).toBe('exact');
    expect(compareLastName('van   der  berg', 'Van Der Berg').level).toBe('exact');
  });

  it('keeps punctuation and hyphens significant for Full, but close for Partial', () => {
    expect(canonicalName("O'Brien")).not.toBe(canonicalName('OBrien'));
    expect(compareLastName("O'Brien", 'OBRIEN').level).toBe('spelling');
    expect(compareFirstName('Mary-Jane', 'Mary Jane').level).toBe('spelling');
  });

  it('folds accents and splits hyphenated names into parts', () => {
    expect(nameLetters('Núñez')).toBe('NUNEZ');
    expect(nameParts("O'Neil-Smith")).toEqual(['ONEIL', 'SMITH']);
    expect(nameParts('  garcia   lopez ')).toEqual(['GARCIA', 'LOPEZ']);
    expect(compareLastName('Garcia', 'Garcia-Lopez').level).toBe('part');
  });

  it('keeps only digits of an SSN as typed', () => {
    expect(digitsOnly('123-45-6789')).toBe('123456789');
  });
});
