import { compareDecimals, isDecimal } from './decimal';
import type { ProviderId } from './providers';

/**
 * The Overview's one filter, shared by its four tabs and remembered in the URL. The URL uses the
 * same query-string encoding as the API's CSV export (`parseExportQuery` in
 * apps/api/src/features/exports), so an export link is the page's own filter.
 */

/** The period presets the API knows (`PeriodPreset`), in menu order. */
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
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PRESET: PeriodPreset = 'last_30_days';

/** Menu labels of the presets. */
export const PRESET_LABELS: Record<PeriodPreset, string> = {
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  this_week: 'This week',
  last_week: 'Last week',
  this_month: 'This month',
  last_month: 'Last month',
  this_quarter: 'This quarter',
  last_quarter: 'Last quarter',
  this_year: 'This year',
  last_year: 'Last year',
};

/** A preset, or a custom half-open range of UTC days (`end` is the day after the last day). */
export type OverviewPeriod = { preset: PeriodPreset } | { start: string; end: string };

/** A dashboard sort. `field` is one of the tab's sort fields (the API lists them). */
export type OverviewSort = { field: string; direction: 'asc' | 'desc' };

/** What the filter bar selects. Empty lists and nulls mean "no restriction". */
export type OverviewFilter = {
  providers: ProviderId[];
  period: OverviewPeriod;
  /** Inclusive bounds on each row's cost, as decimal text. */
  costMin: string | null;
  costMax: string | null;
  /** Substring of a workspace name, key hint or model. */
  search: string;
  /** Drill-down: display names, workspace ids or provider workspace ids. */
  workspaces: string[];
  sort: OverviewSort | null;
};

/** A change to some of the filter's fields; the others stay as they are. */
export type FilterChange = Partial<OverviewFilter>;

/** The filter when the URL says nothing. */
export const DEFAULT_FILTER: OverviewFilter = {
  providers: [],
  period: { preset: DEFAULT_PRESET },
  costMin: null,
  costMax: null,
  search: '',
  workspaces: [],
  sort: null,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The day `n` days after `day` (UTC). */
export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/**
 * Checks the custom range the date pickers give (`from` and `to` both included, as people read
 * them). Returns the message to show next to the field, or null when the range is usable.
 */
export function validateCustomRange(
  from: string,
  to: string,
  today: string,
): { field: 'from' | 'to'; message: string } | null {
  if (!from) return { field: 'from', message: 'Pick the first day' };
  if (!isDay(from)) return { field: 'from', message: 'Not a date (YYYY-MM-DD)' };
  if (!to) return { field: 'to', message: 'Pick the last day' };
  if (!isDay(to)) return { field: 'to', message: 'Not a date (YYYY-MM-DD)' };
  if (from > to) return { field: 'to', message: 'The range ends before it starts' };
  if (from > today) return { field: 'from', message: 'The range starts in the future' };
  return null;
}

/** Checks one cost bound: empty is fine, else a non-negative decimal. */
export function validateCostBound(text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  if (!isDecimal(value) || value.startsWith('-')) return 'A non-negative amount such as 10.50';
  return null;
}

/** Checks a cost range: each bound, then min ≤ max. Null when both are usable. */
export function validateCostRange(min: string, max: string): { field: 'costMin' | 'costMax'; message: string } | null {
  const minError = validateCostBound(min);
  if (minError) return { field: 'costMin', message: minError };
  const maxError = validateCostBound(max);
  if (maxError) return { field: 'costMax', message: maxError };
  if (min.trim() && max.trim() && compareDecimals(min.trim(), max.trim()) > 0)
    return { field: 'costMax', message: 'Below the minimum' };
  return null;
}
