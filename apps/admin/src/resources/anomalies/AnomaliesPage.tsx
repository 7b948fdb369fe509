import { Alert, Box, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title } from 'react-admin';
import { useCanEdit, useOverviewMutation, useOverviewQuery } from '../overview/useOverviewQuery';
import { ACKNOWLEDGE, ANOMALIES, type Anomaly } from './anomaly-queries';
import { AnomalyCard } from './AnomalyCard';

const STATUSES = {
  open: ['OPEN'],
  acknowledged: ['ACKNOWLEDGED'],
  resolved: ['RESOLVED'],
  all: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'],
} as const;
const LEVELS = { all: null, API_KEY: ['API_KEY'], MODEL: ['MODEL'], WORKSPACE: ['WORKSPACE'] } as const;

/**
 * The anomaly feed: spikes and silences found on settled days, newest first, each with its
 * drivers (bars linking to the Overview filtered to the driver and the days around it).
 * Admins acknowledge with a note. New anomalies arrive through the live feed's refetch.
 */
export function AnomaliesPage() {
  const [status, setStatus] = useState<keyof typeof STATUSES>('open');
  const [level, setLevel] = useState<keyof typeof LEVELS>('all');
  const canEdit = useCanEdit();
  const filter = { status: STATUSES[status], ...(LEVELS[level] ? { level: LEVELS[level] } : {}) };
  const { data, error } = useOverviewQuery<{ anomalies: { total: number; rows: Anomaly[] } }>('anomalies', ANOMALIES, {
    filter,
    limit: 100,
  });
  const acknowledge = useOverviewMutation<unknown, { id: string; note: string | null }>(
    ACKNOWLEDGE,
    'Anomaly acknowledged',
  );
  return (
    <Box sx={{ p: 2 }}>
      <Title title="Anomalies" />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Days that cost far more than their baseline (median of the 28 settled days before, same weekday when weekly), or
        series that went silent. Only settled days are judged: provisional days may still be revised by the provider.
      </Typography>
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <TextField
          select
          size="small"
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as keyof typeof STATUSES)}>
          {Object.keys(STATUSES).map((s) => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Level"
          value={level}
          onChange={(e) => setLevel(e.target.value as keyof typeof LEVELS)}>
          {Object.keys(LEVELS).map((l) => (
            <MenuItem key={l} value={l}>
              {l === 'all' ? 'all levels' : l.replace('_', ' ').toLowerCase()}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {error && <Alert severity="error">{error.message}</Alert>}
      {!data && !error && <LinearProgress />}
      {data && data.anomalies.rows.length === 0 && (
        <Typography color="text.secondary">No anomalies with this filter.</Typography>
      )}
      <Stack spacing={1} aria-label="Anomalies" role="feed">
        {data?.anomalies.rows.map((a) => (
          <AnomalyCard
            key={a.id}
            anomaly={a}
            canEdit={canEdit}
            onAcknowledge={(id, note) => acknowledge.mutate({ id, note: note.trim() || null })}
          />
        ))}
      </Stack>
    </Box>
  );
}
