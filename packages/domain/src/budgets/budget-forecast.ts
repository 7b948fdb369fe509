import { addDays, daysBetween, eachDay, type Day, type DayRange } from '../day';
import { Money, ZERO } from '../money';
import { isSettledDay } from './settled-days';

/** A forecast threshold never fires from a run rate resting on fewer settled days than this. */
export const MIN_FORECAST_BASIS_DAYS = 3;
/** Below this many settled days in the period, the run rate comes from the trailing window instead. */
export const MIN_PERIOD_BASIS_DAYS = 7;
/** Length of the trailing window of settled days used early in a period. */
export const TRAILING_BASIS_DAYS = 14;

/** What a forecast is computed from. */
export type ForecastInput = {
  /** The budget period's occurrence, half-open. */
  period: DayRange;
  /** The caller's clock as a UTC day. Today is not over, so it counts among the days left. */
  today: Day;
  /** Spend per day (days absent spent nothing); must cover the period and the trailing window. */
  dailySpend: ReadonlyMap<Day, Money>;
  /** Settled days are those before this day (see `settledBefore`); null: none are settled. */
  settledBefore: Day | null;
  /**
   * The first day with any data for the scope: trailing-window days before it are not counted
   * (a scope linked last week has no 14-day history). Null: the scope has no data at all.
   * Absent: unknown, every trailing day counts.
   */
  firstDataDay?: Day | null;
};

/** A budget period's spend so far and where it is heading. */
export type Forecast = {
  /** Everything spent in the period so far (settled and provisional days). */
  spent: Money;
  /** `spent + runRate × daysLeft`; null when there is no settled day to take a rate from. */
  forecast: Money | null;
  /** Average spend per settled day; null with no settled day. */
  runRate: Money | null;
  /** Settled days the run rate rests on. */
  basisDays: number;
  /** Where they came from: the period's own settled days, or the trailing window before `settledBefore`. */
  basis: 'period' | 'trailing';
  /** Days of the period up to yesterday that are not settled yet. */
  provisionalDays: number;
  /** Days of the period from today (included) to its end. */
  daysLeft: number;
  /** True when a forecast threshold may fire: the rate rests on at least {@link MIN_FORECAST_BASIS_DAYS} days. */
  canFireForecast: boolean;
};

function clampDay(day: Day, range: DayRange): Day {
  return day < range.start ? range.start : day > range.end ? range.end : day;
}

function sumDays(days: readonly Day[], spend: ReadonlyMap<Day, Money>): Money {
  return days.reduce<Money>((total, day) => total.add(spend.get(day) ?? ZERO), ZERO);
}

/**
 * Forecast for one budget period: spend so far plus the daily run rate × days left. The rate is
 * taken over the settled days of the period, or, early in a period (fewer than
 * {@link MIN_PERIOD_BASIS_DAYS} of them), over the trailing {@link TRAILING_BASIS_DAYS} settled
 * days before `settledBefore`. Provisional days count in `spent` but never in the rate.
 */
export function forecastSpend(input: ForecastInput): Forecast {
  const { period, today, dailySpend } = input;
  const elapsed: DayRange = { start: period.start, end: clampDay(today, period) };
  const spent = sumDays(eachDay(period), dailySpend);
  const periodSettled = eachDay(elapsed).filter((d) => isSettledDay(d, input.settledBefore));
  const provisionalDays = daysBetween(elapsed.start, elapsed.end) - periodSettled.length;
  const daysLeft = daysBetween(clampDay(today, period), period.end);
  let basis: Forecast['basis'] = 'period';
  let basisDays = periodSettled;
  if (periodSettled.length < MIN_PERIOD_BASIS_DAYS && input.settledBefore !== null) {
    const end = input.settledBefore < elapsed.end ? input.settledBefore : elapsed.end;
    const trailing = eachDay({ start: addDays(end, -TRAILING_BASIS_DAYS), end });
    const firstDataDay = input.firstDataDay;
    basis = 'trailing';
    basisDays = firstDataDay ? trailing.filter((d) => d >= firstDataDay) : trailing;
    if (firstDataDay === null) basisDays = [];
  }
  if (basisDays.length === 0) {
    return {
      spent,
      forecast: daysLeft === 0 ? spent : null,
      runRate: null,
      basisDays: 0,
      basis,
      provisionalDays,
      daysLeft,
      canFireForecast: false,
    };
  }
  const runRate = sumDays(basisDays, dailySpend).div(basisDays.length);
  return {
    spent,
    forecast: spent.add(runRate.mul(daysLeft)),
    runRate,
    basisDays: basisDays.length,
    basis,
    provisionalDays,
    daysLeft,
    canFireForecast: basisDays.length >= MIN_FORECAST_BASIS_DAYS,
  };
}

/** `value` as a percentage of `amount` (amount > 0), exact. */
export function percentOf(value: Money, amount: Money): Money {
  return value.mul(100).div(amount);
}
