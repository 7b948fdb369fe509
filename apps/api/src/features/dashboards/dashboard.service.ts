import type { Day } from '@spendsync/domain';
import { queryApiKeyDashboard } from './api-key-dashboard.service';
import { queryCostSeries } from './cost-series.service';
import type { DashboardDb } from './dashboard-db';
import type { CostSeriesOptions, DashboardFilter } from './dashboard-filter';
import { queryModelDashboard } from './model-dashboard.service';
import { queryModelInsights } from './model-insights.service';
import { queryProviderDashboard } from './provider-dashboard.service';
import { queryWorkspaceDashboard } from './workspace-dashboard.service';

type Read<T> = (organizationId: string, filter: DashboardFilter, today: Day) => Promise<T>;

/** The four dashboards, the Models insight cards and cost over time, over one database (what resolvers call). */
export type DashboardService = {
  providers: Read<Awaited<ReturnType<typeof queryProviderDashboard>>>;
  models: Read<Awaited<ReturnType<typeof queryModelDashboard>>>;
  modelInsights: Read<Awaited<ReturnType<typeof queryModelInsights>>>;
  apiKeys: Read<Awaited<ReturnType<typeof queryApiKeyDashboard>>>;
  workspaces: Read<Awaited<ReturnType<typeof queryWorkspaceDashboard>>>;
  costSeries(
    organizationId: string,
    filter: DashboardFilter,
    options: CostSeriesOptions,
    today: Day,
  ): ReturnType<typeof queryCostSeries>;
};

/** Binds the dashboard queries to `db` (the API's pool). */
export function createDashboardService(db: DashboardDb): DashboardService {
  return {
    providers: (org, filter, today) => queryProviderDashboard(db, org, filter, today),
    models: (org, filter, today) => queryModelDashboard(db, org, filter, today),
    modelInsights: (org, filter, today) => queryModelInsights(db, org, filter, today),
    apiKeys: (org, filter, today) => queryApiKeyDashboard(db, org, filter, today),
    workspaces: (org, filter, today) => queryWorkspaceDashboard(db, org, filter, today),
    costSeries: (org, filter, options, today) => queryCostSeries(db, org, filter, options, today),
  };
}
