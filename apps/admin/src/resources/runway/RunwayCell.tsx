import { Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Tooltip } from '@mui/material';
import { useState } from 'react';
import { RunwayDetails } from './RunwayDetails';
import { useRunways } from './useRunways';
import { runwayColor, runwayLabel, runwaysOf } from './runway-view';

/**
 * The Providers tab's Runway cell: the account's soonest-running-out balance or grant as a chip
 * (and how many more), opening its runways with the balance chart and projection. "—" when the
 * account has no balance the provider reports and no grant.
 */
export function RunwayCell({ providerAccountId, label }: { providerAccountId: string; label: string }) {
  const { data } = useRunways();
  const [open, setOpen] = useState(false);
  const runways = data ? runwaysOf(data, providerAccountId) : [];
  if (runways.length === 0) return <span data-testid="runway-none">—</span>;
  const [first] = runways;
  const more = runways.length - 1;
  const moreText = more > 0 ? ` and ${more} more` : '';
  return (
    <>
      <Tooltip title={`${first!.kind === 'GRANT' ? first!.name : 'Provider balance'}${moreText}: open the chart`}>
        <Chip
          size="small"
          clickable
          color={runwayColor(first!)}
          data-testid="runway-chip"
          onClick={() => setOpen(true)}
          label={`${runwayLabel(first!)}${more > 0 ? ` +${more}` : ''}`}
        />
      </Tooltip>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md" fullWidth>
        <DialogTitle>Credit runway of {label}</DialogTitle>
        <DialogContent>
          <Stack>
            {runways.map((r) => (
              <RunwayDetails key={r.id} runway={r} />
            ))}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
