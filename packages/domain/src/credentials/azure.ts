import { z } from 'zod';
import { optionalField, requiredText } from './text-field';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID field (lower-cased); `where` says where the Azure portal shows it. */
function guid(field: string, where: string) {
  return requiredText(field, `copy it from ${where}`, (v) =>
    GUID.test(v) ? undefined : `${field} must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); copy it from ${where}`,
  ).transform((v) => v.toLowerCase());
}

const SECRET_WHERE = 'Microsoft Entra ID → App registrations → (app) → Certificates & secrets';

/** Names of the sovereign clouds (as @azure/identity and the Azure CLI spell them). */
const SOVEREIGN_CLOUDS = [
  'AzureGovernment',
  'AzureUSGovernment',
  'AzureChina',
  'AzureChinaCloud',
  'AzureGermany',
  'AzureGermanCloud',
];

const ZCloud = requiredText('cloud', 'use AzurePublicCloud').transform((cloud, ctx): 'AzurePublicCloud' => {
  if (cloud === 'AzurePublicCloud' || cloud === 'AzureCloud') return 'AzurePublicCloud';
  ctx.addIssue({
    code: 'custom',
    message: SOVEREIGN_CLOUDS.includes(cloud)
      ? `cloud ${cloud} is a sovereign cloud; sovereign clouds are not supported: use AzurePublicCloud`
      : 'cloud must be AzurePublicCloud, the only supported Azure cloud',
  });
  return z.NEVER;
});

/** Azure OpenAI spend through the Cost Management Query API, as a service principal with a client secret. */
export const ZAzureCredentials = z.object({
  /** Directory (tenant) ID. */
  tenantId: guid('tenantId', 'Microsoft Entra ID → Overview → Tenant ID'),
  /** Application (client) ID of the app registration. */
  clientId: guid('clientId', 'Microsoft Entra ID → App registrations → (app) → Application (client) ID'),
  /** The client secret's value (not its ID). */
  clientSecret: requiredText('clientSecret', `paste the client secret's Value from ${SECRET_WHERE}`, (v) =>
    GUID.test(v)
      ? `clientSecret looks like the secret's ID, not its value; copy the Value column (shown only right after creating the secret) from ${SECRET_WHERE}`
      : undefined,
  ),
  /** Subscription whose costs are read; the app needs the Cost Management Reader role on it. */
  subscriptionId: guid('subscriptionId', 'Azure portal → Subscriptions → Subscription ID'),
  /** Only the public cloud is supported; sovereign clouds are refused. */
  cloud: optionalField(ZCloud),
  /** Billing agreement (PAYG, EA or MCA): EA/MCA data settles after 24 h, pay-as-you-go after 72 h (the default). */
  agreement: optionalField(
    z.enum(['PAYG', 'EA', 'MCA'], {
      error: () =>
        'agreement must be PAYG, EA or MCA (Cost Management → Billing scopes shows it); leave it empty if unsure',
    }),
  ),
});

export type AzureCredentials = z.infer<typeof ZAzureCredentials>;
