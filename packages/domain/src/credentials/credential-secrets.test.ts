import { describe, expect, it } from '@jest/globals';
import { PROVIDER_IDS, type ProviderId } from '../provider-id';
import { CREDENTIAL_GUIDES } from './credential-guides';
import { SECRET_CREDENTIAL_FIELDS, credentialSecrets } from './credential-secrets';

describe('credentialSecrets', () => {
  it.each<[string, ProviderId, unknown, string[]]>([
    ['an API key', 'openai', { apiKey: 'sk-admin-123456' }, ['sk-admin-123456']],
    [
      'AWS keys, not the key id or region',
      'aws-bedrock',
      { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalr/EXAMPLEKEY', region: 'us-east-1' },
      ['wJalr/EXAMPLEKEY'],
    ],
    [
      'a service-account JSON string, only its private parts',
      'vertex-ai',
      {
        serviceAccount: JSON.stringify({
          type: 'service_account',
          private_key: '-----BEGIN KEY-----abc',
          private_key_id: '0a1b2c3d',
          client_email: 'a@b.iam',
        }),
        billingTable: 'p.d.t',
      },
      ['-----BEGIN KEY-----abc', '0a1b2c3d'],
    ],
    [
      'unknown and alias fields, not the public URL',
      'litellm',
      { apiKey: 'sk-1234', baseUrl: 'https://litellm.internal.example.com', note: 'short' },
      ['sk-1234', 'short'],
    ],
    [
      'both OpenRouter keys, the former name included',
      'openrouter',
      { apiKey: 'sk-or-v1-aaaa', managementKey: 'sk-or-v1-bbbb' },
      ['sk-or-v1-aaaa', 'sk-or-v1-bbbb'],
    ],
    [
      'the whole fal key and its secret half, not the key id',
      'fal',
      { apiKey: 'key-id:key-secret' },
      ['key-id:key-secret', 'key-secret'],
    ],
    [
      'credentials given as JSON text',
      'azure',
      '{"tenantId":"t-1","clientId":"c-1","clientSecret":"abc~DEF","subscriptionId":"s-1"}',
      ['abc~DEF'],
    ],
  ])('finds %s', (_name, provider, credentials, expected) => {
    expect(credentialSecrets(provider, credentials).sort()).toEqual(expected.sort());
  });

  it('ignores values too short to redact and anything that is not an object', () => {
    expect(credentialSecrets('openai', { apiKey: 'abc' })).toEqual([]);
    expect(credentialSecrets('openai', null)).toEqual([]);
    expect(credentialSecrets('openai', ['sk-admin-123456'])).toEqual([]);
  });

  it('treats every field its guide marks secret as secret, and no field marked public', () => {
    for (const provider of PROVIDER_IDS) {
      const input = Object.fromEntries(CREDENTIAL_GUIDES[provider].fields.map((f) => [f.name, `value-of-${f.name}`]));
      const expected = CREDENTIAL_GUIDES[provider].fields.filter((f) => f.secret).map((f) => `value-of-${f.name}`);
      const found = credentialSecrets(provider, input).filter((s) => s.startsWith('value-of-'));
      expect(found.sort()).toEqual(expected.sort());
    }
  });

  it('names the secret fields of every guide once, for loggers that censor by name', () => {
    expect(SECRET_CREDENTIAL_FIELDS).toEqual([
      'apiKey',
      'clientSecret',
      'provisioningKey',
      'secretAccessKey',
      'serviceAccount',
      'sessionToken',
    ]);
  });
});
