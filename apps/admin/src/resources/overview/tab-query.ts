import type { OverviewFilter, OverviewSort } from './overview-filter';
import { SORT_FIELDS, type OverviewTab } from './overview-tabs';
import { sortFor, toDashboardFilterInput } from './overview-url';

/** Rows per page of every Overview table. */
export const PAGE_SIZE = 50;

/** Each dashboard's default sort (the API's, shown as active when the URL has none). */
export const DEFAULT_SORT: Record<OverviewTab, OverviewSort> = {
  providers: { field: 'spend', direction: 'desc' },
  models: { field: 'cost', direction: 'desc' },
  'api-keys': { field: 'cost', direction: 'desc' },
  workspaces: { field: 'cost', direction: 'desc' },
};

/** The sort a tab shows: the URL's when the tab knows the field, else its default. */
export function activeSort(tab: OverviewTab, filter: OverviewFilter): OverviewSort {
  return sortFor(filter, SORT_FIELDS[tab]) ?? DEFAULT_SORT[tab];
}

/** Accounts are few: the Providers tab loads them all, so its totals cover every account. */
const ALL_ACCOUNTS = 500;

/** The variables of a tab's dashboard query for one page. */
export function tabVariables(tab: OverviewTab, filter: OverviewFilter, page: number, pageSize = PAGE_SIZE) {
  return {
    filter: toDashboardFilterInput(filter, {
      sortFields: SORT_FIELDS[tab],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    }),
  };
}

/** Presets longer than a month, roughly in days. */
const PRESET_DAYS: Partial<Record<string, number>> = {
  last_90_days: 90,
  this_quarter: 92,
  last_quarter: 92,
  this_year: 366,
  last_year: 366,
};

/** Days in the filter's period, roughly (for choosing day or week buckets). */
export function periodDays(filter: OverviewFilter): number {
  if ('preset' in filter.period) return PRESET_DAYS[filter.period.preset] ?? 31;
  return (Date.parse(filter.period.end) - Date.parse(filter.period.start)) / 86_400_000;
}

/** Day buckets up to about three months, ISO weeks beyond. */
export function granularityFor(filter: OverviewFilter): 'DAY' | 'WEEK' {
  return periodDays(filter) > 92 ? 'WEEK' : 'DAY';
}

/** The Providers tab's query variables: every account on one page. */
export function providersTabVariables(filter: OverviewFilter) {
  return tabVariables('providers', filter, 1, ALL_ACCOUNTS);
}

/** A cost chart's query variables (`SeriesChart`): one key's costs with `apiKey`, else all of them. */
export function seriesVariables(
  filter: OverviewFilter,
  groupBy: 'PROVIDER' | 'MODEL' | 'WORKSPACE',
  apiKey?: { providerAccountId: string; externalId: string },
) {
  return {
    filter: toDashboardFilterInput(filter),
    groupBy,
    granularity: granularityFor(filter),
    ...(apiKey ? { apiKey } : {}),
  };
}
