import { describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { csvCell } from './csv-cell';
import { CSV_PRECISION, roundTo } from './csv-precision';

describe('roundTo', () => {
  it.each([
    // regression: a ratio such as 1/3 was written with 40 digits
    [new Money(1).div(3), CSV_PRECISION.ratio, '0.3333'],
    [new Money(2).div(3).mul(100), CSV_PRECISION.change, '66.67'],
    [new Money('-12.345'), CSV_PRECISION.change, '-12.35'],
    [new Money('0.5'), CSV_PRECISION.ratio, '0.5'],
    [new Money('0.000000000125'), CSV_PRECISION.unitPrice, '0.0000000001'],
  ])('returns %s rounded to %i places as %s', (value, places, expected) => {
    expect(csvCell(roundTo(value, places))).toBe(expected);
  });

  it('returns null for an unknown figure', () => {
    expect(roundTo(null, 2)).toBeNull();
  });
});
