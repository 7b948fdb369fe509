import {
  DEFAULT_PRESET,
  PERIOD_PRESETS,
  isDay,
  validateCostRange,
  type OverviewFilter,
  type OverviewPeriod,
  type OverviewSort,
  type PeriodPreset,
} from './overview-filter';
import { isProviderId, toProviderEnum, type ProviderEnum } from './providers';

/**
 * The filter ↔ URL query string. The names and meanings are the API's CSV export encoding
 * (`providers=a,b`, `workspaces` repeated, `period` or `start`+`end` with `end` exclusive,
 * `costMin`, `costMax`, `search`, `sort`, `direction`), so `/export/<tab>.csv?<same query>`
 * downloads exactly what the tab shows.
 */

/** The query-string keys the filter owns (others, such as a page number, are left alone). */
export const FILTER_KEYS = [
  'providers',
  'workspaces',
  'period',
  'start',
  'end',
  'costMin',
  'costMax',
  'search',
  'sort',
  'direction',
] as const;

/** A parsed URL: the filter, plus what was wrong with the URL (ignored parts, in words). */
export type ParsedFilter = { filter: OverviewFilter; problems: string[] };

function parsePeriod(params: URLSearchParams, problems: string[]): OverviewPeriod {
  const [period, start, end] = [params.get('period'), params.get('start'), params.get('end')];
  if (start !== null || end !== null) {
    if (start && end && isDay(start) && isDay(end) && start < end) return { start, end };
    problems.push('The custom range in the link is not valid; showing the last 30 days.');
    return { preset: DEFAULT_PRESET };
  }
  if (period === null || period === '') return { preset: DEFAULT_PRESET };
  if ((PERIOD_PRESETS as readonly string[]).includes(period)) return { preset: period as PeriodPreset };
  problems.push(`Unknown period "${period}"; showing the last 30 days.`);
  return { preset: DEFAULT_PRESET };
}

/** Reads the filter from a query string; anything invalid is dropped and named in `problems`. */
export function parseFilterParams(params: URLSearchParams): ParsedFilter {
  const problems: string[] = [];
  const providerNames = params
    .getAll('providers')
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = providerNames.filter((p) => !isProviderId(p));
  if (unknown.length > 0) problems.push(`Unknown provider ${unknown.join(', ')} ignored.`);
  let costMin = params.get('costMin')?.trim() || null;
  let costMax = params.get('costMax')?.trim() || null;
  const costProblem = validateCostRange(costMin ?? '', costMax ?? '');
  if (costProblem) {
    problems.push(`Cost range ignored: ${costProblem.message.toLowerCase()}.`);
    costMin = null;
    costMax = null;
  }
  const sortField = params.get('sort');
  const direction = params.get('direction');
  const sort: OverviewSort | null = sortField
    ? { field: sortField, direction: direction === 'asc' ? 'asc' : 'desc' }
    : null;
  return {
    filter: {
      providers: [...new Set(providerNames.filter(isProviderId))],
      period: parsePeriod(params, problems),
      costMin,
      costMax,
      search: params.get('search')?.trim() ?? '',
      workspaces: params.getAll('workspaces').filter((w) => w.trim() !== ''),
      sort,
    },
    problems,
  };
}

/** The canonical query string of a filter: defaults left out, so a plain Overview link stays plain. */
export function filterToParams(filter: OverviewFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.providers.length > 0) params.set('providers', filter.providers.join(','));
  for (const workspace of filter.workspaces) params.append('workspaces', workspace);
  if ('preset' in filter.period) {
    if (filter.period.preset !== DEFAULT_PRESET) params.set('period', filter.period.preset);
  } else {
    params.set('start', filter.period.start);
    params.set('end', filter.period.end);
  }
  if (filter.costMin) params.set('costMin', filter.costMin);
  if (filter.costMax) params.set('costMax', filter.costMax);
  if (filter.search.trim()) params.set('search', filter.search.trim());
  if (filter.sort) {
    params.set('sort', filter.sort.field);
    params.set('direction', filter.sort.direction);
  }
  return params;
}

/** Replaces the filter's keys in `current` (keeping other keys) with those of `filter`. */
export function mergeFilterIntoParams(current: URLSearchParams, filter: OverviewFilter): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of FILTER_KEYS) next.delete(key);
  filterToParams(filter).forEach((value, key) => next.append(key, value));
  return next;
}

/** The GraphQL `DashboardFilterInput` of a filter, with a page. */
export type DashboardFilterInput = {
  providers?: ProviderEnum[];
  workspaces?: string[];
  preset?: string;
  range?: { start: string; end: string };
  costMin?: string;
  costMax?: string;
  search?: string;
  sort?: { field: string; direction: 'ASC' | 'DESC' };
  offset?: number;
  limit?: number;
};

/** The filter as the dashboards' GraphQL input; `sort` only when the tab knows the field. */
export function toDashboardFilterInput(
  filter: OverviewFilter,
  options: { sortFields?: readonly string[]; offset?: number; limit?: number } = {},
): DashboardFilterInput {
  const input: DashboardFilterInput = {};
  if (filter.providers.length > 0) input.providers = filter.providers.map(toProviderEnum);
  if (filter.workspaces.length > 0) input.workspaces = filter.workspaces;
  if ('preset' in filter.period) input.preset = filter.period.preset.toUpperCase();
  else input.range = { start: filter.period.start, end: filter.period.end };
  if (filter.costMin) input.costMin = filter.costMin;
  if (filter.costMax) input.costMax = filter.costMax;
  if (filter.search.trim()) input.search = filter.search.trim();
  const sort = sortFor(filter, options.sortFields);
  if (sort) input.sort = { field: sort.field, direction: sort.direction === 'asc' ? 'ASC' : 'DESC' };
  if (options.offset !== undefined) input.offset = options.offset;
  if (options.limit !== undefined) input.limit = options.limit;
  return input;
}

/** The filter's sort when `fields` (a tab's sort fields) include it; any sort when no list is given. */
export function sortFor(filter: OverviewFilter, fields?: readonly string[]): OverviewSort | null {
  if (!filter.sort) return null;
  return !fields || fields.includes(filter.sort.field) ? filter.sort : null;
}

/** The query string of a tab's CSV export: the filter with the tab's sort (paging never applies). */
export function toExportQuery(filter: OverviewFilter, sortFields: readonly string[]): string {
  return filterToParams({ ...filter, sort: sortFor(filter, sortFields) }).toString();
}

/** True when the two filters select the same rows in the same order. */
export function sameFilter(a: OverviewFilter, b: OverviewFilter): boolean {
  return filterToParams(a).toString() === filterToParams(b).toString();
}
