import { Chip, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  CreateButton,
  Datagrid,
  DeleteButton,
  EditButton,
  FunctionField,
  List,
  TextField,
  TopToolbar,
  usePermissions,
} from 'react-admin';
import { formatUsd } from '../../format';
import type { CreditGrantRecord } from './runway-documents';
import { RunwayAlertSettingsCard } from './RunwayAlertSettingsCard';
import { RUNWAYS_QUERY_KEY, useRunways } from './useRunways';
import { runwayColor, runwayFlags, runwayLabel } from './runway-view';

function GrantRunway({ grant }: { grant: CreditGrantRecord }) {
  const { data } = useRunways();
  const runway = data?.find((r) => r.grantId === grant.id);
  if (!runway) return <span>…</span>;
  return (
    <Stack spacing={0.5} data-testid="grant-runway">
      <Chip
        size="small"
        color={runwayColor(runway)}
        label={`${formatUsd(runway.remaining)} left · ${runwayLabel(runway)}`}
      />
      {runwayFlags(runway).map((flag) => (
        <Typography key={flag} variant="caption" color="warning.main">
          {flag}
        </Typography>
      ))}
    </Stack>
  );
}

function Actions() {
  const { permissions } = usePermissions<string>();
  return <TopToolbar>{permissions === 'ADMIN' ? <CreateButton label="Enter grant" /> : null}</TopToolbar>;
}

/**
 * Grants screen: credit grants the providers' APIs do not expose, with each one's runway; admins enter, edit
 * and delete them.
 */
export function GrantList() {
  const { permissions } = usePermissions<string>();
  const queryClient = useQueryClient();
  // A grant saved or deleted elsewhere changes the runways: read them again when the list is shown.
  useEffect(() => void queryClient.invalidateQueries({ queryKey: RUNWAYS_QUERY_KEY }), [queryClient]);
  const admin = permissions === 'ADMIN';
  return (
    <>
      <List
        title="Credit grants"
        actions={<Actions />}
        pagination={false}
        perPage={500}
        sort={{ field: 'name', order: 'ASC' }}
        empty={false}>
        <RunwayAlertSettingsCard />
        <Datagrid bulkActionButtons={false} rowClick={admin ? 'edit' : false} data-testid="credit-grants">
          <TextField source="name" />
          <TextField source="accountLabel" label="Provider account" sortable={false} />
          <FunctionField<CreditGrantRecord>
            label="Amount"
            sortBy="amount"
            textAlign="right"
            render={(g) => formatUsd(g.amount)}
          />
          <TextField source="startsOn" label="Starts" />
          <FunctionField<CreditGrantRecord> label="Expires" sortBy="expiresOn" render={(g) => g.expiresOn ?? 'never'} />
          <FunctionField<CreditGrantRecord> label="Runway" render={(g) => <GrantRunway grant={g} />} />
          {admin ? <EditButton /> : null}
          {admin ? <DeleteButton mutationMode="pessimistic" /> : null}
        </Datagrid>
      </List>
    </>
  );
}
