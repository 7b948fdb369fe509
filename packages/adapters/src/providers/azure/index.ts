import { ZAzureCredentials, type AzureCredentials } from '@spendsync/domain';
import type { ProviderDefinition } from '../../adapter';
import { AZURE_CAPABILITIES, createAzureAdapter } from './adapter';

/**
 * Azure OpenAI / Foundry Models spend through the Cost Management Query API, signed in as a
 * service principal `{tenantId, clientId, clientSecret, subscriptionId}` (sovereign clouds are
 * refused by the credential rules). The app needs the Cost Management Reader role on the subscription.
 *
 * Deps it reads:
 * - `baseUrl`: one **https** URL that replaces BOTH the Entra ID authority
 *   (`https://login.microsoftonline.com`) and the ARM endpoint (`https://management.azure.com`);
 *   the simulator serves both. Production passes neither, and the adapter then passes the public
 *   values explicitly, so `AZURE_AUTHORITY_HOST` in the environment can never redirect it.
 * - `sdk.ca`: PEM text of an extra CA to trust, given to both SDK clients as `tlsOptions.ca`.
 *   The simulator generates its certificate per run and hands it out here
 *   (`simulator.adapterDeps().sdk.ca`). A separate process (the CLI's `fetch` against
 *   `simulate`) trusts it through `NODE_EXTRA_CA_CERTS=<file>` instead; the simulator writes the
 *   PEM to a file when started with `caFile`.
 * - `retry`: our retry policy. The SDKs' own retries are switched off, because their policy
 *   ignores the Cost Management retry-after headers.
 */
export const azureProvider: ProviderDefinition<AzureCredentials> = {
  id: 'azure',
  label: 'Azure',
  credentials: ZAzureCredentials,
  capabilities: AZURE_CAPABILITIES,
  create: (credentials, deps) => createAzureAdapter(credentials, deps),
};
