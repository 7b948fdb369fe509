import { z } from 'zod';
import { addDays, dayRange, monthRange, parseDay, rangeLength, weekStart, ZDay, type Day, type DayRange } from './day';

/**
 * Named periods the dashboards offer. Every period is a half-open UTC day range.
 * - `last_N_days`: the last N complete days, `[today − N, today)`. Today is left out because its
 *   data is still arriving, so "last 7 days" compares like with like against the 7 days before.
 * - `this_month` / `this_week`: from the 1st / the ISO Monday up to and including today,
 *   `[start, today + 1)`: month-to-date and week-to-date.
 * - `last_month` / `last_week`: the whole previous calendar month / ISO week (Monday to Sunday).
 */
export const PERIOD_PRESETS = [
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
] as const;

/** One named period. */
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const ZPeriodPreset = z.enum(PERIOD_PRESETS, {
  error: () => `Unknown period; use one of: ${PERIOD_PRESETS.join(', ')}`,
});

/** A custom range as sent by a client: both ends `YYYY-MM-DD`, `end` exclusive and not before `start`. */
export const ZDayRange = z
  .object({ start: ZDay, end: ZDay })
  .refine((r) => r.start <= r.end, { message: 'The range ends before it starts', path: ['end'] });

/** A preset name or a custom range. */
export type Period = PeriodPreset | DayRange;

/** True when `value` is one of the preset names. */
export function isPeriodPreset(value: string): value is PeriodPreset {
  return (PERIOD_PRESETS as readonly string[]).includes(value);
}

/**
 * The day range a period covers, relative to `today` (the caller's clock, as a UTC day).
 * A custom range is validated and returned as is.
 */
export function resolvePeriod(period: Period, today: Day): DayRange {
  parseDay(today);
  if (typeof period !== 'string') return dayRange(period.start, period.end);
  switch (period) {
    case 'last_7_days':
      return { start: addDays(today, -7), end: today };
    case 'last_30_days':
      return { start: addDays(today, -30), end: today };
    case 'last_90_days':
      return { start: addDays(today, -90), end: today };
    case 'this_week':
      return { start: weekStart(today), end: addDays(today, 1) };
    case 'last_week': {
      const thisWeek = weekStart(today);
      return { start: addDays(thisWeek, -7), end: thisWeek };
    }
    case 'this_month':
      return { start: monthRange(today).start, end: addDays(today, 1) };
    case 'last_month': {
      const thisMonth = monthRange(today).start;
      return { start: monthRange(addDays(thisMonth, -1)).start, end: thisMonth };
    }
    default:
      throw new RangeError(`Unknown period "${String(period)}"; use one of: ${PERIOD_PRESETS.join(', ')}`);
  }
}

/**
 * The range of equal length that ends where `range` starts, for period-over-period change.
 * For `this_month` on the 10th that is the 10 days before the 1st, not the whole previous
 * month: comparing month-to-date with a full month would always look like a drop.
 */
export function previousPeriod(range: DayRange): DayRange {
  return { start: addDays(range.start, -rangeLength(range)), end: range.start };
}
