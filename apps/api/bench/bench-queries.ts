import type { Day } from '@spendsync/domain';
import { buildApiKeyDashboardQuery } from '../src/features/dashboards/api-key-dashboard.service';
import type { DashboardQuery } from '../src/features/dashboards/dashboard-db';
import type { DashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { buildModelDashboardQuery } from '../src/features/dashboards/model-dashboard.service';
import { buildProviderPageQuery } from '../src/features/dashboards/provider-dashboard.service';
import { buildWorkspaceDashboardQuery } from '../src/features/dashboards/workspace-dashboard.service';
import type { BenchQuery } from './hand-sql';

/** Each dashboard's first page (and costSeries per day and provider) through GraphQL, every row field selected, as the admin UI asks. */
export const BENCH_GRAPHQL: Record<BenchQuery, string> = {
  providers: `query($f: DashboardFilterInput) { providerDashboard(filter: $f) { total rows { providerAccountId provider label spend previousSpend
    spendChange credits previousCredits creditsChange net previousNet netChange metered previousMetered meteredChange coverage previousCoverage
    status lastError lastSyncedAt dataCompleteThrough expectedDelayHours includesProvisional } unattributedMetered { provider metered } } }`,
  models: `query($f: DashboardFilterInput) { modelDashboard(filter: $f) { total rows { modelId provider model unit cost previousCost costChange
    credits net inputTokens outputTokens cachedInputTokens requests averageTokensPerRequest costPerMillionTokens quantity costPerUnit
    isMostEfficient includesProvisional images { count costPerImage cost mix } } } }`,
  'api-keys': `query($f: DashboardFilterInput) { apiKeyDashboard(filter: $f) { total rows { apiKeyId externalId providerAccountId provider hint name
    workspaceExternalId workspaceName cost previousCost costChange net inputTokens outputTokens cachedInputTokens requests previousRequests
    lastUsedAt lastActiveDay hasMeteredTraffic isUninstrumented isIdle includesProvisional } } }`,
  workspaces: `query($f: DashboardFilterInput) { workspaceDashboard(filter: $f) { total rows { displayName providers cost previousCost costChange
    credits net previousNet netChange inputTokens outputTokens requests includesProvisional members { workspaceId providerAccountId provider
    externalId providerName cost previousCost net } } } }`,
  series: `query($f: DashboardFilterInput) { costSeries(filter: $f, granularity: DAY, groupBy: PROVIDER) { bucket key cost credits net provisional } }`,
};

/** The paged dashboards' statements, to run directly for the filtered measurements. */
export const SERVICE_QUERIES = {
  // the page with the metered usage no key matched, one statement, as the service reads it
  providers: buildProviderPageQuery,
  models: buildModelDashboardQuery,
  'api-keys': (org: string, filter: DashboardFilter, today: Day) =>
    buildApiKeyDashboardQuery(org, filter, today, 'page'),
  workspaces: buildWorkspaceDashboardQuery,
} satisfies Partial<Record<BenchQuery, (org: string, filter: DashboardFilter, today: Day) => DashboardQuery>>;

type Paged = keyof typeof SERVICE_QUERIES;

/** One Overview filter, as GraphQL input and as the service's filter. */
export type Variant = {
  name: string;
  input(query: Paged): Record<string, unknown>;
  filter(query: Paged): Record<string, unknown>;
};

const same = (value: Record<string, unknown>) => ({ input: () => value, filter: () => value });
const changeField = (query: Paged) => (query === 'providers' ? 'spendChange' : 'costChange');

/** The Overview's cost chart: days up to about three months, ISO weeks beyond (its `granularityFor`). */
export const SERIES_CHART_GRAPHQL = `query($f: DashboardFilterInput, $g: SeriesGranularity) {
  costSeries(filter: $f, granularity: $g, groupBy: PROVIDER) { bucket key cost credits net provisional } }`;

/** The filters that apply to cost over time (its cost range, sort and paging do not). */
export const SERIES_VARIANTS = ['provider', 'workspace', 'search', 'broadSearch'];

/** Every filter the Overview offers. */
export const VARIANTS: Variant[] = [
  {
    name: 'provider',
    input: () => ({ providers: ['OPENAI', 'ANTHROPIC'] }),
    filter: () => ({ providers: ['openai', 'anthropic'] }),
  },
  { name: 'workspace', ...same({ workspaces: ['Team 3'] }) },
  { name: 'costRange', ...same({ costMin: '1000' }) },
  { name: 'search', ...same({ search: 'model-17' }) },
  // held by every name of the OpenAI account's workspaces and keys: hundreds of values, a ninth of the records
  { name: 'broadSearch', ...same({ search: 'openai' }) },
  {
    name: 'sort',
    input: (query) => ({ sort: { field: changeField(query), direction: 'ASC' } }),
    filter: (query) => ({ sort: { field: changeField(query), direction: 'asc' } }),
  },
];
