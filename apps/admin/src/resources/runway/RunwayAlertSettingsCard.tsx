import { Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDataProvider, useNotify, usePermissions } from 'react-admin';
import type { SpendsyncDataProvider } from '../../data-provider';
import { ApiRequestError } from '../../data-provider/errors';
import { RUNWAY_ALERT_SETTINGS, SET_RUNWAY_ALERT_SETTINGS } from './runway-documents';
import { RUNWAYS_QUERY_KEY } from './useRunways';

type Settings = { notifyUnderDays: number | null };

/**
 * "Notify when a runway falls under N days" for the organization; sent once per crossing to every
 * notification channel.
 */
export function RunwayAlertSettingsCard() {
  const dataProvider = useDataProvider<SpendsyncDataProvider>();
  const { permissions } = usePermissions<string>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: ['runway-alert-settings'],
    queryFn: async () =>
      (await dataProvider.graphql<{ spendsyncRunwayAlertSettings: Settings }>(RUNWAY_ALERT_SETTINGS))
        .spendsyncRunwayAlertSettings,
  });
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () => setDays(data?.notifyUnderDays === null || data === undefined ? '' : String(data.notifyUnderDays)),
    [data],
  );
  const save = useMutation({
    mutationFn: (value: number | null) => dataProvider.graphql(SET_RUNWAY_ALERT_SETTINGS, { days: value }),
    onSuccess: async () => {
      setError(null);
      notify('Runway notifications saved', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['runway-alert-settings'] });
      await queryClient.invalidateQueries({ queryKey: RUNWAYS_QUERY_KEY });
    },
    onError: (e: Error) => setError(e instanceof ApiRequestError ? e.message : String(e)),
  });
  const admin = permissions === 'ADMIN';
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="runway-alert-settings">
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          Runway notifications
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Every notification channel hears once when a provider balance or a grant is forecast to run out in fewer days
          than this (a grant may set its own). Empty: off.
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField
            size="small"
            label="Notify under (days)"
            value={days}
            disabled={!admin}
            error={error !== null}
            helperText={error ?? ' '}
            onChange={(e) => setDays(e.target.value)}
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'runway-notify-days' } }}
          />
          {admin ? (
            <Button
              variant="outlined"
              onClick={() => save.mutate(days.trim() === '' ? null : Number(days))}
              disabled={save.isPending}>
              Save
            </Button>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
}
