import type { CredentialCipher } from './credential-cipher';

/**
 * The authenticated context a provider account's credentials are sealed under: the
 * organization. A blob copied into another organization's row does not decrypt there.
 */
export function credentialContext(organizationId: string): string {
  return `spendsync:provider-account:${organizationId}`;
}

/** Encrypts credentials (the object the user entered) for `provider_accounts.credentials_encrypted`. */
export function sealCredentials(cipher: CredentialCipher, organizationId: string, credentials: unknown): Buffer {
  return cipher.encrypt(JSON.stringify(credentials), credentialContext(organizationId));
}

/**
 * Decrypts an account's credentials, in memory only. The result is secret: never log it, put it
 * in an error, or send it anywhere but the provider's adapter.
 */
export function openCredentials(cipher: CredentialCipher, account: { organizationId: string; credentialsEncrypted: Buffer }): unknown {
  return JSON.parse(cipher.decrypt(account.credentialsEncrypted, credentialContext(account.organizationId))) as unknown;
}

const SECRET_FIELD = /key|secret|token|password|private|credential/i;
const NOT_SECRET_FIELD = /(id|uri|url|region|location|table)$/i;

/**
 * Values inside credentials that must never appear in text we store or show: every string
 * under a secret-sounding field (recursively, including JSON held in a string, such as a
 * service-account file), plus any long string, whatever its field.
 */
export function credentialSecrets(credentials: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, secretField: boolean): void => {
    if (typeof value === 'string') {
      if (value.trimStart().startsWith('{')) {
        try {
          return visit(JSON.parse(value), secretField);
        } catch {
          // not JSON: treat as text
        }
      }
      if ((secretField && value.length >= 4) || value.length >= 24) found.add(value);
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, secretField));
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, secretField || (SECRET_FIELD.test(key) && !NOT_SECRET_FIELD.test(key)));
    }
  };
  visit(credentials, false);
  return [...found];
}
