import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import {
  Datagrid,
  FunctionField,
  Link,
  List,
  ReferenceInput,
  SelectInput,
  useGetOne,
  useListContext,
} from 'react-admin';
import { RESOURCES } from '../../data-provider';
import type { ProviderAccountRecord, SyncRunRecord } from '../../data-provider/records';
import { formatDateTime, formatDay, formatDuration } from '../../format';
import { FreshnessNote } from '../provider-accounts/FreshnessNote';
import { RefreshButton } from '../provider-accounts/RefreshButton';
import { SyncLogLines } from './SyncLogLines';
import { SyncProgressBar } from './SyncProgressBar';
import { SyncStatusChip } from './SyncStatusChip';
import { formatWindow, isActiveStatus } from './sync-phase';
import { syncRunPath, TRIGGER_LABELS } from './sync-links';
import { useAccountProgress } from './useSyncProgress';

/** The run in progress of an account: from the live feed, else from the account record. */
function useActiveRunId(account: ProviderAccountRecord | undefined): string | null {
  const progress = useAccountProgress(account?.id);
  if (progress && progress.phase !== 'FINISHED') return progress.runId;
  const recorded = account?.activeRun?.id ?? null;
  return progress?.phase === 'FINISHED' && progress.runId === recorded ? null : recorded;
}

/** Above the run history: the account, how fresh its data is, and the sync running now (live). */
function AccountSyncHeader() {
  const { filterValues } = useListContext();
  const accountId = typeof filterValues.providerAccountId === 'string' ? filterValues.providerAccountId : undefined;
  const { data: account, error } = useGetOne<ProviderAccountRecord>(
    RESOURCES.providerAccounts,
    { id: accountId ?? '' },
    { enabled: Boolean(accountId) },
  );
  const activeRunId = useActiveRunId(account);
  const progress = useAccountProgress(account?.id);
  if (!accountId) return null;
  if (error)
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        {error.message}
      </Alert>
    );
  if (!account) return null;
  return (
    <Card variant="outlined" sx={{ m: 2 }}>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" data-testid="sync-logs-account">
            {account.label} · {account.info.label}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <RefreshButton account={account} />
        </Stack>
        <FreshnessNote account={account} />
        {activeRunId ? (
          <Box sx={{ mt: 2 }} data-testid="active-run">
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="subtitle1">Running now</Typography>
              <Button size="small" component={Link} to={syncRunPath(activeRunId)}>
                Open
              </Button>
            </Stack>
            <SyncProgressBar progress={progress?.runId === activeRunId ? progress : undefined} />
            <SyncLogLines runId={activeRunId} live />
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
}

function NoRuns() {
  const { filterValues } = useListContext();
  const filtered = Boolean(filterValues.status || filterValues.trigger);
  return (
    <Typography sx={{ p: 2 }} color="text.secondary" data-testid="no-runs">
      {filtered
        ? 'No syncs match these filters.'
        : 'No syncs yet. Refresh Data starts one now; scheduled syncs run on their own.'}
    </Typography>
  );
}

const STATUS_CHOICES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED'].map((id) => ({
  id,
  name: id.charAt(0) + id.slice(1).toLowerCase(),
}));
const TRIGGER_CHOICES = Object.entries(TRIGGER_LABELS).map(([id, name]) => ({ id, name }));

/** Account, status and trigger filters, always shown (the account filter also comes from Integrations' View Sync Logs). */
const FILTERS = [
  <ReferenceInput
    key="account"
    source="providerAccountId"
    reference={RESOURCES.providerAccounts}
    alwaysOn
    sort={{ field: 'label', order: 'ASC' }}>
    <SelectInput label="Account" optionText="label" emptyText="All accounts" />
  </ReferenceInput>,
  <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn emptyText="Any status" />,
  <SelectInput
    key="trigger"
    source="trigger"
    label="Trigger"
    choices={TRIGGER_CHOICES}
    alwaysOn
    emptyText="Any trigger"
  />,
];

/**
 * Sync logs: every account's runs, newest first, filtered by account, status and trigger, kept
 * current by the live sync feed (a run that starts or finishes refetches the list); with one
 * account chosen, its freshness and the running sync live above them.
 */
export function SyncRunList() {
  return (
    <List
      title="Sync logs"
      actions={false}
      filters={FILTERS}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      empty={false}>
      <AccountSyncHeader />
      <Datagrid
        rowClick={(id) => syncRunPath(String(id))}
        bulkActionButtons={false}
        empty={<NoRuns />}
        data-testid="sync-runs">
        <FunctionField<SyncRunRecord> label="Queued" render={(r) => formatDateTime(r.createdAt)} />
        <FunctionField<SyncRunRecord>
          label="Account"
          render={(r) => (
            <span data-testid="run-account">
              {r.providerAccount ? `${r.providerAccount.label} · ${r.providerAccount.info.label}` : 'Removed account'}
            </span>
          )}
        />
        <FunctionField<SyncRunRecord> label="Trigger" render={(r) => TRIGGER_LABELS[r.trigger]} />
        <FunctionField<SyncRunRecord> label="Status" render={(r) => <SyncStatusChip status={r.status} />} />
        <FunctionField<SyncRunRecord> label="Window" render={(r) => formatWindow(r.windowStart, r.windowEnd)} />
        <FunctionField<SyncRunRecord> label="Workspaces" textAlign="right" render={(r) => r.workspaceCount} />
        <FunctionField<SyncRunRecord> label="API keys" textAlign="right" render={(r) => r.apiKeyCount} />
        <FunctionField<SyncRunRecord>
          label="Records"
          textAlign="right"
          render={(r) => r.recordCount.toLocaleString('en-US')}
        />
        <FunctionField<SyncRunRecord> label="Took" render={(r) => formatDuration(r.startedAt, r.finishedAt) ?? '—'} />
        <FunctionField<SyncRunRecord>
          label="Errors"
          render={(r) =>
            [
              r.error,
              r.missingDays.length && !isActiveStatus(r.status)
                ? `Missing: ${r.missingDays.map(formatDay).join(', ')}`
                : null,
            ]
              .filter(Boolean)
              .join(' · ') || '—'
          }
        />
      </Datagrid>
    </List>
  );
}
