import { z } from 'zod';
import {
  addDays,
  dayOf,
  dayRange,
  isDay,
  parseDay,
  rangeLength,
  startOfDay,
  weekStart,
  ZDay,
  type Day,
  type DayRange,
} from './day';

/**
 * Named periods the dashboards offer. Every period is a half-open UTC day range.
 * - `last_N_days`: the last N complete days, `[today − N, today)`. Today is left out because its
 *   data is still arriving, so "last 7 days" compares like with like against the 7 days before.
 * - `this_month` / `this_week`: from the 1st / the ISO Monday up to and including today,
 *   `[start, today + 1)`: month-to-date and week-to-date.
 * - `last_month` / `last_week`: the whole previous calendar month / ISO week (Monday to Sunday).
 * - `this_quarter` / `this_year`: quarter-to-date / year-to-date; `last_quarter` / `last_year`:
 *   the whole previous calendar quarter / year.
 */
export const PERIOD_PRESETS = [
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
] as const;

/** One named period. */
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const ZPeriodPreset = z.enum(PERIOD_PRESETS, {
  error: () => `Unknown period; use one of: ${PERIOD_PRESETS.join(', ')}`,
});

/**
 * The longest custom range a client may ask for: three years and a leap day. Enough for a year
 * compared with the year before; a longer scan belongs in an export split by year.
 */
export const MAX_RANGE_DAYS = 1096;

/**
 * A custom range as sent by a client: both ends `YYYY-MM-DD`, `end` exclusive and not before
 * `start`, at most {@link MAX_RANGE_DAYS} days long.
 */
export const ZDayRange = z
  .object({ start: ZDay, end: ZDay })
  .refine((r) => r.start <= r.end, { message: 'The range ends before it starts', path: ['end'] })
  // Runs even when an end failed its own check (Zod's checks continue), so it measures only real days.
  .refine((r) => !isDay(r.start) || !isDay(r.end) || r.start > r.end || rangeLength(r) <= MAX_RANGE_DAYS, {
    message: `The range is longer than ${MAX_RANGE_DAYS} days (three years); ask for a shorter one, or one year at a time`,
    path: ['end'],
  });

/** A preset name or a custom range. */
export type Period = PeriodPreset | DayRange;

/** True when `value` is one of the preset names. */
export function isPeriodPreset(value: string): value is PeriodPreset {
  return (PERIOD_PRESETS as readonly string[]).includes(value);
}

/** A calendar unit a preset is counted in. */
type CalendarUnit = 'week' | 'month' | 'quarter' | 'year';

/** Calendar presets: the unit, and whether the period is the one containing today (to date) or the one before. */
const CALENDAR_PRESETS: Partial<Record<PeriodPreset, { unit: CalendarUnit; isToDate: boolean }>> = {
  this_week: { unit: 'week', isToDate: true },
  last_week: { unit: 'week', isToDate: false },
  this_month: { unit: 'month', isToDate: true },
  last_month: { unit: 'month', isToDate: false },
  this_quarter: { unit: 'quarter', isToDate: true },
  last_quarter: { unit: 'quarter', isToDate: false },
  this_year: { unit: 'year', isToDate: true },
  last_year: { unit: 'year', isToDate: false },
};

const MONTHS_PER_UNIT = { month: 1, quarter: 3, year: 12 } as const;

/** The first day of the calendar unit containing `day`, moved by `shift` units (−1: the unit before). */
function unitStart(day: Day, unit: CalendarUnit, shift = 0): Day {
  if (unit === 'week') return addDays(weekStart(day), 7 * shift);
  const date = startOfDay(day);
  const months = MONTHS_PER_UNIT[unit];
  const month = Math.floor(date.getUTCMonth() / months) * months + shift * months;
  return dayOf(new Date(Date.UTC(date.getUTCFullYear(), month, 1)));
}

/**
 * `day` one calendar unit earlier, the day of the month cut to that month's length (March 31 →
 * February 28); a month's last day maps to a month's last day (June 30 → March 31).
 */
function oneUnitBefore(day: Day, unit: CalendarUnit): Day {
  if (unit === 'week') return addDays(day, -7);
  const date = startOfDay(day);
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth() - MONTHS_PER_UNIT[unit]];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const isMonthEnd = addDays(day, 1).endsWith('-01');
  return dayOf(new Date(Date.UTC(year, month, isMonthEnd ? lastDay : Math.min(date.getUTCDate(), lastDay))));
}

/** The rolling presets' length in days. */
const ROLLING_DAYS: Partial<Record<PeriodPreset, number>> = { last_7_days: 7, last_30_days: 30, last_90_days: 90 };

/**
 * The day range a period covers, relative to `today` (the caller's clock, as a UTC day).
 * A custom range is validated and returned as is.
 */
export function resolvePeriod(period: Period, today: Day): DayRange {
  parseDay(today);
  if (typeof period !== 'string') return dayRange(period.start, period.end);
  const days = ROLLING_DAYS[period];
  if (days !== undefined) return { start: addDays(today, -days), end: today };
  const calendar = CALENDAR_PRESETS[period];
  if (calendar === undefined)
    throw new RangeError(`Unknown period "${String(period)}"; use one of: ${PERIOD_PRESETS.join(', ')}`);
  const current = unitStart(today, calendar.unit);
  return calendar.isToDate
    ? { start: current, end: addDays(today, 1) }
    : { start: unitStart(today, calendar.unit, -1), end: current };
}

/**
 * The range of equal length that ends where `range` starts, for period-over-period change.
 * For `this_month` on the 10th that is the 10 days before the 1st, not the whole previous
 * month: comparing month-to-date with a full month would always look like a drop.
 */
export function previousPeriod(range: DayRange): DayRange {
  return { start: addDays(range.start, -rangeLength(range)), end: range.start };
}

/**
 * How a period is compared: `calendar` with the previous calendar week, month, quarter or year
 * (how finance reports), `equal_length` with the same number of days just before (rolling and
 * custom ranges).
 */
export type ComparisonBasis = 'calendar' | 'equal_length';

/** A period, the period it is compared with, and how that one was chosen. */
export type PeriodComparison = { current: DayRange; previous: DayRange; basis: ComparisonBasis };

/**
 * The period and what it is compared with. Calendar presets compare with the previous calendar
 * unit: `last_month` in March is February against January, whole months of any length. A
 * to-date preset compares with the unit before up to the same date, cut at that unit's end
 * (`this_month` on March 31 is March 1–31 against February 1–28; on the 10th, the 1st–10th of
 * both; `this_quarter` on May 31 is April–May against January–February), so a partial month is
 * never set against a whole one. Rolling presets (`last_30_days`)
 * and custom ranges compare with the equal-length range just before ({@link previousPeriod}).
 */
export function comparePeriod(period: Period, today: Day): PeriodComparison {
  const current = resolvePeriod(period, today);
  const calendar = typeof period === 'string' ? CALENDAR_PRESETS[period] : undefined;
  if (calendar === undefined) return { current, previous: previousPeriod(current), basis: 'equal_length' };
  const start = unitStart(current.start, calendar.unit, -1);
  if (!calendar.isToDate) return { current, previous: { start, end: current.start }, basis: 'calendar' };
  const sameDate = addDays(oneUnitBefore(addDays(current.end, -1), calendar.unit), 1);
  return { current, previous: { start, end: sameDate < current.start ? sameDate : current.start }, basis: 'calendar' };
}
