import { describe, expect, it } from '@jest/globals';
import { createCredentialCipher } from './credential-cipher';
import { legacyCredentialContext, openCredentials, sealCredentials } from './provider-account-credentials';

const cipher = createCredentialCipher(Buffer.alloc(32, 3));

const ACCOUNT = { organizationId: 'org-1', id: 'acc-1', provider: 'openai' } as const;

describe('sealCredentials / openCredentials', () => {
  it('round-trips the credential object for the same account', () => {
    const credentials = { apiKey: 'sk-admin-abc', nested: { a: [1, 'b'] } };
    const blob = sealCredentials(cipher, ACCOUNT, credentials);
    expect(openCredentials(cipher, { ...ACCOUNT, credentialsEncrypted: blob })).toEqual(credentials);
  });

  it.each([
    ['another organization', { organizationId: 'org-2' }],
    ['another account of the same organization', { id: 'acc-2' }],
    ['the same account re-labelled as another provider', { provider: 'anthropic' as const }],
  ])('refuses a blob moved to %s', (_name, change) => {
    const blob = sealCredentials(cipher, ACCOUNT, { apiKey: 'sk-admin-abc' });
    expect(() => openCredentials(cipher, { ...ACCOUNT, ...change, credentialsEncrypted: blob })).toThrow(
      /could not be decrypted/,
    );
  });

  it('no longer opens a blob sealed to the organization alone (those are re-bound at start-up)', () => {
    const legacy = cipher.encrypt(JSON.stringify({ apiKey: 'sk-admin-abc' }), legacyCredentialContext('org-1'));
    expect(() => openCredentials(cipher, { ...ACCOUNT, credentialsEncrypted: legacy })).toThrow(
      /could not be decrypted/,
    );
  });
});
