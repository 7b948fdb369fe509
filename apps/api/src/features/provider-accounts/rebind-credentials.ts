import type pg from 'pg';
import type { RowOf } from '../../database/entity-row';
import type { Logger } from '../../logger';
import type { CredentialCipher } from './credential-cipher';
import type { ProviderAccount } from './provider-account.entity';
import { credentialContext, openStoredCredentials } from './provider-account-credentials';

type Row = RowOf<ProviderAccount, 'id' | 'organizationId' | 'provider' | 'credentialsEncrypted'>;

/** How many accounts {@link rebindLegacyCredentials} re-sealed, and how many it could not read. */
export type RebindResult = { rebound: number; unreadable: number };

/**
 * Re-seals credentials stored before they were bound to their account and provider (sealed to
 * the organization only) under the account's own context, so that from now on a blob copied to
 * another account's row does not decrypt. Runs at start-up; each row is swapped only if it is
 * still the blob that was read (a concurrent re-key wins). Rows that open under neither
 * context (another master key) are left as they are: their sync reports it.
 */
export async function rebindLegacyCredentials(
  pool: pg.Pool,
  cipher: CredentialCipher,
  logger: Pick<Logger, 'info' | 'warn'>,
): Promise<RebindResult> {
  const { rows } = await pool.query<Row>(
    // Only blobs in the version-1 format (first byte 1) can predate binding: every later blob is
    // sealed to its account already, so a start-up reads and decrypts nothing else.
    `SELECT id, organization_id, provider, credentials_encrypted FROM provider_accounts
      WHERE length(credentials_encrypted) > 0 AND get_byte(credentials_encrypted, 0) = 1`,
  );
  const result: RebindResult = { rebound: 0, unreadable: 0 };
  for (const row of rows) {
    const binding = { organizationId: row.organization_id, id: row.id, provider: row.provider };
    let bound = true;
    try {
      cipher.decrypt(row.credentials_encrypted, credentialContext(binding));
    } catch {
      bound = false;
    }
    if (bound) continue;
    const plaintext = openStoredCredentials(cipher, binding, row.credentials_encrypted);
    if (plaintext === undefined) {
      result.unreadable += 1;
      continue;
    }
    const swapped = await pool.query(
      'UPDATE provider_accounts SET credentials_encrypted = $2 WHERE id = $1 AND credentials_encrypted = $3',
      [row.id, cipher.encrypt(plaintext, credentialContext(binding)), row.credentials_encrypted],
    );
    result.rebound += swapped.rowCount ?? 0;
  }
  if (result.rebound > 0)
    logger.info({ rebound: result.rebound }, 'Bound stored provider credentials to their accounts');
  if (result.unreadable > 0) {
    logger.warn(
      { unreadable: result.unreadable },
      'Some stored provider credentials do not open with this master key; their syncs will say so',
    );
  }
  return result;
}
