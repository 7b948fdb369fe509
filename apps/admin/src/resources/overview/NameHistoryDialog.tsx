import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import { REVERT_WORKSPACE_NAME, WORKSPACE_DETAIL, type NameChange, type WorkspaceDetail } from './dashboard-queries';
import { useOverviewMutation, useOverviewQuery } from './useOverviewQuery';

const shown = (name: string | null) => name ?? '(provider name)';

/** One change in words: "Old → New". */
export function describeChange(change: NameChange): string {
  return `${shown(change.oldName)} → ${shown(change.newName)}`;
}

/** A workspace's name history, newest first, each change with its time and author and a Revert (admins). */
export function NameHistoryDialog({
  workspaceId,
  canEdit,
  onClose,
}: {
  workspaceId: string;
  canEdit: boolean;
  onClose(): void;
}) {
  const { data } = useOverviewQuery<{ workspace: WorkspaceDetail | null }>('workspace', WORKSPACE_DETAIL, {
    id: workspaceId,
  });
  const revert = useOverviewMutation<unknown, { historyEntryId: string }>(REVERT_WORKSPACE_NAME, 'Name reverted');
  const workspace = data?.workspace;
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="name-history-title">
      <DialogTitle id="name-history-title">Name history{workspace ? ` · ${workspace.displayName}` : ''}</DialogTitle>
      <DialogContent>
        {!workspace ? <LinearProgress /> : null}
        {workspace ? (
          <Typography variant="body2" color="text.secondary">
            Provider name: {workspace.providerName ?? workspace.externalId}
          </Typography>
        ) : null}
        {workspace && workspace.nameHistory.length === 0 ? (
          <Typography sx={{ mt: 1 }}>Never renamed.</Typography>
        ) : null}
        <List dense>
          {workspace?.nameHistory.map((change) => (
            <ListItem
              key={change.id}
              data-history-entry={change.id}
              secondaryAction={
                canEdit ? (
                  <Button
                    size="small"
                    disabled={revert.isPending}
                    onClick={() => revert.mutate({ historyEntryId: change.id })}>
                    Revert
                  </Button>
                ) : null
              }>
              <ListItemText
                primary={describeChange(change)}
                secondary={`${new Date(change.changedAt).toLocaleString()}${change.changedBy ? ` · ${change.changedBy}` : ''}`}
              />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
