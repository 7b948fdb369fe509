import { describe, expect, it } from '@jest/globals';
import {
  compareDecimals,
  divideDecimals,
  isDecimal,
  percentChange,
  roundDecimal,
  subtractDecimals,
  sumDecimals,
} from './decimal';

describe('decimal', () => {
  it.each([
    [['0.1', '0.2'], '0.3'],
    [['1234.5678', '0.0022', '-0.57'], '1234'],
    [['-1', '0.25'], '-0.75'],
    [['99999999999999999999.99', '0.01'], '100000000000000000000'],
    [[], '0'],
  ])('sums %p exactly to %s', (values, total) => {
    expect(sumDecimals(values)).toBe(total);
  });

  it.each([
    ['10', '2.5', '7.5'],
    ['0.1', '0.3', '-0.2'],
    ['5', '5', '0'],
  ])('subtracts %s − %s = %s', (a, b, diff) => {
    expect(subtractDecimals(a, b)).toBe(diff);
  });

  it.each([
    ['1.50', '1.5', 0],
    ['2', '10', -1],
    ['-0.01', '-0.02', 1],
  ] as const)('compares %s with %s as %i', (a, b, order) => {
    expect(compareDecimals(a, b)).toBe(order);
  });

  it.each([
    ['1.005', 2, '1.01'],
    ['-1.005', 2, '-1.01'],
    ['1.004999', 2, '1.00'],
    ['7', 2, '7.00'],
    ['0.5', 0, '1'],
    ['123.456789', 4, '123.4568'],
  ])('rounds %s to %i digits as %s', (value, digits, rounded) => {
    expect(roundDecimal(value, digits)).toBe(rounded);
  });

  it.each([
    ['1', '3', 4, '0.3333'],
    ['2', '3', 2, '0.67'],
    ['10', '0', 2, null],
    ['-1', '8', 3, '-0.125'],
    ['0.05', '0.2', 2, '0.25'],
  ])('divides %s by %s to %i digits as %p', (a, b, digits, quotient) => {
    expect(divideDecimals(a, b, digits)).toBe(quotient);
  });

  it.each([
    ['120', '100', '20.00'],
    ['50', '200', '-75.00'],
    ['1', '3', '-66.67'],
    ['5', '0', null],
  ])('gives the percent change from %s to %s… as %p', (current, previous, change) => {
    expect(percentChange(current, previous)).toBe(change);
  });

  it.each([
    ['12', true],
    ['-3.50', true],
    ['1e5', false],
    ['', false],
    ['1.', false],
    ['abc', false],
  ])('isDecimal(%p) is %p', (text, ok) => {
    expect(isDecimal(text)).toBe(ok);
  });
});
