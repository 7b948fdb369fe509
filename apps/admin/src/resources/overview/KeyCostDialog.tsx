import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import type { ApiKeyRow } from './dashboard-queries';
import { formatUsd } from './format';
import type { OverviewFilter } from './overview-filter';
import { providerLabel } from './providers';
import { SeriesChart } from './SeriesChart';

/** A key's cost over time (drill-down from the API Keys tab), by model, over the filter's period. */
export function KeyCostDialog({
  row,
  filter,
  onClose,
}: {
  row: ApiKeyRow & { externalId: string };
  filter: OverviewFilter;
  onClose(): void;
}) {
  const title = row.hint ?? row.name ?? row.externalId;
  // The key is the subject: the workspace drill-down and search no longer narrow it.
  const keyFilter: OverviewFilter = { ...filter, workspaces: [], search: '', costMin: null, costMax: null };
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="key-cost-title">
      <DialogTitle id="key-cost-title">Cost over time · {title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {providerLabel(row.provider)} · {row.workspaceName ?? 'no workspace'} · {formatUsd(row.cost)} in the period
        </Typography>
        <SeriesChart
          filter={keyFilter}
          groupBy="MODEL"
          apiKey={{ providerAccountId: row.providerAccountId, externalId: row.externalId }}
          height={300}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
