import LinkOffIcon from '@mui/icons-material/LinkOff';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCanAccess, useNotify, useRedirect } from 'react-admin';
import { RESOURCES } from '../../data-provider';
import type { ProviderAccountRecord } from '../../data-provider/records';
import { useSpendsyncDataProvider } from '../../data-provider/useSpendsyncDataProvider';

type Choice = 'keep' | 'purge';

/**
 * Unlink an account, choosing what happens to its history: keep it (the credential is erased,
 * the account stays, disconnected, and dashboards keep its data) or purge it (the account and
 * every record are deleted). Admins only.
 */
export function UnlinkButton({ account }: { account: Pick<ProviderAccountRecord, 'id' | 'label' | 'status'> }) {
  const { canAccess } = useCanAccess({ action: 'delete', resource: RESOURCES.providerAccounts });
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>('keep');
  const dataProvider = useSpendsyncDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const redirect = useRedirect();
  const unlink = useMutation({
    mutationFn: () =>
      dataProvider.delete(RESOURCES.providerAccounts, { id: account.id, meta: { purgeHistory: choice === 'purge' } }),
    onSuccess: () => {
      setOpen(false);
      notify(
        choice === 'purge'
          ? `${account.label} and its history were deleted.`
          : `${account.label} was unlinked; its history is kept.`,
        { type: 'info' },
      );
      // Purging changes every dashboard; keeping changes the account list.
      void queryClient.invalidateQueries();
      redirect('list', RESOURCES.providerAccounts);
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  if (!canAccess) return null;
  const alreadyUnlinked = account.status === 'DISCONNECTED';
  return (
    <>
      <Button
        size="small"
        color="error"
        startIcon={<LinkOffIcon />}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}>
        {alreadyUnlinked ? 'Delete' : 'Unlink'}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        onClick={(event) => event.stopPropagation()}
        aria-labelledby="unlink-title">
        <DialogTitle id="unlink-title">Unlink {account.label}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            spendsync stops syncing this account. What should happen to the data already synced?
          </DialogContentText>
          <RadioGroup value={choice} onChange={(event) => setChoice(event.target.value as Choice)} sx={{ mt: 1 }}>
            {alreadyUnlinked ? null : (
              <FormControlLabel
                value="keep"
                control={<Radio />}
                label="Keep its history: erase the credential, keep the records in the dashboards"
              />
            )}
            <FormControlLabel
              value="purge"
              control={<Radio />}
              label="Purge its history: delete the account and all of its records"
            />
          </RadioGroup>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            color="error"
            variant="contained"
            disabled={unlink.isPending || (alreadyUnlinked && choice === 'keep')}
            onClick={() => unlink.mutate()}>
            {choice === 'purge' ? 'Unlink and purge' : 'Unlink'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
