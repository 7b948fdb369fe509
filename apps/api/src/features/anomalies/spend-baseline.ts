import { type Money, ZERO } from '@spendsync/domain';
import { median, medianAbsoluteDeviation } from './robust-stats';

/** Trailing settled days a baseline looks at. */
export const BASELINE_DAYS = 28;
/** Days a series must have been non-zero (on its weekday, if weekly) before a zero day counts as "went silent". */
const STEADY_DAYS = 14;

/** A series' expectation for one day. */
export type Baseline = {
  expected: Money;
  mad: Money;
  /** The series shows a weekly pattern; `expected` is the median of the same weekday. */
  isWeekly: boolean;
  /** Offsets of the days `expected` is the median of. */
  days: number[];
  /** Every recent day (same weekday, if weekly) cost something. */
  isSteady: boolean;
};

/** The weekday profile must spread this much (as a fraction of a week's median) to count as weekly. */
const WEEKLY_SPREAD = 0.4;

const medianOf = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * True when 28 values (4 whole weeks, oldest first) show a weekly pattern: each value is divided
 * by its week's median, so a level shift (a price change, growth) moves whole weeks and does not
 * look like a weekday effect; the weekday medians of those ratios must then spread by 0.4 or more.
 * (A classification statistic, not money: plain numbers are fine here.)
 */
export function hasWeeklyPattern(values: readonly number[]): boolean {
  const weeks = [0, 7, 14, 21].map((s) => values.slice(s, s + 7));
  const ratios = weeks
    .map((w) => {
      const m = medianOf(w);
      return m > 0 ? w.map((x) => x / m) : null;
    })
    .filter((r): r is number[] => r !== null);
  if (ratios.length < 3) return false;
  const profile = Array.from({ length: 7 }, (_, g) => medianOf(ratios.map((r) => r[g]!)));
  return Math.max(...profile) - Math.min(...profile) >= WEEKLY_SPREAD;
}

/**
 * Median and MAD of the 28 days before offset `d` (which must be ≥ 28). Weekday-aware when
 * {@link hasWeeklyPattern}: then the expectation is the
 * median of the same weekday (4 values) and the MAD is taken around each day's weekday median.
 */
export function computeBaseline(cost: readonly Money[], d: number): Baseline {
  const days = Array.from({ length: BASELINE_DAYS }, (_, i) => d - BASELINE_DAYS + i);
  const values = days.map((i) => cost[i] ?? ZERO);
  const overall = median(values);
  const mad = medianAbsoluteDeviation(values, overall);
  const byWeekday = Array.from({ length: 7 }, (_, g) => days.filter((i) => (d - i) % 7 === g));
  const weekdayMedians = byWeekday.map((group) => median(group.map((i) => cost[i] ?? ZERO)));
  const isWeekly = hasWeeklyPattern(days.map((i) => (cost[i] ?? ZERO).toNumber()));
  if (!isWeekly) {
    const recent = days.slice(-STEADY_DAYS);
    return { expected: overall, mad, isWeekly, days, isSteady: recent.every((i) => (cost[i] ?? ZERO).gt(0)) };
  }
  const residuals = days.map((i) => (cost[i] ?? ZERO).minus(weekdayMedians[(d - i) % 7]!).abs());
  const same = byWeekday[0]!;
  return {
    expected: weekdayMedians[0]!,
    mad: median(residuals),
    isWeekly,
    days: same,
    isSteady: same.every((i) => (cost[i] ?? ZERO).gt(0)),
  };
}

/**
 * A cheap float screen before {@link computeBaseline}: false only when the day is clearly no
 * spike (under 90 % of the margin or of the minimum) and not a zero day. Most series-days stop
 * here; the few left are judged with exact decimals, so the float never decides an anomaly.
 */
export function mayBeAnomalous(
  cost: readonly number[],
  d: number,
  madMultiplier: number,
  medianFraction: number,
  minCost: number,
): boolean {
  const actual = cost[d]!;
  if (actual === 0) return true;
  const values = cost.slice(d - BASELINE_DAYS, d);
  let expected = medianOf(values);
  let mad = medianOf(values.map((x) => Math.abs(x - expected)));
  if (hasWeeklyPattern(values)) {
    const weekday = Array.from({ length: 7 }, (_, g) =>
      medianOf(values.filter((_, i) => (BASELINE_DAYS - i) % 7 === g)),
    );
    expected = weekday[0]!;
    mad = medianOf(values.map((x, i) => Math.abs(x - weekday[(BASELINE_DAYS - i) % 7]!)));
  }
  const delta = actual - expected;
  return delta > 0.9 * Math.max(mad * madMultiplier, expected * medianFraction) && delta >= 0.9 * minCost;
}
