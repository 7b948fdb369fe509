import AddIcon from '@mui/icons-material/Add';
import { Button, Card, CardContent, Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { CREATE_API_TOKEN } from '../../data-provider/documents';
import type { ApiTokenRecord } from '../../data-provider/records';
import { useGraphqlMutation } from '../useGraphqlQuery';

/** What creating a token returned: its value, shown once. */
export type CreatedToken = { token: string; apiToken: ApiTokenRecord };

/**
 * Name a token and choose whether it may report metered usage (what applications need to send
 * `POST /v1/metered-usage`, which is what makes coverage non-zero); every token can read.
 */
export function CreateApiTokenForm({ onCreated }: { onCreated(created: CreatedToken): void }) {
  const [name, setName] = useState('');
  const [canRecordUsage, setCanRecordUsage] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const create = useGraphqlMutation<{ createApiToken: CreatedToken }, { name: string; canRecordUsage: boolean }>('api-tokens', CREATE_API_TOKEN, {
    onSuccess: (data) => {
      setName('');
      setError(null);
      onCreated(data.createApiToken);
    },
    onError: (e) => setError(e.message),
  });
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>New API token</Typography>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}
          component="form" onSubmit={(event) => { event.preventDefault(); create.mutate({ name, canRecordUsage }); }}>
          <TextField label="Token name" value={name} onChange={(e) => setName(e.target.value)} size="small" sx={{ minWidth: 280 }}
            error={Boolean(error)} helperText={error ?? 'What uses it, e.g. "checkout service metering"'} />
          <FormControlLabel
            control={<Checkbox checked={canRecordUsage} onChange={(e) => setCanRecordUsage(e.target.checked)} />}
            label="Can report metered usage (POST /v1/metered-usage)"
          />
          <Button type="submit" variant="contained" startIcon={<AddIcon />} disabled={create.isPending}>Create token</Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
