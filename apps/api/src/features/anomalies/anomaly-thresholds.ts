import { Money } from '@spendsync/domain';

/** When a settled day is an anomaly (per organization; issue 16 defaults). */
export type AnomalyThresholds = {
  /** A spike must exceed the baseline by this many MADs … */
  madMultiplier: Money;
  /** … and by this fraction of the baseline median (whichever is larger) … */
  medianFraction: Money;
  /** … and by at least this many dollars; a series that went silent must have cost at least this a day. */
  minCost: Money;
};

/** cost > baseline + max(5 × MAD, 50 % of median), and at least $10 more. */
export const DEFAULT_ANOMALY_THRESHOLDS: AnomalyThresholds = Object.freeze({
  madMultiplier: new Money(5),
  medianFraction: new Money('0.5'),
  minCost: new Money(10),
});

/** One refused field and why. */
export type ThresholdFieldError = { field: keyof AnomalyThresholds; message: string };

const NUMBER = /^\s*\d+(\.\d+)?\s*$/;

/** Parses submitted thresholds (decimal text); a missing field keeps `current`. Every bad field is named. */
export function parseAnomalyThresholds(
  input: Partial<Record<keyof AnomalyThresholds, string | null>>,
  current: AnomalyThresholds,
): { ok: true; value: AnomalyThresholds } | { ok: false; errors: ThresholdFieldError[] } {
  const value = { ...current };
  const errors: ThresholdFieldError[] = [];
  for (const field of ['madMultiplier', 'medianFraction', 'minCost'] as const) {
    const text = input[field];
    if (text === undefined || text === null) continue;
    if (!NUMBER.test(text)) errors.push({ field, message: `${field} must be a positive number such as 5 or 0.5` });
    else if (new Money(text.trim()).lte(0)) errors.push({ field, message: `${field} must be greater than 0` });
    else value[field] = new Money(text.trim());
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
