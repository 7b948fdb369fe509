import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { REVOKE_API_TOKEN } from '../../data-provider/documents';
import type { ApiTokenRecord } from '../../data-provider/records';
import { useGraphqlMutation } from '../useGraphqlQuery';

/** Revoke a token after confirming: it stops working at once. */
export function RevokeTokenButton({ token }: { token: ApiTokenRecord }) {
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const revoke = useGraphqlMutation<unknown, { id: string }>('api-tokens', REVOKE_API_TOKEN, {
    onSuccess: () => {
      setOpen(false);
      notify(`${token.name} was revoked.`, { type: 'info' });
    },
  });
  return (
    <>
      <Button size="small" color="error" onClick={() => setOpen(true)}>
        Revoke
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="revoke-title">
        <DialogTitle id="revoke-title">Revoke {token.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Anything using {token.hint} stops working at once. This cannot be undone.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            color="error"
            variant="contained"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate({ id: token.id })}>
            Revoke
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
