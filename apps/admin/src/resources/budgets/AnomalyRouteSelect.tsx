import { MenuItem, TextField } from '@mui/material';
import { ANOMALY_ROUTES, UPDATE_ANOMALY_ROUTES, type AnomalyRoute } from './budget-documents';
import { useBudgetsMutation, useBudgetsQuery } from './useBudgetsApi';

const CHOICES = [
  ['OFF', 'Off'],
  ['MEDIUM', 'All'],
  ['HIGH', 'High and critical'],
  ['CRITICAL', 'Critical only'],
] as const;

/** The organization's anomaly routes (`anomalySettings.routes`); undefined while loading. */
export function useAnomalyRoutes(): AnomalyRoute[] | undefined {
  const { data } = useBudgetsQuery<{ anomalySettings: { routes: AnomalyRoute[] } }>('anomaly-routes', ANOMALY_ROUTES);
  return data?.anomalySettings.routes;
}

/** Which new anomalies one channel receives: none, or those at a severity or above (admins change it). */
export function AnomalyRouteSelect({
  channelId,
  channelName,
  routes,
  canEdit,
}: {
  channelId: string;
  channelName: string;
  routes: AnomalyRoute[];
  canEdit: boolean;
}) {
  const save = useBudgetsMutation(UPDATE_ANOMALY_ROUTES, { success: 'Anomaly routing saved' });
  const current = routes.find((r) => r.channelId === channelId)?.minSeverity ?? 'OFF';
  const change = (value: string) => {
    const others = routes.filter((r) => r.channelId !== channelId);
    save.mutate({ input: { routes: value === 'OFF' ? others : [...others, { channelId, minSeverity: value }] } });
  };
  return (
    <TextField
      fullWidth={false}
      margin="none"
      size="small"
      select
      label="Anomalies"
      value={current}
      disabled={!canEdit || save.isPending}
      onChange={(e) => change(e.target.value)}
      sx={{ minWidth: 170 }}
      slotProps={{ htmlInput: { 'aria-label': `Anomalies sent to ${channelName}` } }}>
      {CHOICES.map(([value, label]) => (
        <MenuItem key={value} value={value}>
          {label}
        </MenuItem>
      ))}
    </TextField>
  );
}
