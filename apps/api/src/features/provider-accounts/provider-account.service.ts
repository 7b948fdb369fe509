import { randomUUID } from 'node:crypto';
import type { ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import { columnsOf, fromRow, type RowOf } from '../../database/entity-row';
import { isUuid } from '../../database/uuid';
import { ApiError, notFound } from '../../errors';
import { isAccountLocked } from '../../database/account-lock';
import type { CredentialCipher } from './credential-cipher';
import { sealCredentials } from './provider-account-credentials';
import type { ProviderAccount, ProviderAccountStatus } from './provider-account.entity';

/** A provider account as the API shows it: never the credentials, only their hint. */
export type ProviderAccountView = Pick<ProviderAccount, Exclude<ViewField, 'endpointOverride'>> & {
  /** The account's custom endpoint (`endpoint_override`). */
  endpoint: string | null;
};

/**
 * The columns the API reads, in select order. Deliberately not `*`: credentials_encrypted never
 * leaves this table through these queries.
 */
const VIEW_FIELDS = [
  'id',
  'organizationId',
  'provider',
  'label',
  'keyHint',
  'status',
  'lastError',
  'lastSyncedAt',
  'dataCompleteThrough',
  'settledThrough',
  'endpointOverride',
  'credentialNotice',
  'syncNotice',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof ProviderAccount)[];
type ViewField = (typeof VIEW_FIELDS)[number];

type Row = RowOf<ProviderAccount, ViewField>;

const COLUMNS = columnsOf<ProviderAccount>(VIEW_FIELDS);

const toView = (r: Row): ProviderAccountView => {
  const { endpointOverride, ...fields } = fromRow<ProviderAccount, ViewField>(r, VIEW_FIELDS);
  return { ...fields, endpoint: endpointOverride };
};

/** New, already verified credentials to store, with what the check said they cannot sync. */
export type SealableCredentials = {
  credentials: unknown;
  keyHint: string;
  endpoint: string | null;
  credentialNotice: string | null;
};

/** Checks an account label: 1 to 200 characters after trimming. */
export function checkLabel(label: string): string {
  const text = label.trim();
  if (text === '' || text.length > 200)
    throw new ApiError('BAD_USER_INPUT', 'Give the account a name of 1 to 200 characters.', { field: 'label' });
  return text;
}

/** Provider accounts of an organization; every statement is scoped by organization id. */
export function createProviderAccountService(pool: pg.Pool, cipher: CredentialCipher) {
  const one = async (text: string, values: unknown[]) => {
    const { rows } = await pool.query<Row>(text, values);
    return rows[0] ? toView(rows[0]) : null;
  };
  const get = async (organizationId: string, id: string) =>
    !isUuid(id)
      ? null
      : one(`SELECT ${COLUMNS} FROM provider_accounts WHERE id = $1 AND organization_id = $2`, [id, organizationId]);
  const require = async (organizationId: string, id: string): Promise<ProviderAccountView> => {
    const account = await get(organizationId, id);
    if (!account) throw notFound('Provider account', id);
    return account;
  };

  return {
    async list(
      organizationId: string,
      filter: { provider?: ProviderId; status?: ProviderAccountStatus } = {},
    ): Promise<ProviderAccountView[]> {
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
    async create(
      organizationId: string,
      input: { provider: ProviderId; label: string } & SealableCredentials,
    ): Promise<ProviderAccountView> {
      const id = randomUUID(); // chosen here: the credentials are sealed to it
      const created = await one(
        `INSERT INTO provider_accounts (id, organization_id, provider, label, credentials_encrypted, key_hint, endpoint_override, credential_notice)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [
          id,
          organizationId,
          input.provider,
          checkLabel(input.label),
          sealCredentials(cipher, { organizationId, id, provider: input.provider }, input.credentials),
          input.keyHint,
          input.endpoint,
          input.credentialNotice,
        ],
      );
      return created!;
    },

    /**
     * Replaces an account's credentials (already verified); a disconnected or failing account
     * becomes active, and the old credential's notices go with it.
     */
    async replaceCredentials(
      organizationId: string,
      id: string,
      input: SealableCredentials & { label?: string },
    ): Promise<ProviderAccountView> {
      const { provider } = await require(organizationId, id);
      const updated = await one(
        `UPDATE provider_accounts SET credentials_encrypted = $3, key_hint = $4, endpoint_override = $5, label = coalesce($6, label),
           status = CASE WHEN status = 'syncing' THEN status ELSE 'active' END, last_error = NULL, updated_at = now(),
           credential_notice = $7, sync_notice = NULL
         WHERE id = $1 AND organization_id = $2 RETURNING ${COLUMNS}`,
        [
          id,
          organizationId,
          sealCredentials(cipher, { organizationId, id, provider }, input.credentials),
          input.keyHint,
          input.endpoint,
          input.label === undefined ? null : checkLabel(input.label),
          input.credentialNotice,
        ],
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
