import { describe, expect, it } from '@jest/globals';
import { createCredentialCipher } from './credential-cipher';
import { credentialSecrets, openCredentials, sealCredentials } from './provider-account-credentials';

const cipher = createCredentialCipher(Buffer.alloc(32, 3));

describe('sealCredentials / openCredentials', () => {
  it('round-trips the credential object for the same organization', () => {
    const credentials = { apiKey: 'sk-admin-abc', nested: { a: [1, 'b'] } };
    const blob = sealCredentials(cipher, 'org-1', credentials);
    expect(openCredentials(cipher, { organizationId: 'org-1', credentialsEncrypted: blob })).toEqual(credentials);
  });

  it('refuses a blob moved to another organization', () => {
    const blob = sealCredentials(cipher, 'org-1', { apiKey: 'sk-admin-abc' });
    expect(() => openCredentials(cipher, { organizationId: 'org-2', credentialsEncrypted: blob })).toThrow(/could not be decrypted/);
  });
});

describe('credentialSecrets', () => {
  it.each<[string, unknown, string[]]>([
    ['an API key', { apiKey: 'sk-admin-123456' }, ['sk-admin-123456']],
    ['AWS keys, not the region', { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalr/EXAMPLEKEY', region: 'us-east-1' }, ['wJalr/EXAMPLEKEY']],
    ['a service-account JSON string', { serviceAccount: '{"private_key":"-----BEGIN KEY-----abc","client_email":"a@b.iam"}', billingTable: 'p.d.t' }, ['-----BEGIN KEY-----abc']],
    ['a long value under any field', { baseUrl: 'https://litellm.internal.example.com', note: 'short' }, ['https://litellm.internal.example.com']],
  ])('finds %s', (_name, credentials, expected) => {
    expect(credentialSecrets(credentials).sort()).toEqual(expected.sort());
  });
});
