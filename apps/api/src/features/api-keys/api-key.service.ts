import type pg from 'pg';
import { columnsOf, fromRow, type RowOf } from '../../database/entity-row';
import { isUuid } from '../../database/uuid';
import type { ProviderAccount } from '../provider-accounts/provider-account.entity';
import type { ApiKey } from './api-key.entity';

/** What the API shows of a key, in select order: metadata and hint only, never the secret. */
const KEY_FIELDS = [
  'id',
  'organizationId',
  'providerAccountId',
  'externalId',
  'workspaceExternalId',
  'name',
  'hint',
  'status',
  'lastUsedAt',
] as const satisfies readonly (keyof ApiKey)[];
type KeyField = (typeof KEY_FIELDS)[number];

/** An API key at a provider as the API shows it: metadata and hint only, never the secret. */
export type ApiKeyView = Pick<ApiKey, KeyField> & Pick<ProviderAccount, 'provider'>;

type Row = RowOf<ApiKey, KeyField> & RowOf<ProviderAccount, 'provider'>;

const SELECT = `SELECT ${columnsOf<ApiKey>(KEY_FIELDS, {}, 'k')}, a.provider
  FROM api_keys k JOIN provider_accounts a ON a.id = k.provider_account_id AND a.organization_id = k.organization_id`;

const toView = (r: Row): ApiKeyView => ({ ...fromRow<ApiKey, KeyField>(r, KEY_FIELDS), provider: r.provider });

/** Provider API keys of an organization, as synced. */
export function createApiKeyService(pool: pg.Pool) {
  return {
    async get(organizationId: string, id: string): Promise<ApiKeyView | null> {
      if (!isUuid(id)) return null;
      const { rows } = await pool.query<Row>(`${SELECT} WHERE k.id = $1 AND k.organization_id = $2`, [
        id,
        organizationId,
      ]);
      return rows[0] ? toView(rows[0]) : null;
    },

    async list(
      organizationId: string,
      filter: { providerAccountId?: string; workspaceExternalId?: string } = {},
    ): Promise<ApiKeyView[]> {
      if (filter.providerAccountId !== undefined && !isUuid(filter.providerAccountId)) return [];
      const { rows } = await pool.query<Row>(
        `${SELECT} WHERE k.organization_id = $1 AND ($2::uuid IS NULL OR k.provider_account_id = $2)
           AND ($3::text IS NULL OR k.workspace_external_id = $3) ORDER BY a.provider, coalesce(k.name, k.hint, k.external_id), k.id`,
        [organizationId, filter.providerAccountId ?? null, filter.workspaceExternalId ?? null],
      );
      return rows.map(toView);
    },
  };
}

/** See {@link createApiKeyService}. */
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
