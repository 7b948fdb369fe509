import { Box, LinearProgress } from '@mui/material';
import { Suspense, lazy, useEffect, useState } from 'react';
import { COST_SERIES, type CostPoint } from './dashboard-queries';
import type { OverviewFilter } from './overview-filter';
import { seriesVariables } from './tab-query';
import { useAnomalyDays } from '../anomalies/useAnomalyDays';
import { useOverviewQuery } from './useOverviewQuery';

// recharts is the largest library here (about a third of the Overview's JS): it loads after the
// first screen's figures and table are on screen (`ready`), so they never wait for it.
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
  /** False until the screen's own figures are shown; the chart library loads only then (default true). */
  ready?: boolean;
};

/** Loads a cost-over-time series for the filter and draws it (day buckets, weeks beyond ~3 months). */
export function SeriesChart({ filter, groupBy, apiKey, labelFor, height, ready = true }: SeriesChartProps) {
  const variables = seriesVariables(filter, groupBy, apiKey);
  const { data, error } = useOverviewQuery<{ costSeries: CostPoint[] }>('cost-series', COST_SERIES, variables);
  const anomalyDays = useAnomalyDays(filter);
  // Drawn only once the browser has painted what is ready, even when the data was there at mount
  // (prefetched): loading and running the chart library then would hold back the screen's figures.
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!ready || drawn) return undefined;
    // the frame's paint, then the next task
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDrawn(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, drawn]);
  if (error) return null;
  if (!data || !drawn)
    return (
      <Box sx={{ minHeight: height ?? 260 }}>
        <LinearProgress />
      </Box>
    );
  return (
    <Suspense fallback={<LinearProgress />}>
      <CostChart points={data.costSeries} labelFor={labelFor} height={height} anomalyDays={apiKey ? [] : anomalyDays} />
    </Suspense>
  );
}
