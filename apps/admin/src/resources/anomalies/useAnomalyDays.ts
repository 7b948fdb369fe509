import type { OverviewFilter } from '../overview/overview-filter';
import { fromProviderEnum } from '../overview/providers';
import { useOverviewQuery } from '../overview/useOverviewQuery';
import { ANOMALY_DAYS, ANOMALY_DAYS_VARIABLES } from './anomaly-queries';

type AnomalyDay = { id: string; provider: string | null; day: string };

/**
 * Days of open or acknowledged anomalies for the chart's markers: of the filter's providers (or
 * across providers) when a provider filter is set, of any series otherwise.
 */
export function useAnomalyDays(filter: Pick<OverviewFilter, 'providers'>): string[] {
  const { data } = useOverviewQuery<{ anomalies: { rows: AnomalyDay[] } }>(
    'anomaly-days',
    ANOMALY_DAYS,
    ANOMALY_DAYS_VARIABLES,
  );
  const rows = data?.anomalies.rows ?? [];
  const wanted = new Set<string>(filter.providers);
  return [
    ...new Set(
      rows
        .filter((a) => wanted.size === 0 || a.provider === null || wanted.has(fromProviderEnum(a.provider)))
        .map((a) => a.day),
    ),
  ].sort();
}
