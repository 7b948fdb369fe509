import { Alert, Box, Divider, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import {
  Edit,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  useNotify,
  useRecordContext,
  useRedirect,
} from 'react-admin';
import { RESOURCES } from '../../data-provider';
import type { CredentialVerification, ProviderAccountRecord } from '../../data-provider/records';
import { useProviders } from '../../data-provider/useProviders';
import { useSpendsyncDataProvider } from '../../data-provider/useSpendsyncDataProvider';
import { buildUpdateData, type CredentialFormValues } from './credential-form';
import { CredentialGuide } from './CredentialGuide';
import { CredentialInputs } from './CredentialInputs';
import { FormServerError } from './FormServerError';
import { UnlinkButton } from './UnlinkButton';
import { saveOrErrors } from './save-or-errors';

function EditToolbar() {
  return (
    <Toolbar>
      <SaveButton label="Verify and save" />
    </Toolbar>
  );
}

/** Replace an account's credential (checked with the provider first; the old one stays if the check fails), rename it, or unlink it. */
function EditCredentialsForm() {
  const account = useRecordContext<ProviderAccountRecord>();
  const { data: providers } = useProviders();
  const dataProvider = useSpendsyncDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const redirect = useRedirect();
  const info = providers?.find((p) => p.id === account?.provider);
  if (!account || !info) return null;

  const submit = async (values: CredentialFormValues) => {
    const built = buildUpdateData(info.credentialFields, values, account);
    if (!built.ok) return built.errors;
    const errors = await saveOrErrors(
      async () => {
        const { data } = await dataProvider.update<ProviderAccountRecord & { verification?: CredentialVerification }>(
          RESOURCES.providerAccounts,
          { id: account.id, data: built.value, previousData: account },
        );
        void queryClient.invalidateQueries({ queryKey: [RESOURCES.providerAccounts] });
        if (data.verification && data.verification.detail !== 'FULL') {
          notify(
            `The new credential of ${account.label} was saved, with a warning: ${data.verification.message ?? 'it can sync only part of the data.'}`,
            { type: 'warning', autoHideDuration: null, multiLine: true },
          );
        } else notify(`The new credential of ${account.label} was verified and saved.`, { type: 'success' });
        redirect('list', RESOURCES.providerAccounts);
      },
      info.credentialFields,
      Boolean(values.pasteJson),
    );
    if (errors) notify('Not saved: the current credential stays. See the message in the form.', { type: 'error' });
    return errors;
  };

  return (
    <>
      <SimpleForm onSubmit={submit} toolbar={<EditToolbar />} disableInvalidFormNotification sx={{ maxWidth: 720 }}>
        <FormServerError />
        <Typography variant="body2" sx={{ mb: 1 }}>
          Current credential:{' '}
          <Box component="span" sx={{ fontFamily: 'monospace' }}>
            {account.keyHint}
          </Box>
        </Typography>
        <CredentialGuide info={info} />
        <TextInput source="label" label="Name" fullWidth sx={{ mt: 2 }} />
        <Alert severity="warning" variant="outlined" sx={{ mb: 2, width: '100%' }}>
          Enter the complete new credential. It is checked with {info.label} first; the current one stays if the check
          fails.
        </Alert>
        <CredentialInputs fields={info.credentialFields} />
      </SimpleForm>
      <Divider />
      <Stack direction="row" spacing={2} sx={{ p: 2, alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          Stop syncing this account, keeping or purging its history.
        </Typography>
        <UnlinkButton account={account} />
      </Stack>
    </>
  );
}

/** Edit credentials. */
export function ProviderAccountEdit() {
  return (
    <Edit title="Edit credentials" mutationMode="pessimistic" actions={false}>
      <EditCredentialsForm />
    </Edit>
  );
}
