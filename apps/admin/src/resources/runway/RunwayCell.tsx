import { Chip, Tooltip } from '@mui/material';
import { Suspense, lazy, useState } from 'react';
import { useRunways } from './useRunways';
import { runwayColor, runwayLabel, runwaysOf } from './runway-view';

// The dialog (and its chart) is a chunk of its own: the Providers tab shows only the chips.
const RunwayDialog = lazy(() => import('./RunwayDialog').then((m) => ({ default: m.RunwayDialog })));

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
      {open ? (
        <Suspense fallback={null}>
          <RunwayDialog label={label} runways={runways} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
