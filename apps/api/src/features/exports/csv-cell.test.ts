import { describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { csvCell, neutralizeCell, type CsvValue } from './csv-cell';

describe('neutralizeCell', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
    ["+1+cmd|' /C calc'!A0", `'+1+cmd|' /C calc'!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['Research', 'Research'],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ['', ''],
  ])('writes %p as %p', (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });
});

describe('csvCell', () => {
  it.each<[CsvValue, string]>([
    [new Money('123456789.123456789012345'), '123456789.123456789012345'],
    [new Money('-3.5'), '-3.5'], // a refund stays a number
    [new Money('0.000000001'), '0.000000001'], // never an exponent
    [new Money('1e21'), '1000000000000000000000'],
    [1500, '1500'],
    [Number.NaN, ''],
    [true, 'true'],
    [false, 'false'],
    [new Date('2025-06-11T03:00:00Z'), '2025-06-11T03:00:00.000Z'],
    ['2025-06-10', '2025-06-10'],
    ['-sk-proj-…', `'-sk-proj-…`],
    [null, ''],
    [undefined, ''],
  ])('writes %p as %p', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});
