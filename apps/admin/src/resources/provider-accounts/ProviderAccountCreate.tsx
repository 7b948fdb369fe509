import AddLinkIcon from '@mui/icons-material/AddLink';
import { Alert, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { Create, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, useNotify, useRedirect } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { RESOURCES } from '../../data-provider';
import type { CredentialVerification, ProviderAccountRecord, ProviderInfo } from '../../data-provider/records';
import { useProviders } from '../../data-provider/useProviders';
import { useSpendsyncDataProvider } from '../../data-provider/useSpendsyncDataProvider';
import { syncRunPath } from '../sync-runs/sync-links';
import { buildLinkData, type CredentialFormValues } from './credential-form';
import { CredentialGuide } from './CredentialGuide';
import { CredentialInputs } from './CredentialInputs';
import { FormServerError } from './FormServerError';
import { notifyLinked } from './notify-linked';
import { saveOrErrors } from './save-or-errors';

/** The inputs of the chosen platform: its guide, the account's name and its credential fields. */
function SelectedProviderInputs({ providers }: { providers: readonly ProviderInfo[] }) {
  const provider = useWatch({ name: 'provider' }) as CredentialFormValues['provider'];
  const info = providers.find((p) => p.id === provider);
  if (!info)
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Choose a platform to see the credential it needs and where to create it.
      </Typography>
    );
  return (
    <>
      <CredentialGuide info={info} />
      <TextInput
        source="label"
        label="Name"
        placeholder={info.label}
        helperText="Your name for this account, e.g. “OpenAI – research org”"
        fullWidth
        sx={{ mt: 2 }}
      />
      <CredentialInputs fields={info.credentialFields} />
    </>
  );
}

function LinkToolbar() {
  return (
    <Toolbar>
      <SaveButton label="Create" icon={<AddLinkIcon />} />
    </Toolbar>
  );
}

/** The form: pick a platform, enter its credential, Create; verification errors land beside the input at fault. */
function LinkProviderForm() {
  const { data: providers, error } = useProviders();
  const dataProvider = useSpendsyncDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const redirect = useRedirect();
  if (error)
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        The providers could not be loaded: {error.message}
      </Alert>
    );
  if (!providers) return null;

  const submit = async (values: CredentialFormValues) => {
    const info = providers.find((p) => p.id === values.provider);
    const built = buildLinkData(info, values);
    if (!built.ok) return built.errors;
    const errors = await saveOrErrors(
      async () => {
        const { data } = await dataProvider.create<ProviderAccountRecord & { verification?: CredentialVerification }>(
          RESOURCES.providerAccounts,
          { data: built.value },
        );
        void queryClient.invalidateQueries({ queryKey: [RESOURCES.providerAccounts] });
        notifyLinked(notify, data.label, data.verification);
        // Straight to the backfill's live log, so the first sync can be watched as it happens.
        if (data.activeRun) redirect(syncRunPath(data.activeRun.id));
        else redirect('list', RESOURCES.providerAccounts);
      },
      info!.credentialFields,
      Boolean(values.pasteJson),
    );
    if (errors) notify('Not linked: see the message in the form.', { type: 'error' });
    return errors;
  };

  return (
    <SimpleForm
      onSubmit={submit}
      toolbar={<LinkToolbar />}
      defaultValues={{ pasteJson: false }}
      disableInvalidFormNotification
      sx={{ maxWidth: 720 }}>
      <FormServerError />
      <SelectInput
        source="provider"
        label="Platform"
        choices={providers.map((p) => ({
          id: p.id,
          name: p.available ? p.label : `${p.label} (not available in this version)`,
          disabled: !p.available,
        }))}
        fullWidth
        helperText={false}
      />
      <SelectedProviderInputs providers={providers} />
    </SimpleForm>
  );
}

/** + Link Provider. */
export function ProviderAccountCreate() {
  return (
    <Create title="Link Provider">
      <LinkProviderForm />
    </Create>
  );
}
