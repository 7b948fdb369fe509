import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { Link, Show, useRecordContext } from 'react-admin';
import type { SyncRunRecord } from '../../data-provider/records';
import { formatDateTime, formatDay, formatDuration } from '../../format';
import { SyncLogLines } from './SyncLogLines';
import { SyncProgressBar } from './SyncProgressBar';
import { SyncStatusChip } from './SyncStatusChip';
import { formatWindow, isActiveStatus, liveStatus } from './sync-phase';
import { syncLogsPath, TRIGGER_LABELS } from './sync-links';
import { useRunProgress } from './useSyncProgress';

function Fact({ label, value, testId }: { label: string; value: string | number; testId?: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body1" data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}

/** One run: its facts, live progress while it runs, what went wrong, and its log (live while it runs). */
function SyncRunDetails() {
  const run = useRecordContext<SyncRunRecord>();
  const progress = useRunProgress(run?.id);
  if (!run) return null;
  const own = progress?.runId === run.id ? progress : undefined;
  const status = liveStatus(run, own);
  const active = isActiveStatus(status);
  // Until the finished run is refetched, its record still says "running": the live event is newer.
  const recordIsStale = own !== undefined && isActiveStatus(run.status);
  const counts = recordIsStale
    ? { workspaces: own.workspaces, keys: own.apiKeys, records: own.recordsSoFar }
    : { workspaces: run.workspaceCount, keys: run.apiKeyCount, records: run.recordCount };
  const missingDays = recordIsStale ? own.missingDays : run.missingDays;
  const account = run.providerAccount;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h6">
          {account ? `${account.label} · ${account.info.label}` : 'Unlinked account'}
        </Typography>
        <SyncStatusChip status={status} size="medium" />
        <Typography variant="body2" color="text.secondary">
          {TRIGGER_LABELS[run.trigger]}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {account ? (
          <Button component={Link} to={syncLogsPath(account.id)}>
            All syncs of this account
          </Button>
        ) : null}
      </Stack>
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Fact label="Window" value={formatWindow(run.windowStart, run.windowEnd)} />
        <Fact label="Queued" value={formatDateTime(run.createdAt)} />
        <Fact label="Finished" value={formatDateTime(run.finishedAt)} />
        <Fact label="Took" value={formatDuration(run.startedAt, run.finishedAt) ?? '—'} />
        <Fact label="Workspaces" value={counts.workspaces} testId="run-workspaces" />
        <Fact label="API keys" value={counts.keys} testId="run-keys" />
        <Fact label="Records" value={counts.records.toLocaleString('en-US')} testId="run-records" />
      </Stack>
      {active ? <SyncProgressBar progress={own} /> : null}
      {run.error ? (
        <Alert severity={status === 'FAILED' ? 'error' : 'warning'} data-testid="run-error">
          {run.error}
        </Alert>
      ) : null}
      {/* While it runs, every day not yet written counts as missing: only a finished run's list means something. */}
      {!active && missingDays.length > 0 ? (
        <Alert severity="warning">
          Days not fetched: {missingDays.map(formatDay).join(', ')}. The next sync retries them first.
        </Alert>
      ) : null}
      <Typography variant="subtitle1">Log</Typography>
      <SyncLogLines runId={run.id} live={active} />
    </Stack>
  );
}

/** A sync run's page (opened from View Sync Logs, or right after linking). */
export function SyncRunShow() {
  return (
    <Show title="Sync run" actions={false}>
      <SyncRunDetails />
    </Show>
  );
}
