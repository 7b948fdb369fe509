import { Box, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { formatUsd } from '../overview/format';
import { providerLabel } from '../overview/providers';
import type { Anomaly } from './anomaly-queries';
import { DriverBars } from './DriverBars';

const SEVERITY_COLORS = { CRITICAL: 'error', HIGH: 'warning', MEDIUM: 'info' } as const;
const LEVEL_LABELS = { API_KEY: 'API key', MODEL: 'Model', WORKSPACE: 'Workspace' } as const;
const CHANGE_LABELS = {
  VOLUME: 'more usage (volume)',
  PRICE: 'higher price per unit',
  UNKNOWN: 'volume not reported',
} as const;

/** Props of {@link AnomalyCard}. */
export type AnomalyCardProps = { anomaly: Anomaly; canEdit: boolean; onAcknowledge(id: string, note: string): void };

/** One anomaly: severity, series, day, expected vs actual, what kind of change, and its drivers. */
export function AnomalyCard({ anomaly: a, canEdit, onAcknowledge }: AnomalyCardProps) {
  const [note, setNote] = useState('');
  const scope = a.provider ? providerLabel(a.provider) : 'All providers';
  return (
    <Card variant="outlined" data-anomaly={a.id} aria-label={`${LEVEL_LABELS[a.level]} ${a.seriesLabel} on ${a.day}`}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Chip size="small" color={SEVERITY_COLORS[a.severity]} label={a.severity.toLowerCase()} />
          <Typography variant="subtitle1" component="h3">
            {LEVEL_LABELS[a.level]} <b>{a.seriesLabel}</b> · {scope}
          </Typography>
          <Typography color="text.secondary">{a.day}</Typography>
          {a.status !== 'OPEN' && <Chip size="small" variant="outlined" label={a.status.toLowerCase()} />}
        </Stack>
        <Typography sx={{ mt: 1 }} data-testid="anomaly-figures">
          {a.kind === 'DROP' ? 'Went silent: ' : 'Spike: '}
          {formatUsd(a.actual)} actual vs {formatUsd(a.expected)} expected ({Number(a.delta) >= 0 ? '+' : ''}
          {formatUsd(a.delta)}) — {CHANGE_LABELS[a.changeKind]}
        </Typography>
        {a.topDriver && (
          <Typography variant="body2" data-testid="top-driver">
            Top driver: <b>{a.topDriver.label}</b>
          </Typography>
        )}
        {a.note && (
          <Typography variant="body2" color="text.secondary">
            Note: {a.note}
          </Typography>
        )}
        <Box sx={{ display: 'flex', gap: 3, mt: 1, flexWrap: 'wrap' }}>
          {(['API_KEY', 'MODEL', 'WORKSPACE'] as const).map((d) => (
            <DriverBars key={d} anomaly={a} dimension={d} />
          ))}
        </Box>
        {canEdit && a.status === 'OPEN' && (
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <TextField size="small" label="Note" value={note} onChange={(e) => setNote(e.target.value)} />
            <Button onClick={() => onAcknowledge(a.id, note)}>Acknowledge</Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
