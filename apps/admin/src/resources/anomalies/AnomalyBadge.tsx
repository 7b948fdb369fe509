import { Chip } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { useOverviewQuery } from '../overview/useOverviewQuery';
import { ANOMALY_DAYS } from './anomaly-queries';

type Stored = { id: string; level: string; provider: string | null; seriesKey: string; day: string; status: string };

/** Props of {@link AnomalyBadge}: the row's series (provider as the GraphQL enum). */
export type AnomalyBadgeProps = {
  level: 'WORKSPACE' | 'API_KEY' | 'MODEL';
  provider: string | null;
  seriesKey: string;
};

/**
 * A small "anomaly" chip on an Overview row whose series has an open anomaly (of its provider,
 * or across providers), linking to the Anomalies view. Every badge shares one cached query.
 */
export function AnomalyBadge({ level, provider, seriesKey }: AnomalyBadgeProps) {
  const { data } = useOverviewQuery<{ anomalies: { rows: Stored[] } }>('anomaly-days', ANOMALY_DAYS, {
    filter: { status: ['OPEN', 'ACKNOWLEDGED'] },
  });
  const open = (data?.anomalies.rows ?? []).filter(
    (a) =>
      a.status === 'OPEN' &&
      a.level === level &&
      a.seriesKey === seriesKey &&
      (a.provider === null || provider === null || a.provider === provider),
  );
  if (open.length === 0) return null;
  const days = [...new Set(open.map((a) => a.day))].sort();
  return (
    <Chip
      size="small"
      color="error"
      variant="outlined"
      label="anomaly"
      component={RouterLink}
      to="/anomalies"
      clickable
      title={`Open anomaly on ${days.join(', ')}`}
      data-badge="anomaly"
      onClick={(e) => e.stopPropagation()}
    />
  );
}
