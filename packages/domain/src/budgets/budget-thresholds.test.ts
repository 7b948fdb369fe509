import { describe, expect, it } from '@jest/globals';
import { Money } from '../money';
import type { Forecast } from './budget-forecast';
import {
  DEFAULT_THRESHOLDS,
  ZBudgetThresholds,
  isThresholdReached,
  thresholdAmount,
  thresholdKey,
} from './budget-thresholds';

const forecast = (spent: string, value: string | null, canFire = true): Forecast => ({
  spent: new Money(spent),
  forecast: value === null ? null : new Money(value),
  runRate: null,
  basisDays: canFire ? 5 : 2,
  basis: 'period',
  provisionalDays: 0,
  daysLeft: 3,
  canFireForecast: canFire,
});

describe('isThresholdReached', () => {
  it.each<[number, 'actual' | 'forecast', string, string | null, boolean, boolean]>([
    [80, 'actual', '79.99', '200', true, false],
    [80, 'actual', '80.00', null, true, true], // exactly at the threshold
    [100, 'forecast', '10', '100', true, true],
    [100, 'forecast', '10', '99.999999', true, false],
    [100, 'forecast', '10', '500', false, false], // too few settled days: never fires
    [1000, 'actual', '1000', null, true, true],
  ])(
    'returns for %s %% %s, spent %s, forecast %s (can fire %s): %s',
    (percent, kind, spent, value, canFire, reached) => {
      expect(isThresholdReached({ percent, kind }, new Money('100'), forecast(spent, value, canFire))).toBe(reached);
    },
  );

  it('returns exact threshold amounts', () => {
    expect(thresholdAmount(new Money('333.33'), { percent: 80, kind: 'actual' }).toFixed()).toBe('266.664');
  });
});

describe('ZBudgetThresholds', () => {
  it('rejects percentages outside 1–1000, fractions, duplicates and empty lists', () => {
    expect(ZBudgetThresholds.safeParse([{ percent: 0, kind: 'actual' }]).success).toBe(false);
    expect(ZBudgetThresholds.safeParse([{ percent: 1001, kind: 'actual' }]).success).toBe(false);
    expect(ZBudgetThresholds.safeParse([{ percent: 50.5, kind: 'actual' }]).success).toBe(false);
    expect(
      ZBudgetThresholds.safeParse([
        { percent: 50, kind: 'actual' },
        { percent: 50, kind: 'actual' },
      ]).success,
    ).toBe(false);
    expect(ZBudgetThresholds.safeParse([]).success).toBe(false);
    expect(ZBudgetThresholds.parse(DEFAULT_THRESHOLDS)).toHaveLength(3);
    expect(DEFAULT_THRESHOLDS.map(thresholdKey)).toEqual(['actual:80', 'actual:100', 'forecast:100']);
  });
});
