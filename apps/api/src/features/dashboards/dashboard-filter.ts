import { Money, ZDayRange, ZPeriodPreset, ZProviderId } from '@spendsync/domain';
import { z } from 'zod';
import type { SearchMatches } from './dashboard-prefilters';

/** Largest page a dashboard query returns (CSV export pages through everything instead). */
export const MAX_DASHBOARD_LIMIT = 500;
/** Page size when the caller gives none. */
export const DEFAULT_DASHBOARD_LIMIT = 50;

/** A decimal amount as text (`"12.5"`, `"-3"`), so a cost bound never passes through a float. */
export const ZDecimalText = z
  .string()
  .trim()
  .regex(/^-?\d{1,30}(\.\d{1,20})?$/, { message: 'Expected a decimal amount such as "12.50"' });

const isDecimalText = (value: unknown): value is string => ZDecimalText.safeParse(value).success;

/** A preset name (`last_30_days`…) or a custom half-open range `{ start, end }` of `YYYY-MM-DD` days. */
export const ZDashboardPeriod = z.union([ZPeriodPreset, ZDayRange]);

/** Sort direction; ties are always broken by the row's key, ascending, so paging is stable. */
export const ZSortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof ZSortDirection>;

/**
 * Sort order. `field` is one of the dashboard's sort fields (`PROVIDER_SORT_FIELDS`…, see
 * dashboard-rows.ts); the service rejects any other name with the list of valid ones.
 */
export const ZDashboardSort = z.object({ field: z.string().min(1).max(64), direction: ZSortDirection.default('desc') });
export type DashboardSort = z.infer<typeof ZDashboardSort>;

/**
 * The one filter every dashboard (and its CSV export) takes.
 * - `providers`, `workspaces` and `search` narrow the cost records before they are summed;
 *   `workspaces` matches a display name exactly, a workspace id (uuid) or a provider's workspace id.
 * - `search` is a case-insensitive substring of the workspace's display or provider name, the key hint or the model.
 * - `costMin` / `costMax` (inclusive) apply to each row's billed cost in the current period.
 * - the previous period is the equal-length range just before the current one (`previousPeriod`).
 */
export const ZDashboardFilter = z
  .object({
    providers: z.array(ZProviderId).max(20).default([]),
    workspaces: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    period: ZDashboardPeriod.default('last_30_days'),
    costMin: ZDecimalText.nullish(),
    costMax: ZDecimalText.nullish(),
    search: z.string().trim().max(200).nullish(),
    sort: ZDashboardSort.nullish(),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    limit: z.number().int().min(1).max(MAX_DASHBOARD_LIMIT).default(DEFAULT_DASHBOARD_LIMIT),
  })
  // Zod still runs this refinement when a bound failed its own format check, so compare only well-formed bounds.
  .refine((f) => !isDecimalText(f.costMin) || !isDecimalText(f.costMax) || new Money(f.costMin).lte(f.costMax), {
    message: 'costMin is above costMax',
    path: ['costMax'],
  });

/**
 * A parsed filter (defaults applied). Services take this; build it with `ZDashboardFilter.parse`.
 * `searchMatches`, what holds the search term, is read by the services themselves
 * (`withSearchMatches`); a statement built without it looks the term up itself.
 * `workspaceNamesDiffer`, read there too: some workspace the filter names by a name its records
 * carry also has records carrying other names (renamed at the provider, and named by no directory
 * entry); a rollup keeping one name per row cannot tell those records apart, so sources whose grain
 * holds the record's name are read instead (`sourceFor`). Unread (undefined), the rollups are read.
 */
export type DashboardFilter = z.output<typeof ZDashboardFilter> & {
  searchMatches?: SearchMatches;
  workspaceNamesDiffer?: boolean;
};
/** What a client may send: every field optional. */
export type DashboardFilterInput = z.input<typeof ZDashboardFilter>;

/** Day or ISO-week (Monday) buckets for the cost-over-time series. */
export const ZSeriesGranularity = z.enum(['day', 'week']);
export type SeriesGranularity = z.infer<typeof ZSeriesGranularity>;

/** What one cost-over-time series is split by. */
export const ZSeriesDimension = z.enum(['provider', 'model', 'workspace']);
export type SeriesDimension = z.infer<typeof ZSeriesDimension>;

/** One API key, as the API keys dashboard identifies it: its account and the provider's id for it. */
export const ZApiKeyRef = z.object({
  providerAccountId: z.uuid({ message: 'Not an account id' }),
  externalId: z.string().min(1).max(500),
});
export type ApiKeyRef = z.infer<typeof ZApiKeyRef>;

/**
 * Options of the cost-over-time query; the filter's sort, cost range and paging do not apply to it.
 * `apiKey` narrows the series to one key (the key drill-down).
 */
export const ZCostSeriesOptions = z.object({
  granularity: ZSeriesGranularity.default('day'),
  groupBy: ZSeriesDimension.default('provider'),
  apiKey: ZApiKeyRef.nullish(),
});
export type CostSeriesOptions = z.output<typeof ZCostSeriesOptions>;
