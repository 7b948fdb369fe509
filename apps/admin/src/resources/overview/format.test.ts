import { describe, expect, it } from '@jest/globals';
import { formatChange, formatCount, formatNumber, formatRatio, formatUnitPrice, formatUsd } from './format';

describe('format', () => {
  it.each([
    ['1234567.125', '$1,234,567.13'],
    ['-3.5', '-$3.50'],
    ['-0.001', '$0.00'],
    ['0', '$0.00'],
    [null, '—'],
  ])('formatUsd(%p) is %s', (value, text) => {
    expect(formatUsd(value)).toBe(text);
  });

  it.each([
    ['2.5', '$2.50'],
    ['0.04', '$0.04'],
    ['0.000125', '$0.000125'],
    ['0.0400001', '$0.04'],
  ])('formatUnitPrice(%p) is %s', (value, text) => {
    expect(formatUnitPrice(value)).toBe(text);
  });

  it.each([
    [1234567, '1,234,567'],
    [0, '0'],
    [null, 'N/A'],
  ])('formatCount(%p) is %s', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });

  it.each([
    ['0.4512', '45.1%'],
    ['1', '100.0%'],
    ['1.25', '125.0%'],
    ['0.005', '0.5%'],
    [null, '—'],
  ])('formatRatio(%p) is %s', (value, text) => {
    expect(formatRatio(value)).toBe(text);
  });

  it.each([
    ['12.34', '+12.3%'],
    ['-3', '-3.0%'],
    ['1500', '+1,500.0%'],
    [null, null],
  ])('formatChange(%p) is %p', (value, text) => {
    expect(formatChange(value)).toBe(text);
  });

  it('formats plain decimals grouped, N/A when unknown', () => {
    expect(formatNumber('12345.678', 1)).toBe('12,345.7');
    expect(formatNumber(null)).toBe('N/A');
  });
});
