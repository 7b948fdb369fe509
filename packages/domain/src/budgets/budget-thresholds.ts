import { z } from 'zod';
import { Money } from '../money';
import type { Forecast } from './budget-forecast';

/** What a threshold compares with the budget: spend so far, or the forecast for the period. */
export const THRESHOLD_KINDS = ['actual', 'forecast'] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];

/** One alert threshold: a whole percentage of the budget (1–1000) on actual or forecast spend. */
export type BudgetThreshold = { percent: number; kind: ThresholdKind };

/** Thresholds a budget gets when none are given: 80 % and 100 % actual, 100 % forecast. */
export const DEFAULT_THRESHOLDS: readonly BudgetThreshold[] = [
  { percent: 80, kind: 'actual' },
  { percent: 100, kind: 'actual' },
  { percent: 100, kind: 'forecast' },
];

/** One threshold as sent by a client. */
export const ZBudgetThreshold = z.object({
  percent: z
    .number()
    .int({ message: 'A threshold is a whole percentage' })
    .min(1, { message: 'A threshold is at least 1 %' })
    .max(1000, { message: 'A threshold is at most 1000 %' }),
  kind: z.enum(THRESHOLD_KINDS, { error: () => 'A threshold is on "actual" or "forecast" spend' }),
});

/** A threshold list: 1–20 distinct thresholds. */
export const ZBudgetThresholds = z
  .array(ZBudgetThreshold)
  .min(1, { message: 'Give at least one threshold' })
  .max(20, { message: 'At most 20 thresholds' })
  .refine((list) => new Set(list.map(thresholdKey)).size === list.length, {
    message: 'The same threshold is listed twice',
  });

/** Stable identity of a threshold within a budget (`actual:80`), used for "fires once per period". */
export function thresholdKey(threshold: BudgetThreshold): string {
  return `${threshold.kind}:${threshold.percent}`;
}

/** The amount a threshold stands for: `amount × percent / 100`. */
export function thresholdAmount(amount: Money, threshold: BudgetThreshold): Money {
  return amount.mul(threshold.percent).div(100);
}

/**
 * True when the threshold is reached. A forecast threshold is reached only when the forecast may
 * fire (its run rate rests on enough settled days, see `canFireForecast`).
 */
export function isThresholdReached(threshold: BudgetThreshold, amount: Money, forecast: Forecast): boolean {
  const limit = thresholdAmount(amount, threshold);
  if (threshold.kind === 'actual') return forecast.spent.gte(limit);
  return forecast.canFireForecast && forecast.forecast !== null && forecast.forecast.gte(limit);
}
