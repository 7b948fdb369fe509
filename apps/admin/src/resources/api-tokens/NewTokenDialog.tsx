import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import type { CreatedToken } from './CreateApiTokenForm';

/** The new token's value, the only time it is shown: copy it now. */
export function NewTokenDialog({ created, onClose }: { created: CreatedToken | null; onClose(): void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(created?.token ?? '').then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Dialog open={created !== null} onClose={onClose} aria-labelledby="new-token-title" fullWidth maxWidth="sm">
      <DialogTitle id="new-token-title">Token “{created?.apiToken.name}” created</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          Copy it now: it is shown only once. spendsync keeps only its hash.
        </Alert>
        <TextField
          label="Token"
          value={created?.token ?? ''}
          fullWidth
          slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'new-token', style: { fontFamily: 'monospace' } } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</Button>
        <Button
          variant="contained"
          onClick={() => {
            setCopied(false);
            onClose();
          }}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
