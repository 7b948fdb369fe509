import type { ProviderId } from '@spendsync/domain';
import type pg from 'pg';
import { isUuid } from '../../database/uuid';

/** An API key at a provider as the API shows it: metadata and hint only, never the secret. */
export type ApiKeyView = {
  id: string; organizationId: string; providerAccountId: string; provider: ProviderId; externalId: string;
  workspaceExternalId: string | null; name: string | null; hint: string | null; status: string | null; lastUsedAt: Date | null;
};

type Row = {
  id: string; organization_id: string; provider_account_id: string; provider: ProviderId; external_id: string;
  workspace_external_id: string | null; name: string | null; hint: string | null; status: string | null; last_used_at: Date | null;
};

const SELECT = `SELECT k.id, k.organization_id, k.provider_account_id, a.provider, k.external_id, k.workspace_external_id, k.name, k.hint,
  k.status, k.last_used_at FROM api_keys k JOIN provider_accounts a ON a.id = k.provider_account_id AND a.organization_id = k.organization_id`;

const toView = (r: Row): ApiKeyView => ({
  id: r.id, organizationId: r.organization_id, providerAccountId: r.provider_account_id, provider: r.provider, externalId: r.external_id,
  workspaceExternalId: r.workspace_external_id, name: r.name, hint: r.hint, status: r.status, lastUsedAt: r.last_used_at,
});

/** Provider API keys of an organization, as synced. */
export function createApiKeyService(pool: pg.Pool) {
  return {
    async get(organizationId: string, id: string): Promise<ApiKeyView | null> {
      if (!isUuid(id)) return null;
      const { rows } = await pool.query<Row>(`${SELECT} WHERE k.id = $1 AND k.organization_id = $2`, [id, organizationId]);
      return rows[0] ? toView(rows[0]) : null;
    },

    async list(organizationId: string, filter: { providerAccountId?: string; workspaceExternalId?: string } = {}): Promise<ApiKeyView[]> {
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
