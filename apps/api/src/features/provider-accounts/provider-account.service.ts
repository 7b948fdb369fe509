import { randomUUID } from 'node:crypto';
import type { Day, ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import { isUuid } from '../../database/uuid';
import { ApiError, notFound } from '../../errors';
import { isAccountLocked } from '../sync/account-lock';
import type { CredentialCipher } from './credential-cipher';
import { sealCredentials } from './provider-account-credentials';
import type { ProviderAccountStatus } from './provider-account.entity';

/** A provider account as the API shows it: never the credentials, only their hint. */
export type ProviderAccountView = {
  id: string; organizationId: string; provider: ProviderId; label: string; keyHint: string; status: ProviderAccountStatus;
  lastError: string | null; lastSyncedAt: Date | null; dataCompleteThrough: Day | null; settledThrough: Day | null; endpoint: string | null;
  /** What the provider check said the credential cannot sync (null: it syncs everything). */
  credentialNotice: string | null;
  /** The last sync found no billing data at all (likely the wrong key type). */
  syncNotice: string | null;
  createdAt: Date; updatedAt: Date;
};

type Row = {
  id: string; organization_id: string; provider: ProviderId; label: string; key_hint: string; status: ProviderAccountStatus;
  last_error: string | null; last_synced_at: Date | null; data_complete_through: Day | null; settled_through: Day | null; endpoint_override: string | null;
  credential_notice: string | null; sync_notice: string | null; created_at: Date; updated_at: Date;
};

// Deliberately not `*`: credentials_encrypted never leaves this table through these queries.
const COLUMNS = `id, organization_id, provider, label, key_hint, status, last_error, last_synced_at, data_complete_through,
  settled_through, endpoint_override, credential_notice, sync_notice, created_at, updated_at`;

const toView = (r: Row): ProviderAccountView => ({
  id: r.id, organizationId: r.organization_id, provider: r.provider, label: r.label, keyHint: r.key_hint, status: r.status,
  lastError: r.last_error, lastSyncedAt: r.last_synced_at, dataCompleteThrough: r.data_complete_through, settledThrough: r.settled_through,
  endpoint: r.endpoint_override, credentialNotice: r.credential_notice, syncNotice: r.sync_notice, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** New, already verified credentials to store, with what the check said they cannot sync. */
export type SealableCredentials = { credentials: unknown; keyHint: string; endpoint: string | null; credentialNotice: string | null };

/** Checks an account label: 1 to 200 characters after trimming. */
export function checkLabel(label: string): string {
  const text = label.trim();
  if (text === '' || text.length > 200) throw new ApiError('BAD_USER_INPUT', 'Give the account a name of 1 to 200 characters.', { field: 'label' });
  return text;
}

/** Provider accounts of an organization; every statement is scoped by organization id. */
export function createProviderAccountService(pool: pg.Pool, cipher: CredentialCipher) {
  const one = async (text: string, values: unknown[]) => {
    const { rows } = await pool.query<Row>(text, values);
    return rows[0] ? toView(rows[0]) : null;
  };
  const get = async (organizationId: string, id: string) =>
    !isUuid(id) ? null : one(`SELECT ${COLUMNS} FROM provider_accounts WHERE id = $1 AND organization_id = $2`, [id, organizationId]);
  const require = async (organizationId: string, id: string): Promise<ProviderAccountView> => {
    const account = await get(organizationId, id);
    if (!account) throw notFound('Provider account', id);
    return account;
  };

  return {
    async list(organizationId: string, filter: { provider?: ProviderId; status?: ProviderAccountStatus } = {}): Promise<ProviderAccountView[]> {
      const { rows } = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM provider_accounts WHERE organization_id = $1 AND ($2::text IS NULL OR provider = $2)
           AND ($3::text IS NULL OR status = $3) ORDER BY label, created_at`,
        [organizationId, filter.provider ?? null, filter.status ?? null],
      );
      return rows.map(toView);
    },

    get,
    /** The account, or NOT_FOUND (also for another organization's account). */
    require,

    /** Stores a verified account, credentials encrypted under the organization. */
    async create(organizationId: string, input: { provider: ProviderId; label: string } & SealableCredentials): Promise<ProviderAccountView> {
      const id = randomUUID(); // chosen here: the credentials are sealed to it
      const created = await one(
        `INSERT INTO provider_accounts (id, organization_id, provider, label, credentials_encrypted, key_hint, endpoint_override, credential_notice)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [id, organizationId, input.provider, checkLabel(input.label),
          sealCredentials(cipher, { organizationId, id, provider: input.provider }, input.credentials), input.keyHint, input.endpoint,
          input.credentialNotice],
      );
      return created!;
    },

    /**
     * Replaces an account's credentials (already verified); a disconnected or failing account
     * becomes active, and the old credential's notices go with it.
     */
    async replaceCredentials(organizationId: string, id: string, input: SealableCredentials & { label?: string }): Promise<ProviderAccountView> {
      const { provider } = await require(organizationId, id);
      const updated = await one(
        `UPDATE provider_accounts SET credentials_encrypted = $3, key_hint = $4, endpoint_override = $5, label = coalesce($6, label),
           status = CASE WHEN status = 'syncing' THEN status ELSE 'active' END, last_error = NULL, updated_at = now(),
           credential_notice = $7, sync_notice = NULL
         WHERE id = $1 AND organization_id = $2 RETURNING ${COLUMNS}`,
        [id, organizationId, sealCredentials(cipher, { organizationId, id, provider }, input.credentials), input.keyHint, input.endpoint,
          input.label === undefined ? null : checkLabel(input.label), input.credentialNotice],
      );
      if (!updated) throw notFound('Provider account', id);
      return updated;
    },

    /**
     * Unlinks an account. Keeping history: the credentials are erased (the account can no longer
     * sync) and it stays, disconnected, with its records. Purging: the account and everything
     * synced through it are deleted. A purge waits for no one: it is refused while a sync runs.
     */
    async unlink(organizationId: string, id: string, purgeHistory: boolean): Promise<void> {
      await require(organizationId, id);
      if (purgeHistory) {
        if (await isAccountLocked(pool, id)) {
          throw new ApiError('CONFLICT', 'A sync of this account is running; purge it when the sync has finished.');
        }
        await pool.query('DELETE FROM provider_accounts WHERE id = $1 AND organization_id = $2', [id, organizationId]);
        return;
      }
      await pool.query(
        `UPDATE provider_accounts SET credentials_encrypted = $3, status = 'disconnected', last_error = NULL, sync_notice = NULL, updated_at = now()
         WHERE id = $1 AND organization_id = $2`,
        [id, organizationId, Buffer.alloc(0)],
      );
    },
  };
}

/** See {@link createProviderAccountService}. */
export type ProviderAccountService = ReturnType<typeof createProviderAccountService>;
