import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import type { CreditRunway } from './runway-documents';
import { RunwayDetails } from './RunwayDetails';

/** An account's runways (balance and grants), each with its projection and chart. */
export function RunwayDialog({ label, runways, onClose }: { label: string; runways: CreditRunway[]; onClose(): void }) {
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>Credit runway of {label}</DialogTitle>
      <DialogContent>
        <Stack>
          {runways.map((r) => (
            <RunwayDetails key={r.id} runway={r} />
          ))}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
