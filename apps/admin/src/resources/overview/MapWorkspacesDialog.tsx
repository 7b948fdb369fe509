import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { MAP_WORKSPACES } from './dashboard-queries';
import { useOverviewMutation } from './useOverviewQuery';

/** Gives the selected workspaces (of any providers) one display name, so dashboards combine them. */
export function MapWorkspacesDialog({
  workspaceIds,
  onClose,
}: {
  workspaceIds: readonly string[];
  onClose(mapped: boolean): void;
}) {
  const [name, setName] = useState('');
  const map = useOverviewMutation<unknown, { displayName: string; workspaceIds: string[] }>(
    MAP_WORKSPACES,
    'Workspaces mapped',
  );
  const submit = () => {
    if (!name.trim()) return;
    map.mutate({ displayName: name.trim(), workspaceIds: [...workspaceIds] }, { onSuccess: () => onClose(true) });
  };
  return (
    <Dialog open onClose={() => onClose(false)} maxWidth="xs" fullWidth aria-labelledby="map-title">
      <DialogTitle id="map-title">Map {workspaceIds.length} workspaces to one name</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Dashboards show them as one row; each keeps its own name history.
        </Typography>
        <TextField
          autoFocus
          fullWidth
          size="small"
          label="Display name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit();
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>Cancel</Button>
        <Button variant="contained" disabled={!name.trim() || map.isPending} onClick={submit}>
          Map
        </Button>
      </DialogActions>
    </Dialog>
  );
}
