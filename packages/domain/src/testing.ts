import type { CostRecord } from './cost-record';
import type { ProviderCredentials } from './credentials/credential-schemas';
import { Money, ZERO } from './money';
import type { ProviderId } from './provider-id';

/**
 * A valid usage record (OpenAI, one project key, one model, one day) with `overrides` applied.
 * Typed against `CostRecord`, so a renamed field breaks the tests that use it.
 */
export function buildCostRecord(overrides: Partial<CostRecord> = {}): CostRecord {
  return {
    provider: 'openai',
    day: '2025-06-01',
    workspaceId: 'proj_Ab12Cd34',
    workspaceName: 'Default project',
    apiKeyId: 'key_abc123',
    apiKeyHint: 'sk-proj-Ab1...wxyz',
    apiKeyName: 'backend',
    model: 'gpt-4o-2024-08-06',
    chargeKind: 'usage',
    cost: new Money('1.8432'),
    creditsApplied: ZERO,
    currency: 'USD',
    inputTokens: 500_000,
    outputTokens: 60_000,
    cachedInputTokens: 100_000,
    cacheWriteTokens: 0,
    requests: 120,
    unit: null,
    quantity: null,
    mix: null,
    ...overrides,
  };
}

/** A fake PEM block: the shape of a private key, no key inside. */
const FAKE_PRIVATE_KEY =
  '-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----';

/** Fake credentials that pass each provider's schema, already in their parsed (normalized) form. */
const TEST_CREDENTIALS: { readonly [K in ProviderId]: ProviderCredentials[K] } = {
  openai: { apiKey: 'sk-admin-TestKeyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789' },
  anthropic: { apiKey: 'sk-ant-admin01-TestKeyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-AbCdEfAA' },
  'aws-bedrock': {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
  },
  'vertex-ai': {
    serviceAccount: {
      type: 'service_account',
      project_id: 'spendsync-test',
      private_key_id: '0123456789abcdef0123456789abcdef01234567',
      private_key: FAKE_PRIVATE_KEY,
      client_email: 'billing-reader@spendsync-test.iam.gserviceaccount.com',
      client_id: '123456789012345678901',
      token_uri: 'https://oauth2.googleapis.com/token',
    },
    billingTable: 'spendsync-test.billing.gcp_billing_export_v1_012345_6789AB_CDEF01',
    location: 'US',
    services: ['vertex-ai', 'partner-models', 'gemini-api'],
  },
  azure: {
    tenantId: '11111111-2222-3333-4444-555555555555',
    clientId: '66666666-7777-8888-9999-000000000000',
    clientSecret: 'Abc8Q~TestSecretValue.0123456789abcdefghij',
    subscriptionId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  },
  fal: { apiKey: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d:0123456789abcdef0123456789abcdef' },
  runway: { apiKey: `key_${'0123456789abcdef'.repeat(8)}` },
  openrouter: { apiKey: `sk-or-v1-${'a1'.repeat(32)}`, provisioningKey: `sk-or-v1-${'b2'.repeat(32)}` },
  litellm: { apiKey: 'sk-1234', baseUrl: 'http://127.0.0.1:4000' },
};

/** Fake, valid credentials for `provider`, a fresh copy each call (with `overrides` applied). */
export function buildCredentials<K extends ProviderId>(
  provider: K,
  overrides: Partial<ProviderCredentials[K]> = {},
): ProviderCredentials[K] {
  return { ...structuredClone(TEST_CREDENTIALS[provider]), ...overrides };
}
