import { describe, expect, it } from '@jest/globals';
import { chargeCategoryOf, focusUnit, periodsOf, usageQuantity } from './focus-line';

describe('periodsOf', () => {
  it.each([
    ['2025-06-10', '2025-06-10T00:00:00Z', '2025-06-11T00:00:00Z', '2025-06-01T00:00:00Z', '2025-07-01T00:00:00Z'],
    ['2025-02-28', '2025-02-28T00:00:00Z', '2025-03-01T00:00:00Z', '2025-02-01T00:00:00Z', '2025-03-01T00:00:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z', '2024-03-01T00:00:00Z', '2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z'],
    ['2024-12-31', '2024-12-31T00:00:00Z', '2025-01-01T00:00:00Z', '2024-12-01T00:00:00Z', '2025-01-01T00:00:00Z'],
    ['2025-03-30', '2025-03-30T00:00:00Z', '2025-03-31T00:00:00Z', '2025-03-01T00:00:00Z', '2025-04-01T00:00:00Z'], // EU DST day: UTC has none
  ])('returns the UTC day and calendar month of %s', (day, cs, ce, bs, be) => {
    expect(periodsOf(day)).toEqual({ chargePeriod: { start: cs, end: ce }, billingPeriod: { start: bs, end: be } });
  });
});

describe('usageQuantity', () => {
  it.each([
    [
      { unit: 'images', quantity: '12.000', input_tokens: '50', output_tokens: '0' },
      { quantity: '12', unit: 'Images' },
    ],
    [
      { unit: 'seconds', quantity: '5.50' },
      { quantity: '5.5', unit: 'Seconds' },
    ],
    [
      { unit: 'megapixels', quantity: '0.000000001' },
      { quantity: '0.000000001', unit: 'Megapixels' },
    ],
    [
      { unit: 'gpu_hours', quantity: '2' },
      { quantity: '2', unit: 'Gpu_hours' },
    ],
    [
      { input_tokens: '9007199254740993', output_tokens: '2', requests: '5' },
      { quantity: '9007199254740995', unit: 'Tokens' },
    ],
    [
      { input_tokens: '100', output_tokens: null, requests: '5' },
      { quantity: '5', unit: 'Requests' },
    ],
    [{ input_tokens: null, output_tokens: null, requests: null, unit: null, quantity: null }, null],
    [{ unit: 'images', quantity: null }, null],
  ])('reads %p as %p', (raw, expected) => {
    expect(usageQuantity(raw)).toEqual(expected);
  });
});

describe('focusUnit', () => {
  it.each([
    ['images', 'Images'],
    ['Credits', 'Credits'],
    ['characters', 'Characters'],
    ['frames', 'Frames'],
  ])('writes %s as %s', (unit, expected) => {
    expect(focusUnit(unit)).toBe(expected);
  });
});

describe('chargeCategoryOf', () => {
  it.each([
    [{ charge_kind: 'usage', is_credit_line: false }, 'Usage'],
    [{ charge_kind: 'image', is_credit_line: false }, 'Usage'],
    [{ charge_kind: 'other', is_credit_line: false }, 'Usage'],
    [{ charge_kind: 'tax_fee', is_credit_line: false }, 'Tax'],
    [{ charge_kind: 'credit', is_credit_line: false }, 'Credit'],
    [{ charge_kind: 'usage', is_credit_line: true }, 'Credit'],
  ])('returns the category of %p', (raw, expected) => {
    expect(chargeCategoryOf(raw)).toBe(expected);
  });
});
