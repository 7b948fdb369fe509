import AddIcon from '@mui/icons-material/Add';
import { Button, Card, CardContent, Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { CREATE_API_TOKEN } from '../../data-provider/documents';
import type { ApiTokenRecord } from '../../data-provider/records';
import { useGraphqlMutation } from '../useGraphqlQuery';

/** What creating a token returned: its value, shown once. */
export type CreatedToken = { token: string; apiToken: ApiTokenRecord };

/** The API's bounds for a token's lifetime, in days. */
const DEFAULT_DAYS = 90;
const MAX_DAYS = 365;

/**
 * Name a token and choose whether it may report metered usage (what applications need to send
 * `POST /v1/metered-usage`, which is what makes coverage non-zero); every token can read. Tokens
 * expire: 90 days by default, at most 365.
 */
export function CreateApiTokenForm({ onCreated }: { onCreated(created: CreatedToken): void }) {
  const [name, setName] = useState('');
  const [canRecordUsage, setCanRecordUsage] = useState(true);
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const [error, setError] = useState<string | null>(null);
  type Variables = { name: string; canRecordUsage: boolean; expiresInDays: number };
  const create = useGraphqlMutation<{ createApiToken: CreatedToken }, Variables>('api-tokens', CREATE_API_TOKEN, {
    onSuccess: (data) => {
      setName('');
      setError(null);
      onCreated(data.createApiToken);
    },
    onError: (e) => setError(e.message),
  });
  const expiresInDays = Number(days);
  const daysValid = Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= MAX_DAYS;
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>
          New API token
        </Typography>
        <Stack
          direction="row"
          spacing={2}
          useFlexGap
          sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}
          component="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (daysValid) create.mutate({ name, canRecordUsage, expiresInDays });
          }}>
          <TextField
            label="Token name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            size="small"
            sx={{ minWidth: 280 }}
            error={Boolean(error)}
            helperText={error ?? 'What uses it, e.g. "checkout service metering"'}
          />
          <TextField
            label="Expires in (days)"
            type="number"
            value={days}
            size="small"
            onChange={(e) => setDays(e.target.value)}
            sx={{ width: 160 }}
            slotProps={{ htmlInput: { min: 1, max: MAX_DAYS, step: 1 } }}
            error={!daysValid}
            helperText={daysValid ? `1 to ${MAX_DAYS}` : `Enter 1 to ${MAX_DAYS} days`}
          />
          <FormControlLabel
            control={<Checkbox checked={canRecordUsage} onChange={(e) => setCanRecordUsage(e.target.checked)} />}
            label="Can report metered usage (POST /v1/metered-usage)"
          />
          <Button type="submit" variant="contained" startIcon={<AddIcon />} disabled={create.isPending || !daysValid}>
            Create token
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
