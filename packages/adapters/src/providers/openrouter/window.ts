import { addDays, dayOf, type Day, type DayRange } from '@spendsync/domain';

/** `GET /activity` covers the last 30 completed UTC days; today is never included. */
export const ACTIVITY_WINDOW_DAYS = 30;

/** The days `GET /activity` can answer for at `now`. */
export function activityWindow(now: Date): DayRange {
  const today = dayOf(now);
  return { start: addDays(today, -ACTIVITY_WINDOW_DAYS), end: today };
}

/** A requested range cut at the activity window. Each part is null when empty. */
export type WindowSplit = {
  /** Days activity can give. */
  inside: DayRange | null;
  /** Days older than the window: OpenRouter no longer gives them. */
  tooOld: DayRange | null;
  /** Today and later: not complete yet. */
  notComplete: DayRange | null;
};

const part = (start: Day, end: Day): DayRange | null => (start < end ? { start, end } : null);
const max = (a: Day, b: Day) => (a > b ? a : b);
const min = (a: Day, b: Day) => (a < b ? a : b);

/** Splits `range` (end exclusive) into the part inside `window`, the part before it and the part after. */
export function splitByWindow(range: DayRange, window: DayRange): WindowSplit {
  return {
    inside: part(max(range.start, window.start), min(range.end, window.end)),
    tooOld: part(range.start, min(range.end, window.start)),
    notComplete: part(max(range.start, window.end), range.end),
  };
}
