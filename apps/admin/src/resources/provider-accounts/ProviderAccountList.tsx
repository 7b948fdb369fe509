import AddLinkIcon from '@mui/icons-material/AddLink';
import HistoryIcon from '@mui/icons-material/History';
import { Box, Button, Stack, Typography } from '@mui/material';
import { CreateButton, Datagrid, EditButton, FunctionField, Link, List, TopToolbar } from 'react-admin';
import type { ProviderAccountRecord } from '../../data-provider/records';
import { formatRatio, formatUsd } from '../../format';
import { syncLogsPath } from '../sync-runs/sync-links';
import { AccountStatus } from './AccountStatus';
import { EmptyProviders } from './EmptyProviders';
import { FreshnessNote } from './FreshnessNote';
import { RefreshButton } from './RefreshButton';
import { UnlinkButton } from './UnlinkButton';

function ListActions() {
  return (
    <TopToolbar>
      <CreateButton label="Link Provider" icon={<AddLinkIcon />} variant="contained" />
    </TopToolbar>
  );
}

function AccountName({ account }: { account: ProviderAccountRecord }) {
  return (
    <Box data-testid="account-name">
      <Typography variant="body1" sx={{ fontWeight: 600 }}>
        {account.label}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {account.info.label}
      </Typography>
      <Typography variant="caption" sx={{ fontFamily: 'monospace' }}>
        {account.keyHint}
      </Typography>
      {account.endpoint ? (
        <Typography variant="caption" color="warning.main" sx={{ display: 'block' }}>
          via {account.endpoint}
        </Typography>
      ) : null}
    </Box>
  );
}

function AccountActions({ account }: { account: ProviderAccountRecord }) {
  return (
    <Stack
      direction="row"
      spacing={0.5}
      useFlexGap
      sx={{ flexWrap: 'wrap' }}
      onClick={(event) => event.stopPropagation()}>
      <Button size="small" startIcon={<HistoryIcon />} component={Link} to={syncLogsPath(account.id)}>
        View Sync Logs
      </Button>
      <RefreshButton account={account} />
      {account.status === 'DISCONNECTED' ? null : <EditButton record={account} label="Edit credentials" />}
      <UnlinkButton account={account} />
    </Stack>
  );
}

/**
 * Integrations: every linked account with its status (live while syncing), how fresh its data
 * is, its spend and coverage over the last 30 days, and what an admin can do with it.
 */
export function ProviderAccountList() {
  return (
    <List
      title="Integrations"
      actions={<ListActions />}
      empty={<EmptyProviders />}
      pagination={false}
      perPage={500}
      sort={{ field: 'label', order: 'ASC' }}>
      <Datagrid bulkActionButtons={false} rowClick={false} data-testid="provider-accounts">
        <FunctionField<ProviderAccountRecord>
          label="Account"
          sortBy="label"
          render={(a) => <AccountName account={a} />}
        />
        <FunctionField<ProviderAccountRecord>
          label="Status"
          sortBy="status"
          render={(a) => <AccountStatus account={a} />}
        />
        <FunctionField<ProviderAccountRecord>
          label="Last sync"
          sortBy="lastSyncedAt"
          sx={{ maxWidth: 380 }}
          render={(a) => <FreshnessNote account={a} compact />}
        />
        <FunctionField<ProviderAccountRecord>
          label="Spend (30 days)"
          sortBy="spend"
          textAlign="right"
          render={(a) => <span data-testid="account-spend">{formatUsd(a.spend)}</span>}
        />
        <FunctionField<ProviderAccountRecord>
          label="Coverage"
          sortBy="coverage"
          textAlign="right"
          render={(a) => formatRatio(a.coverage)}
        />
        <FunctionField<ProviderAccountRecord> label="" render={(a) => <AccountActions account={a} />} />
      </Datagrid>
    </List>
  );
}
