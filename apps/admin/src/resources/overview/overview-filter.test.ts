import { describe, expect, it } from '@jest/globals';
import { addDays, isDay, validateCostRange, validateCustomRange } from './overview-filter';

const TODAY = '2025-06-11';

describe('validateCustomRange', () => {
  it.each([
    ['', '2025-06-10', 'from', 'Pick the first day'],
    ['2025-06-01', '', 'to', 'Pick the last day'],
    ['2025-13-01', '2025-06-10', 'from', 'Not a date (YYYY-MM-DD)'],
    ['2025-06-01', '2025-06-31', 'to', 'Not a date (YYYY-MM-DD)'],
    ['2025-06-10', '2025-06-01', 'to', 'The range ends before it starts'],
    ['2025-06-12', '2025-06-20', 'from', 'The range starts in the future'],
  ])('refuses from %p to %p at %s: %s', (from, to, field, message) => {
    expect(validateCustomRange(from, to, TODAY)).toEqual({ field, message });
  });

  it.each([
    ['2025-06-01', '2025-06-01'],
    ['2024-02-29', '2025-06-11'],
    ['2025-06-11', '2025-06-30'],
  ])('accepts from %s to %s', (from, to) => {
    expect(validateCustomRange(from, to, TODAY)).toBeNull();
  });
});

describe('validateCostRange', () => {
  it.each([
    ['', '', null],
    ['0', '', null],
    ['10.5', '10.50', null],
    ['abc', '', { field: 'costMin', message: 'A non-negative amount such as 10.50' }],
    ['', '-1', { field: 'costMax', message: 'A non-negative amount such as 10.50' }],
    ['100', '99.99', { field: 'costMax', message: 'Below the minimum' }],
  ])('checks min %p and max %p', (min, max, result) => {
    expect(validateCostRange(min, max)).toEqual(result);
  });
});

describe('days', () => {
  it.each([
    ['2025-02-28', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-6-1', false],
    ['yesterday', false],
  ])('isDay(%p) is %p', (text, ok) => {
    expect(isDay(text)).toBe(ok);
  });

  it.each([
    ['2025-06-30', 1, '2025-07-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
  ])('addDays(%s, %i) is %s', (day, n, next) => {
    expect(addDays(day, n)).toBe(next);
  });
});
