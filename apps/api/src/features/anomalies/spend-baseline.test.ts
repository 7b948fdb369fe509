import { describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { computeBaseline, hasWeeklyPattern } from './spend-baseline';

const series = (f: (i: number) => string, n = 29) => Array.from({ length: n }, (_, i) => new Money(f(i)));

describe('computeBaseline', () => {
  it('returns the median and MAD of the 28 days before the day', () => {
    const b = computeBaseline(
      series((i) => (i % 2 === 0 ? '100' : '110')),
      28,
    );
    expect([b.expected.toString(), b.mad.toString(), b.isWeekly, b.isSteady]).toEqual(['105', '5', false, true]);
  });

  it('returns the same weekday median for a series with a weekly pattern', () => {
    // Offsets 28, 21, 14, 7, 0 share a weekday; that weekday costs 20, the others 100.
    const b = computeBaseline(
      series((i) => (i % 7 === 0 ? '20' : '100')),
      28,
    );
    expect([b.expected.toString(), b.isWeekly, b.days]).toEqual(['20', true, [0, 7, 14, 21]]);
  });

  it('is not steady when a recent day cost nothing', () => {
    expect(
      computeBaseline(
        series((i) => (i === 20 ? '0' : '50')),
        28,
      ).isSteady,
    ).toBe(false);
  });
});

describe('hasWeeklyPattern', () => {
  it('returns false for a level shift (a price change two and a half weeks ago)', () => {
    expect(hasWeeklyPattern(Array.from({ length: 28 }, (_, i) => (i < 10 ? 68 : 195)))).toBe(false);
  });

  it('returns true for weekends at a quarter of weekdays', () => {
    expect(hasWeeklyPattern(Array.from({ length: 28 }, (_, i) => (i % 7 >= 5 ? 25 : 100)))).toBe(true);
  });
});
