import type { ProviderId } from '@spendsync/domain';
import type { CredentialCipher } from './credential-cipher';

/** What a provider account's credentials are sealed to: the organization, the account and its provider. */
export type CredentialBinding = { organizationId: string; id: string; provider: ProviderId };

/**
 * The authenticated context (AES-GCM associated data) of an account's credentials. A blob
 * copied into another account's row — of the same organization or not, or re-labelled as
 * another provider — does not decrypt there.
 */
export function credentialContext(account: CredentialBinding): string {
  return `spendsync:provider-account:v2:${account.organizationId}:${account.id}:${account.provider}`;
}

/** The context of blobs sealed before accounts were bound by id and provider (organization only). */
export function legacyCredentialContext(organizationId: string): string {
  return `spendsync:provider-account:${organizationId}`;
}

/** Encrypts credentials (the object the user entered) for `provider_accounts.credentials_encrypted`. */
export function sealCredentials(cipher: CredentialCipher, account: CredentialBinding, credentials: unknown): Buffer {
  return cipher.encrypt(JSON.stringify(credentials), credentialContext(account));
}

/**
 * Decrypts an account's credentials, in memory only. The result is secret: never log it, put it
 * in an error, or send it anywhere but the provider's adapter.
 */
export function openCredentials(
  cipher: CredentialCipher,
  account: CredentialBinding & { credentialsEncrypted: Buffer },
): unknown {
  return JSON.parse(cipher.decrypt(account.credentialsEncrypted, credentialContext(account))) as unknown;
}

/**
 * The plaintext of a stored blob under either context it may have been sealed with (the
 * account's, or the organization-only one of older versions), or undefined when no key held
 * opens it. For maintenance (re-binding, key rotation) only: syncs use {@link openCredentials}.
 */
export function openStoredCredentials(
  cipher: CredentialCipher,
  account: CredentialBinding,
  blob: Buffer,
): string | undefined {
  for (const context of [credentialContext(account), legacyCredentialContext(account.organizationId)]) {
    try {
      return cipher.decrypt(blob, context);
    } catch {
      // try the next context
    }
  }
  return undefined;
}
