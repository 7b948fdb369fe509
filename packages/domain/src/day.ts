import { z } from 'zod';

/** A UTC calendar day as `YYYY-MM-DD`. */
export type Day = string;

/** A half-open range of UTC days: `start` is included, `end` is not. */
export type DayRange = { readonly start: Day; readonly end: Day };

const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * True when `text` is a real calendar day in `YYYY-MM-DD` form (no 2025-02-29), from year 0100 on
 * (earlier years are refused, as `Date.UTC` would read them as 19xx). Plain arithmetic, no `Date`:
 * the API checks every day it serializes (a year of cost over time is thousands of them).
 */
export function isDay(text: string): boolean {
  const m = DAY_TEXT.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!);
}

/** A day string validated as a real calendar day. */
export const ZDay = z.string().refine(isDay, { message: 'Expected a calendar day as YYYY-MM-DD' });

/** Parses and validates a day, throwing a `RangeError` that names the bad input. */
export function parseDay(text: string): Day {
  if (!isDay(text)) throw new RangeError(`"${text}" is not a calendar day; use YYYY-MM-DD`);
  return text;
}

/** The UTC day that contains `date`. */
export function dayOf(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC at the start of `day`. */
export function startOfDay(day: Day): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** Unix seconds at the start of `day` (OpenAI's `start_time`/`end_time`). */
export function dayToUnixSeconds(day: Day): number {
  return startOfDay(day).getTime() / 1000;
}

/** The day `n` days after (or before, when negative) `day`. */
export function addDays(day: Day, n: number): Day {
  // A fractional n would silently land on a day boundary of its own choosing.
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return dayOf(new Date(startOfDay(day).getTime() + n * MS_PER_DAY));
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((startOfDay(b).getTime() - startOfDay(a).getTime()) / MS_PER_DAY);
}

/** Builds a range after checking both ends and that `start <= end`. */
export function dayRange(start: Day, end: Day): DayRange {
  parseDay(start);
  parseDay(end);
  if (end < start) throw new RangeError(`The range ends (${end}) before it starts (${start})`);
  return { start, end };
}

/** Number of days in the range. */
export function rangeLength(range: DayRange): number {
  return daysBetween(range.start, range.end);
}

/** True when `day` lies in the half-open range. */
export function rangeContains(range: DayRange, day: Day): boolean {
  return day >= range.start && day < range.end;
}

/** Every day of the range, in order. */
export function eachDay(range: DayRange): Day[] {
  const days: Day[] = [];
  for (let d = range.start; d < range.end; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Consecutive sub-ranges of at most `maxDays` days covering `range` exactly. */
export function splitDayRange(range: DayRange, maxDays: number): DayRange[] {
  if (!Number.isInteger(maxDays) || maxDays < 1)
    throw new RangeError(`maxDays must be a positive integer, got ${maxDays}`);
  const parts: DayRange[] = [];
  for (let start = range.start; start < range.end;) {
    const next = addDays(start, maxDays);
    const end = next < range.end ? next : range.end;
    parts.push({ start, end });
    start = end;
  }
  return parts;
}

/** The Monday that starts the ISO week (Monday to Sunday) containing `day`. */
export function weekStart(day: Day): Day {
  parseDay(day);
  const weekday = startOfDay(day).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The calendar month containing `day`: from its 1st to the 1st of the next month (exclusive). */
export function monthRange(day: Day): DayRange {
  parseDay(day);
  const date = startOfDay(day);
  const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const end = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
  return { start: dayOf(start), end: dayOf(end) };
}
