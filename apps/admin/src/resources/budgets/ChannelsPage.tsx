import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Title } from 'react-admin';
import type { ApiRequestError } from '../../data-provider/errors';
import { useCanEdit } from '../overview/useOverviewQuery';
import {
  CHANNELS,
  CREATE_CHANNEL,
  DELETE_CHANNEL,
  DELIVERIES,
  TEST_CHANNEL,
  type ChannelRow,
  type DeliveryRow,
} from './budget-documents';
import { useBudgetsMutation, useBudgetsQuery, useLiveAlerts } from './useBudgetsApi';
import { AnomalyRouteSelect, useAnomalyRoutes } from './AnomalyRouteSelect';

function ChannelForm() {
  const [kind, setKind] = useState('WEBHOOK');
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useBudgetsMutation<{ createNotificationChannel: { secret: string | null } }>(CREATE_CHANNEL, {
    success: 'Channel added',
    onError: (e) => setError({ field: (e as ApiRequestError).field ?? null, message: e.message }),
  });
  const submit = () => {
    setError(null);
    const input =
      kind === 'EMAIL'
        ? {
            kind,
            name,
            emailTo: target
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          }
        : { kind, name, url: target };
    create.mutate(
      { input },
      {
        onSuccess: (data) => {
          setSecret(data.createNotificationChannel.secret);
          setName('');
          setTarget('');
        },
      },
    );
  };
  const fieldError = (field: string) =>
    error?.field === field ? { error: true, helperText: error.message } : { helperText: ' ' };
  return (
    <Box
      component="form"
      aria-label="New channel"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      sx={{ mb: 2 }}>
      {secret ? (
        <Alert severity="info" sx={{ mb: 1 }}>
          Signing secret (shown once, keep it now): <code data-testid="channel-secret">{secret}</code>
        </Alert>
      ) : null}
      {error && !['url', 'emailTo', 'name'].includes(error.field ?? '') ? (
        <Alert severity="error" sx={{ mb: 1 }}>
          {error.message}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          select
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          sx={{ minWidth: 130 }}>
          <MenuItem value="WEBHOOK">Webhook</MenuItem>
          <MenuItem value="SLACK">Slack</MenuItem>
          <MenuItem value="EMAIL">Email</MenuItem>
        </TextField>
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          label="Channel name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          {...fieldError('name')}
        />
        <TextField
          fullWidth={false}
          margin="none"
          size="small"
          label={kind === 'EMAIL' ? 'Recipients' : 'URL'}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          sx={{ minWidth: 320 }}
          {...fieldError(kind === 'EMAIL' ? 'emailTo' : 'url')}
        />
        <Box>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            Add channel
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

function DeliveryLog({ channels }: { channels: ChannelRow[] }) {
  const { data } = useBudgetsQuery<{ notificationDeliveries: DeliveryRow[] }>('deliveries', DELIVERIES);
  const names = new Map(channels.map((c) => [c.id, c.name]));
  const rows = data?.notificationDeliveries ?? [];
  return (
    <Table size="small" aria-label="Delivery log">
      <TableHead>
        <TableRow>
          <TableCell>Queued</TableCell>
          <TableCell>Channel</TableCell>
          <TableCell>Event</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Tries</TableCell>
          <TableCell>Last try</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.length === 0 ? (
          <TableRow>
            <TableCell colSpan={6}>Nothing sent yet.</TableCell>
          </TableRow>
        ) : null}
        {rows.map((d) => {
          const last = d.attemptLog[0];
          return (
            <TableRow key={d.id} data-row={d.id} data-status={d.status}>
              <TableCell>{new Date(d.createdAt).toLocaleString()}</TableCell>
              <TableCell>{names.get(d.channelId) ?? d.channelId}</TableCell>
              <TableCell>{d.eventType}</TableCell>
              <TableCell>{d.status.toLowerCase()}</TableCell>
              <TableCell>{d.attempts}</TableCell>
              <TableCell>
                {last
                  ? `${last.statusCode ?? 'no answer'} in ${last.latencyMs} ms${last.error ? ` — ${last.error}` : ''}`
                  : ''}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * Notification channels: adding one (a webhook's secret shown once), which new anomalies each
 * receives, the test button, and the delivery log.
 */
export function ChannelsPage() {
  useLiveAlerts();
  const canEdit = useCanEdit();
  const { data } = useBudgetsQuery<{ notificationChannels: ChannelRow[] }>('channels', CHANNELS);
  const channels = data?.notificationChannels ?? [];
  const routes = useAnomalyRoutes();
  const test = useBudgetsMutation(TEST_CHANNEL, { success: 'Test event queued' });
  const remove = useBudgetsMutation(DELETE_CHANNEL, { success: 'Channel deleted' });
  return (
    <Box sx={{ mt: 1 }}>
      <Title title="Notification channels" />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          {canEdit ? <ChannelForm /> : null}
          <Table size="small" aria-label="Channels">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Target</TableCell>
                <TableCell>New anomalies</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {channels.map((c) => (
                <TableRow key={c.id} data-row={c.id}>
                  <TableCell>{c.name}</TableCell>
                  <TableCell>
                    {c.kind.toLowerCase()}
                    {c.configured ? '' : ' (not configured)'}
                  </TableCell>
                  <TableCell>{c.targetHint}</TableCell>
                  <TableCell>
                    {routes ? (
                      <AnomalyRouteSelect channelId={c.id} channelName={c.name} routes={routes} canEdit={canEdit} />
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {canEdit ? (
                      <>
                        <Button size="small" onClick={() => test.mutate({ id: c.id })}>
                          Send test event
                        </Button>
                        <Button size="small" color="error" onClick={() => remove.mutate({ id: c.id })}>
                          Delete
                        </Button>
                      </>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            Delivery log
          </Typography>
          <DeliveryLog channels={channels} />
        </CardContent>
      </Card>
    </Box>
  );
}
