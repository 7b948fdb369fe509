import { Chip, Stack } from '@mui/material';
import type { ProviderAccountRecord, ProviderAccountStatus } from '../../data-provider/records';
import { SyncProgressBar } from '../sync-runs/SyncProgressBar';
import { useAccountProgress } from '../sync-runs/useSyncProgress';
import { AttentionChip } from './AttentionChip';

const LABELS: Record<ProviderAccountStatus, string> = {
  ACTIVE: 'Active',
  SYNCING: 'Syncing',
  ERROR: 'Error',
  DISCONNECTED: 'Unlinked',
};
const COLORS: Record<ProviderAccountStatus, 'success' | 'info' | 'error' | 'default'> = {
  ACTIVE: 'success',
  SYNCING: 'info',
  ERROR: 'error',
  DISCONNECTED: 'default',
};

/** An account's status (and "Needs attention" when a sync succeeded without data or the key is limited), with its sync's live progress while one runs. */
export function AccountStatus({ account }: { account: ProviderAccountRecord }) {
  const progress = useAccountProgress(account.id);
  const live = progress && progress.phase !== 'FINISHED' ? progress : undefined;
  const syncing =
    Boolean(live) ||
    (Boolean(account.activeRun) && !(progress?.phase === 'FINISHED' && progress.runId === account.activeRun?.id));
  const status: ProviderAccountStatus = syncing ? 'SYNCING' : account.status === 'SYNCING' ? 'ACTIVE' : account.status;
  return (
    <Stack spacing={0.5} data-testid="account-status" data-status={status}>
      <Chip size="small" label={LABELS[status]} color={COLORS[status]} sx={{ alignSelf: 'flex-start' }} />
      {syncing || status === 'DISCONNECTED' ? null : <AttentionChip attention={account.attention} />}
      {syncing ? <SyncProgressBar progress={live} compact /> : null}
    </Stack>
  );
}
