import type { QueryClient } from '@tanstack/react-query';
import { ANOMALY_DAYS, ANOMALY_DAYS_VARIABLES } from '../anomalies/anomaly-queries';
import { COST_SERIES, PROVIDER_DASHBOARD } from './dashboard-queries';
import { overviewTabAt } from './overview-tabs';
import { parseFilterParams } from './overview-url';
import { providersTabVariables, seriesVariables } from './tab-query';
import { OVERVIEW_QUERY_KEY } from './useOverviewQuery';

/** What the prefetch needs of the app: its GraphQL calls, its one cache, and whether someone is signed in. */
export type OverviewPrefetchDeps = {
  dataProvider: { graphql<T>(document: string, variables?: Record<string, unknown>): Promise<T> };
  queryClient: QueryClient;
  isSignedIn(): boolean;
};

/**
 * When the page opens on the Overview's Providers tab (`overviewTabAt`), starts its three queries — the accounts, the cost chart and the chart's
 * anomaly markers, with the filter the URL holds — into the react-query cache under the keys the
 * tab's components ask for, alongside loading the scripts. The tab then mounts on its data instead
 * of starting them once the page has rendered: in `pnpm bench:ui` they started 0.3–0.6 s after the
 * scripts had loaded. Nobody signed in: nothing is asked (the sign-in page comes first).
 */
export function prefetchOverview(deps: OverviewPrefetchDeps, location: { pathname: string; search: string }): void {
  if (overviewTabAt(location.pathname) !== 'providers' || !deps.isSignedIn()) return;
  const { filter } = parseFilterParams(new URLSearchParams(location.search));
  const queries: [string, string, Record<string, unknown>][] = [
    ['providers', PROVIDER_DASHBOARD, providersTabVariables(filter)],
    ['cost-series', COST_SERIES, seriesVariables(filter, 'PROVIDER')],
    ['anomaly-days', ANOMALY_DAYS, ANOMALY_DAYS_VARIABLES],
  ];
  for (const [name, document, variables] of queries) {
    // a failure stays in the cache as the query's error; the component asks again when it mounts
    void deps.queryClient.prefetchQuery({
      queryKey: [OVERVIEW_QUERY_KEY, name, variables],
      queryFn: () => deps.dataProvider.graphql(document, variables),
    });
  }
}
