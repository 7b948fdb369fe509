import { LinearProgress } from '@mui/material';
import { Suspense, lazy } from 'react';
import { COST_SERIES, type CostPoint } from './dashboard-queries';
import type { OverviewFilter } from './overview-filter';
import { toDashboardFilterInput } from './overview-url';
import { granularityFor } from './tab-query';
import { useAnomalyDays } from '../anomalies/useAnomalyDays';
import { useOverviewQuery } from './useOverviewQuery';

// recharts is the largest library here; it loads after the tables are on screen.
const CostChart = lazy(() => import('./CostChart').then((m) => ({ default: m.CostChart })));

/** Which key's costs a chart shows: one API key (providerAccountId + externalId), or all of them. */
export type ApiKeyRef = { providerAccountId: string; externalId: string };

/** Props of {@link SeriesChart}. */
export type SeriesChartProps = {
  filter: OverviewFilter;
  groupBy: 'PROVIDER' | 'MODEL' | 'WORKSPACE';
  apiKey?: ApiKeyRef;
  labelFor?(key: string): string;
  height?: number;
};

/** Loads a cost-over-time series for the filter and draws it (day buckets, weeks beyond ~3 months). */
export function SeriesChart({ filter, groupBy, apiKey, labelFor, height }: SeriesChartProps) {
  const variables = {
    filter: toDashboardFilterInput(filter), groupBy, granularity: granularityFor(filter), ...(apiKey ? { apiKey } : {}),
  };
  const { data, error } = useOverviewQuery<{ costSeries: CostPoint[] }>('cost-series', COST_SERIES, variables);
  const anomalyDays = useAnomalyDays(filter);
  if (error) return null;
  if (!data) return <LinearProgress />;
  return (
    <Suspense fallback={<LinearProgress />}>
      <CostChart points={data.costSeries} labelFor={labelFor} height={height} anomalyDays={apiKey ? [] : anomalyDays} />
    </Suspense>
  );
}
