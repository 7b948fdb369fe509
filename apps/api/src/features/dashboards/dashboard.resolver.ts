import { dayOf, type Day } from '@spendsync/domain';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireCaller, type ApiContext } from '../../context';
import { ApiKeyDashboardPageObject } from './api-key-dashboard.type';
import { ApiKeyRefInput, CostSeriesPointObject, SeriesDimensionEnum, SeriesGranularityEnum } from './cost-series.type';
import type { DashboardFilter, SeriesDimension, SeriesGranularity } from './dashboard-filter';
import { DashboardFilterInput } from './dashboard-filter.input';
import { DashboardPeriodObject } from './dashboard-period.type';
import { dashboardWindow } from './dashboard-query';
import { ModelInsightsObject } from './model-insights.type';
import { ModelDashboardPageObject } from './model-dashboard.type';
import { parseApiKeyRef, parseDashboardInput, runDashboard } from './parse-dashboard-input';
import { ProviderDashboardPageObject } from './provider-dashboard.type';
import type { DashboardService } from './dashboard.service';
import { WorkspaceDashboardPageObject } from './workspace-dashboard.type';

type Dashboard<T> = (
  dashboards: DashboardService,
  organizationId: string,
  filter: DashboardFilter,
  today: string,
) => Promise<T>;

/** Runs one dashboard query for the caller's organization, with the filter parsed and "today" from the clock. */
function run<T>(ctx: ApiContext, input: DashboardFilterInput | null | undefined, query: Dashboard<T>): Promise<T> {
  const { organizationId } = requireCaller(ctx);
  const filter = parseDashboardInput(input);
  return runDashboard(() => query(ctx.services.dashboards, organizationId, filter, dayOf(ctx.services.now())));
}

/** The period a page covers and the one it compares with, as the page's `period` field. */
function periodOf(filter: DashboardFilter, today: Day): DashboardPeriodObject {
  const window = dashboardWindow(filter, today);
  return {
    ...window.current,
    previousStart: window.previous.start,
    previousEnd: window.previous.end,
    comparison: window.basis,
  };
}

/** A page query that also tells the period used. */
function withPeriod<T extends object>(query: Dashboard<T>): Dashboard<T & { period: DashboardPeriodObject }> {
  return async (dashboards, org, filter, today) => ({
    ...(await query(dashboards, org, filter, today)),
    period: periodOf(filter, today),
  });
}

const FILTER = { nullable: true, description: 'Default: the last 30 days, every provider, sorted by cost.' } as const;

/** The four dashboards and cost over time, all with the same filter, current vs previous period. */
@Resolver()
export class DashboardResolver {
  @Query(() => ProviderDashboardPageObject, {
    description: 'Spend, credits, net, metered spend and coverage per linked account.',
  })
  providerDashboard(
    @Arg('filter', () => DashboardFilterInput, FILTER) filter: DashboardFilterInput | null,
    @Ctx() ctx: ApiContext,
  ) {
    return run(
      ctx,
      filter,
      withPeriod((d, ...args) => d.providers(...args)),
    );
  }

  @Query(() => ModelDashboardPageObject, {
    description: 'Cost, tokens and cost efficiency per model; the most efficient is flagged.',
  })
  modelDashboard(
    @Arg('filter', () => DashboardFilterInput, FILTER) filter: DashboardFilterInput | null,
    @Ctx() ctx: ApiContext,
  ) {
    return run(
      ctx,
      filter,
      withPeriod((d, ...args) => d.models(...args)),
    );
  }

  @Query(() => ModelInsightsObject, {
    description:
      'The most efficient token model and image figures over every model row the filter matches (its sort and paging do not apply).',
  })
  modelInsights(
    @Arg('filter', () => DashboardFilterInput, FILTER) filter: DashboardFilterInput | null,
    @Ctx() ctx: ApiContext,
  ) {
    return run(ctx, filter, (d, ...args) => d.modelInsights(...args));
  }

  @Query(() => ApiKeyDashboardPageObject, {
    description: 'Cost, usage and trend per API key, with idle and uninstrumented keys flagged.',
  })
  apiKeyDashboard(
    @Arg('filter', () => DashboardFilterInput, FILTER) filter: DashboardFilterInput | null,
    @Ctx() ctx: ApiContext,
  ) {
    return run(
      ctx,
      filter,
      withPeriod((d, ...args) => d.apiKeys(...args)),
    );
  }

  @Query(() => WorkspaceDashboardPageObject, {
    description: 'One row per display name, combining workspaces mapped to it across providers.',
  })
  workspaceDashboard(
    @Arg('filter', () => DashboardFilterInput, FILTER) filter: DashboardFilterInput | null,
    @Ctx() ctx: ApiContext,
  ) {
    return run(
      ctx,
      filter,
      withPeriod((d, ...args) => d.workspaces(...args)),
    );
  }

  @Query(() => [CostSeriesPointObject], {
    description: "Cost over time for charts, over the filter's period (its sort, cost range and paging do not apply).",
  })
  costSeries(
    @Arg('filter', () => DashboardFilterInput, FILTER) filter: DashboardFilterInput | null,
    // Enum defaults are applied here, not in the schema: an SDL-built subgraph would hand the
    // resolver the enum's name (DAY) instead of its value (day).
    @Arg('granularity', () => SeriesGranularityEnum, { nullable: true, description: 'Default DAY.' })
    granularity: SeriesGranularity | null,
    @Arg('groupBy', () => SeriesDimensionEnum, { nullable: true, description: 'Default PROVIDER.' })
    groupBy: SeriesDimension | null,
    @Arg('apiKey', () => ApiKeyRefInput, {
      nullable: true,
      description: 'Only this API key (drill-down from the API keys dashboard).',
    })
    apiKey: ApiKeyRefInput | null,
    @Ctx() ctx: ApiContext,
  ) {
    const options = {
      granularity: granularity ?? 'day',
      groupBy: groupBy ?? 'provider',
      apiKey: parseApiKeyRef(apiKey),
    } as const;
    return run(ctx, filter, (d, org, parsed, today) => d.costSeries(org, parsed, options, today));
  }
}
