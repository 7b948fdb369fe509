import { describe, expect, it } from '@jest/globals';
import { formatDay, formatDuration, formatRatio, formatRelative, formatUsd, previousDay } from './format';

describe('formatUsd', () => {
  it.each([
    ['1234.565', '$1,234.57'],
    ['0.005', '$0.01'],
    ['0.004999999999999999999', '$0.00'],
    ['12345678901234567.89', '$12,345,678,901,234,567.89'],
    ['-3.1', '-$3.10'],
    ['0', '$0.00'],
    [null, '—'],
    ['n/a', '—'],
  ])('formats %p as %p from the decimal itself', (amount, text) => {
    expect(formatUsd(amount)).toBe(text);
  });
});

describe('formatRatio', () => {
  it.each([
    ['0.425', '42.5%'],
    ['1', '100%'],
    ['0', '0%'],
    [null, '—'],
  ])('formats %p as %p', (ratio, text) => {
    expect(formatRatio(ratio)).toBe(text);
  });
});

describe('days', () => {
  it.each([
    ['2026-03-01', '2026-02-28'],
    ['2028-03-01', '2028-02-29'],
    ['2027-01-01', '2026-12-31'],
  ])('returns the day before %s: %s', (day, before) => {
    expect(previousDay(day)).toBe(before);
  });
  it('formats a day in UTC whatever the browser zone', () => {
    expect(formatDay('2026-11-26')).toBe('Nov 26, 2026');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it.each([
    ['2026-11-27T11:59:55Z', 'just now'],
    ['2026-11-27T11:55:00Z', '5 minutes ago'],
    ['2026-11-27T09:00:00Z', '3 hours ago'],
    ['2026-11-26T12:00:00Z', 'yesterday'],
    [null, 'never'],
  ])('says %p is %p', (iso, text) => {
    expect(formatRelative(iso, now)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    ['2026-11-27T12:00:00Z', '2026-11-27T12:00:08Z', '8 s'],
    ['2026-11-27T12:00:00Z', '2026-11-27T12:01:05Z', '1 min 5 s'],
    ['2026-11-27T12:00:00Z', null, null],
  ])('from %s to %s is %p', (start, end, text) => {
    expect(formatDuration(start, end)).toBe(text);
  });
});
