import { Money, ZERO } from '@spendsync/domain';

/** The median of exact decimals (the mean of the middle two for an even count); zero for none. */
export function median(values: readonly Money[]): Money {
  if (values.length === 0) return ZERO;
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.plus(sorted[mid]!).div(2);
}

/** Median absolute deviation of `values` around `center` (unscaled). */
export function medianAbsoluteDeviation(values: readonly Money[], center: Money = median(values)): Money {
  return median(values.map((v) => v.minus(center).abs()));
}

/** Re-exported for callers that build decimals from text. */
export { Money };
