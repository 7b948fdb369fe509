import type pg from 'pg';
import type { RowOf } from '../../database/entity-row';
import type { CredentialCipher } from './credential-cipher';
import type { ProviderAccount } from './provider-account.entity';
import { credentialContext, openStoredCredentials } from './provider-account-credentials';

/** A credential the keys given cannot open: the whole re-encryption is rolled back. */
export class ReencryptError extends Error {
  override readonly name = 'ReencryptError';
}

type Row = RowOf<ProviderAccount, 'organizationId' | 'provider' | 'credentialsEncrypted'>;

/** Sealed under the target's current key and the account's own context already. */
function isCurrent(target: CredentialCipher, blob: Buffer, context: string): boolean {
  if (target.keyIdOf(blob) !== target.currentKeyId()) return false;
  try {
    target.decrypt(blob, context);
    return true;
  } catch {
    return false;
  }
}

/** What {@link reencryptCredentials} did. */
export type ReencryptResult = { reencrypted: number; alreadyCurrent: number };

/**
 * Re-encrypts every stored provider credential under `target`'s current key, in one transaction:
 * either every row moves or none does (an interrupted run changes nothing). `reader` must hold
 * every key a row may be sealed with. Rows are locked one at a time, in id order, as they are
 * moved, so the service keeps running meanwhile; a row re-keyed concurrently is read again under
 * its lock. Rows sealed to their organization only are bound to their account on the way.
 */
export async function reencryptCredentials(
  pool: pg.Pool,
  reader: CredentialCipher,
  target: CredentialCipher,
  onRow?: (done: number, total: number) => void,
): Promise<ReencryptResult> {
  const client = await pool.connect();
  const result: ReencryptResult = { reencrypted: 0, alreadyCurrent: 0 };
  try {
    await client.query('BEGIN');
    const { rows: ids } = await client.query<{ id: string }>(
      'SELECT id FROM provider_accounts WHERE length(credentials_encrypted) > 0 ORDER BY id',
    );
    for (const [index, { id }] of ids.entries()) {
      const {
        rows: [row],
      } = await client.query<Row>(
        'SELECT organization_id, provider, credentials_encrypted FROM provider_accounts WHERE id = $1 AND length(credentials_encrypted) > 0 FOR UPDATE',
        [id],
      );
      if (row) {
        const binding = { organizationId: row.organization_id, id, provider: row.provider };
        const plaintext = openStoredCredentials(reader, binding, row.credentials_encrypted);
        if (plaintext === undefined) {
          throw new ReencryptError(
            `The credentials of provider account ${id} do not open with the keys given (key id ${reader.keyIdOf(row.credentials_encrypted) ?? 'unknown'}); ` +
              "nothing was changed. Add the key they were saved with to SPENDSYNC_MASTER_KEY_PREVIOUS, or re-enter that account's credentials.",
          );
        }
        if (isCurrent(target, row.credentials_encrypted, credentialContext(binding))) {
          result.alreadyCurrent += 1;
        } else {
          await client.query('UPDATE provider_accounts SET credentials_encrypted = $2 WHERE id = $1', [
            id,
            target.encrypt(plaintext, credentialContext(binding)),
          ]);
          result.reencrypted += 1;
        }
      }
      onRow?.(index + 1, ids.length);
    }
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
