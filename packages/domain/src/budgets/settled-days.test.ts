import { describe, expect, it } from '@jest/globals';
import { isSettledDay, settledBefore } from './settled-days';

describe('isSettledDay', () => {
  it.each<[string, string | null, boolean]>([
    ['2026-03-09', '2026-03-10', true],
    ['2026-03-10', '2026-03-10', false], // settled-through is exclusive
    ['2026-03-11', '2026-03-10', false],
    ['2026-03-01', null, false],
  ])('returns for %s with settled-through %s: %s', (day, through, settled) => {
    expect(isSettledDay(day, through)).toBe(settled);
  });
});

describe('settledBefore', () => {
  it('returns the earliest account, or null when one has nothing complete or there are none', () => {
    expect(settledBefore(['2026-03-10', '2026-03-08', '2026-03-12'])).toBe('2026-03-08');
    expect(settledBefore(['2026-03-10', null])).toBeNull();
    expect(settledBefore([])).toBeNull();
  });
});
