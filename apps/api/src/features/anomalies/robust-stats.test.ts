import { describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { median, medianAbsoluteDeviation } from './robust-stats';

const m = (...xs: string[]) => xs.map((x) => new Money(x));

describe('median', () => {
  it.each([
    [[], '0'],
    [['3'], '3'],
    [['1.10', '0.20', '7'], '1.1'],
    [['0.1', '0.2', '0.3', '100'], '0.25'],
  ])('returns the median of %p: %s', (xs, expected) => {
    expect(median(m(...xs)).toString()).toBe(expected);
  });
});

describe('medianAbsoluteDeviation', () => {
  it('returns the median distance from the median, unmoved by one outlier', () => {
    expect(medianAbsoluteDeviation(m('10', '11', '9', '10', '500')).toString()).toBe('1');
  });
});
