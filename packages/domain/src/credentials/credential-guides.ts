import type { ProviderId } from '../provider-id';

/** How the admin UI shows one credential field. */
export type CredentialFieldGuide = {
  /** JSON field name, as the credential schema reads it. */
  name: string;
  label: string;
  /**
   * Shown masked and never sent back to the browser; its values are redacted everywhere
   * (`credentialSecrets`). A field not listed in its guide counts as secret.
   */
  secret: boolean;
  /** Of a secret JSON field (a key file), the parts that are not secret (ids, emails, URLs). */
  publicParts?: readonly string[];
  /** True when the field may be left out. */
  optional?: boolean;
  placeholder?: string;
  help?: string;
};

/** What a provider's credentials are and where to create them (DESIGN.md §3). */
export type CredentialGuide = {
  label: string;
  /** The kind of key billing data needs. */
  keyType: string;
  whereToCreate: string;
  fields: CredentialFieldGuide[];
  /** How late the provider's billing data usually is, when it is known. */
  dataDelay?: string;
  /** What the admin should know before linking: what some credentials cannot sync, how far back data goes. */
  limitations?: string;
};

const API_KEY = { name: 'apiKey', label: 'API key', secret: true } as const;

/** The quick reference the admin UI renders beside each provider's credential form. */
export const CREDENTIAL_GUIDES: { readonly [K in ProviderId]: CredentialGuide } = {
  openai: {
    label: 'OpenAI',
    keyType: 'Organization Admin key (sk-admin-…); project keys (sk-proj-…) cannot read billing',
    whereToCreate: 'platform.openai.com → Settings → Organization → Admin keys (organization owners only)',
    fields: [{ ...API_KEY, label: 'Admin key', placeholder: 'sk-admin-…' }],
    dataDelay: 'not documented; the current day is partial and may be revised after it closes',
  },
  anthropic: {
    label: 'Anthropic',
    keyType: 'Admin API key (sk-ant-admin01-…); regular API keys (sk-ant-api03-…) cannot read usage or cost',
    whereToCreate: 'Anthropic Console → Settings → Admin keys (organization admins only)',
    fields: [{ ...API_KEY, label: 'Admin API key', placeholder: 'sk-ant-admin01-…' }],
    dataDelay: 'usually within 5 minutes',
  },
  'aws-bedrock': {
    label: 'AWS Bedrock',
    keyType: 'IAM access key (AKIA…) allowed ce:GetCostAndUsage; Bedrock API keys (ABSK…) cannot read billing',
    whereToCreate: 'AWS console → IAM → Users → (user) → Security credentials → Create access key',
    fields: [
      { name: 'accessKeyId', label: 'Access key ID', secret: false, placeholder: 'AKIA…' },
      { name: 'secretAccessKey', label: 'Secret access key', secret: true },
      {
        name: 'region',
        label: 'Region',
        secret: false,
        optional: true,
        placeholder: 'us-east-1',
        help: 'Standard AWS partition only; defaults to us-east-1',
      },
      {
        name: 'sessionToken',
        label: 'Session token',
        secret: true,
        optional: true,
        help: 'Only for temporary keys (ASIA…)',
      },
    ],
    dataDelay: '24–48 h, longer near month end; recent days are estimates (each Cost Explorer call costs $0.01)',
  },
  'vertex-ai': {
    label: 'Google Vertex AI',
    keyType: 'Service-account JSON key with read access to the Cloud Billing export in BigQuery',
    whereToCreate:
      'Google Cloud console → IAM & Admin → Service accounts → (account) → Keys → Add key → JSON; grant it BigQuery Data Viewer on the export dataset and BigQuery Job User. The export itself: Billing → Billing export → BigQuery export',
    fields: [
      {
        name: 'serviceAccount',
        label: 'Service-account key (JSON)',
        secret: true,
        help: 'Paste the whole key file',
        // Only private_key and private_key_id are secret; the rest names the account.
        publicParts: [
          'type',
          'project_id',
          'client_email',
          'client_id',
          'auth_uri',
          'token_uri',
          'auth_provider_x509_cert_url',
          'client_x509_cert_url',
          'universe_domain',
        ],
      },
      {
        name: 'billingTable',
        label: 'Billing export table',
        secret: false,
        placeholder: 'my-project.billing.gcp_billing_export_v1_XXXXXX_XXXXXX_XXXXXX',
      },
      {
        name: 'location',
        label: 'Dataset location',
        secret: false,
        optional: true,
        placeholder: 'US',
        help: 'Defaults to US',
      },
      {
        name: 'services',
        label: 'Services',
        secret: false,
        optional: true,
        placeholder: 'vertex-ai, partner-models, gemini-api',
        help: 'Which billed services count: Vertex AI, partner models on Vertex (Claude, Llama, Mistral…) and the Gemini API (AI Studio). Defaults to all three',
      },
    ],
    dataDelay: '24–48 h',
  },
  azure: {
    label: 'Azure OpenAI',
    keyType: 'App registration (service principal) with a client secret and the Cost Management Reader role',
    whereToCreate:
      'Microsoft Entra ID → App registrations → New registration → Certificates & secrets; then Subscription → Access control (IAM) → add role Cost Management Reader for the app',
    fields: [
      {
        name: 'tenantId',
        label: 'Directory (tenant) ID',
        secret: false,
        placeholder: '00000000-0000-0000-0000-000000000000',
      },
      {
        name: 'clientId',
        label: 'Application (client) ID',
        secret: false,
        placeholder: '00000000-0000-0000-0000-000000000000',
      },
      { name: 'clientSecret', label: 'Client secret value', secret: true, help: 'The Value column, not the Secret ID' },
      {
        name: 'subscriptionId',
        label: 'Subscription ID',
        secret: false,
        placeholder: '00000000-0000-0000-0000-000000000000',
      },
      {
        name: 'cloud',
        label: 'Cloud',
        secret: false,
        optional: true,
        placeholder: 'AzurePublicCloud',
        help: 'Sovereign clouds are not supported',
      },
      {
        name: 'agreement',
        label: 'Billing agreement',
        secret: false,
        optional: true,
        placeholder: 'PAYG',
        help: 'PAYG, EA or MCA; EA/MCA days settle after 24 h instead of 72 h',
      },
    ],
    dataDelay: '8–24 h (EA/MCA), up to 72 h (pay-as-you-go); credits are not included',
  },
  fal: {
    label: 'fal.ai',
    keyType: 'ADMIN-scoped API key (key_id:key_secret)',
    whereToCreate: 'fal.ai dashboard → Keys → create a key with scope ADMIN',
    fields: [{ ...API_KEY, label: 'Admin key', placeholder: 'key_id:key_secret' }],
    dataDelay: 'usually 1–2 minutes (observed, not documented)',
  },
  runway: {
    label: 'Runway',
    keyType: 'API key (key_…); usage is in credits, $0.01 each',
    whereToCreate: 'dev.runwayml.com → API Keys',
    fields: [{ ...API_KEY, placeholder: 'key_…' }],
  },
  openrouter: {
    label: 'OpenRouter',
    keyType: 'API key (sk-or-v1-…) plus a management key: daily cost per model and per key needs the management key',
    whereToCreate: 'openrouter.ai → Settings → API Keys and Settings → Management Keys',
    fields: [
      { ...API_KEY, placeholder: 'sk-or-v1-…' },
      {
        name: 'provisioningKey',
        label: 'Management key',
        secret: true,
        optional: true,
        placeholder: 'sk-or-v1-…',
        help: 'Also accepted as managementKey (its former name was provisioning key)',
      },
    ],
    limitations:
      "With only a standard API key, spendsync syncs just that key's own spend so far today (no daily history, no model " +
      'breakdown, no key list): daily cost per model and per key needs a management key. OpenRouter keeps daily activity for ' +
      'only the last 30 days, so older history cannot be synced with any key.',
  },
  litellm: {
    label: 'LiteLLM',
    keyType: 'Proxy master key or a proxy-admin key (sk-…); other keys see only their own spend',
    whereToCreate:
      "Your LiteLLM proxy: its LITELLM_MASTER_KEY, or a key of a proxy_admin user from the proxy's UI → Virtual Keys",
    fields: [
      { ...API_KEY, label: 'Master or admin key', placeholder: 'sk-…' },
      { name: 'baseUrl', label: 'Proxy URL', secret: false, placeholder: 'https://litellm.example.com' },
    ],
    dataDelay: "seconds; history is as long as the proxy's spend-log retention",
  },
};
