import { addDays, daysBetween, eachDay, type Day, type DayRange } from '../day';
import { Money, ZERO } from '../money';

/** Settled days the burn rate is taken from. */
export const RUNWAY_WINDOW_DAYS = 28;
/** Days in one week of the window; the slowest and fastest of the four give the range. */
const WEEK_DAYS = 7;

/** What a runway is forecast from. */
export type RunwayInput = {
  /** What is left now (a provider's balance, or a grant's amount less the credits it covered). */
  remaining: Money;
  /** The day `remaining` was seen; burning continues on the days after it. */
  asOf: Day;
  /** Burn per day (credits applied for a grant, usage for a prepaid balance); absent days burnt nothing. */
  dailyBurn: ReadonlyMap<Day, Money>;
  /** Days before this one are settled; the window is the 28 days before it. Null: nothing is settled. */
  settledBefore: Day | null;
  /** The first day that can burn (a grant's start): window days before it are not counted. */
  burnFrom?: Day | null;
  /** The last day the balance can be used (a grant's expiry, inclusive); null or absent: it does not expire. */
  expiresOn?: Day | null;
};

/** When the balance runs out at one rate. */
export type RunwayEstimate = {
  /** Burn per day at this rate (never negative). */
  dailyBurn: Money;
  /** The day the balance reaches zero; null when it does not burn at this rate. */
  runOutOn: Day | null;
};

/** A runway: when a balance or grant runs out, the range, and whether expiry comes first. */
export type RunwayForecast = {
  remaining: Money;
  asOf: Day;
  /** The settled days the rates come from (half-open); null when no day is settled. */
  window: DayRange | null;
  /** Days of the window that count (those on or after `burnFrom`). */
  basisDays: number;
  /** The average over the window's counted days. */
  expected: RunwayEstimate;
  /** The fastest week of the window: the earliest run-out. */
  fastest: RunwayEstimate;
  /** The slowest week of the window: the latest run-out (null when some week burnt nothing). */
  slowest: RunwayEstimate;
  /** Whole days from `asOf` to the expected run-out; null when it does not burn. */
  daysLeft: number | null;
  /** The balance left unused at expiry at the expected rate; null when it does not expire or is used up first. */
  leftAtExpiry: Money | null;
  /** True when the expected run-out comes before the expiry day. */
  runsOutBeforeExpiry: boolean;
  /** `exhausted`: nothing left; `no-burn`: nothing burnt in the window; `expired`: past its expiry day. */
  status: 'burning' | 'no-burn' | 'exhausted' | 'expired';
};

const positive = (value: Money): Money => (value.isNegative() ? ZERO : value);

/** The day a balance of `remaining` burnt at `rate` a day from the day after `asOf` reaches zero. */
function runOutAt(remaining: Money, rate: Money, asOf: Day): Day | null {
  if (rate.lte(0)) return null;
  return addDays(asOf, remaining.div(rate).ceil().toNumber());
}

/** The average burn per counted day of `days`; zero when no day counts. */
function averageBurn(days: readonly Day[], burn: ReadonlyMap<Day, Money>): Money {
  if (days.length === 0) return ZERO;
  const total = days.reduce((sum, day) => sum.add(burn.get(day) ?? ZERO), ZERO);
  return positive(total.div(days.length));
}

/**
 * Forecasts when `remaining` runs out from the trailing 28 settled days of burn: the average gives
 * the expected day, the fastest and slowest of the four weeks the range. With an expiry, says what
 * is left on the table at expiry, or that it runs out first. Pure: no clock, no I/O.
 */
export function forecastRunway(input: RunwayInput): RunwayForecast {
  const { remaining, asOf, dailyBurn, settledBefore } = input;
  const expiresOn = input.expiresOn ?? null;
  const window =
    settledBefore === null ? null : { start: addDays(settledBefore, -RUNWAY_WINDOW_DAYS), end: settledBefore };
  const counts = (day: Day) => !input.burnFrom || day >= input.burnFrom;
  const days = window ? eachDay(window).filter(counts) : [];
  const weeks = window
    ? [0, 1, 2, 3]
        .map((w) =>
          eachDay({
            start: addDays(window.start, w * WEEK_DAYS),
            end: addDays(window.start, (w + 1) * WEEK_DAYS),
          }).filter(counts),
        )
        .filter((week) => week.length > 0)
        .map((week) => averageBurn(week, dailyBurn))
    : [];
  const rate = averageBurn(days, dailyBurn);
  const fastRate = weeks.reduce((max, r) => (r.gt(max) ? r : max), rate);
  const slowRate = weeks.reduce((min, r) => (r.lt(min) ? r : min), rate);
  const estimate = (r: Money): RunwayEstimate => ({
    dailyBurn: r,
    runOutOn: remaining.lte(0) ? asOf : runOutAt(remaining, r, asOf),
  });
  const expected = estimate(rate);
  const expired = expiresOn !== null && expiresOn < asOf;
  const usableDays = expiresOn === null ? null : Math.max(0, daysBetween(asOf, expiresOn));
  const left = usableDays === null ? null : remaining.sub(rate.mul(usableDays));
  const leftAtExpiry = left !== null && left.gt(0) ? left : null;
  const status = remaining.lte(0) ? 'exhausted' : expired ? 'expired' : rate.isZero() ? 'no-burn' : 'burning';
  return {
    remaining,
    asOf,
    window,
    basisDays: days.length,
    expected,
    fastest: estimate(fastRate),
    slowest: estimate(slowRate),
    daysLeft: expected.runOutOn === null ? null : daysBetween(asOf, expected.runOutOn),
    leftAtExpiry: remaining.lte(0) ? null : leftAtExpiry,
    runsOutBeforeExpiry: expiresOn !== null && expected.runOutOn !== null && expected.runOutOn < expiresOn,
    status,
  };
}

/** One point of a projected balance. */
export type RunwayProjectionPoint = { day: Day; expected: Money; fastest: Money; slowest: Money };

/**
 * The balance projected from `asOf` at the three rates, one point every `stepDays` until the
 * latest run-out, the expiry or `maxDays`, whichever comes first; balances never go below zero.
 */
export function projectRunway(
  forecast: RunwayForecast,
  options: { expiresOn?: Day | null; maxDays?: number; stepDays?: number } = {},
): RunwayProjectionPoint[] {
  const maxDays = options.maxDays ?? 180;
  const step = Math.max(1, options.stepDays ?? 7);
  const ends = [forecast.slowest.runOutOn, forecast.expected.runOutOn, forecast.fastest.runOutOn].filter(
    (d): d is Day => d !== null,
  );
  let horizon =
    ends.length === 0 ? maxDays : Math.min(maxDays, Math.max(...ends.map((d) => daysBetween(forecast.asOf, d))));
  if (options.expiresOn) horizon = Math.min(horizon, Math.max(0, daysBetween(forecast.asOf, options.expiresOn)));
  const at = (rate: Money, n: number) => positive(forecast.remaining.sub(rate.mul(n)));
  const offsets: number[] = [];
  for (let n = 0; n < horizon; n += step) offsets.push(n);
  offsets.push(horizon);
  return offsets.map((n) => ({
    day: addDays(forecast.asOf, n),
    expected: at(forecast.expected.dailyBurn, n),
    fastest: at(forecast.fastest.dailyBurn, n),
    slowest: at(forecast.slowest.dailyBurn, n),
  }));
}
