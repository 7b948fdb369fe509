import type { Sql } from '../../database/pg-pool';
import type { DirectoryOwner } from '../workspaces/workspace-directory.service';

/** An API key's metadata as the provider reports it (never the secret). */
export type ProviderApiKey = {
  externalId: string;
  workspaceExternalId: string | null;
  name: string | null;
  hint: string | null;
  status: string | null;
  lastUsedAt: Date | null;
};

/**
 * Inserts or refreshes API keys. Unknown (null) fields keep what is stored, so a cost record
 * that carries only a hint does not erase a name the key listing gave; `last_used_at` only
 * moves forward. Returns the number of rows inserted or changed.
 */
export async function upsertProviderApiKeys(
  db: Sql,
  owner: DirectoryOwner,
  keys: readonly ProviderApiKey[],
): Promise<number> {
  const unique = new Map(keys.map((k) => [k.externalId, k]));
  if (unique.size === 0) return 0;
  const list = [...unique.values()];
  const result = await db.query(
    `INSERT INTO api_keys (organization_id, provider_account_id, external_id, workspace_external_id, name, hint, status, last_used_at)
     SELECT $1, $2, k.* FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
       AS k(external_id, workspace_external_id, name, hint, status, last_used_at)
     ON CONFLICT (provider_account_id, external_id) DO UPDATE SET
       workspace_external_id = coalesce(EXCLUDED.workspace_external_id, api_keys.workspace_external_id),
       name = coalesce(EXCLUDED.name, api_keys.name), hint = coalesce(EXCLUDED.hint, api_keys.hint),
       status = coalesce(EXCLUDED.status, api_keys.status), last_used_at = greatest(api_keys.last_used_at, EXCLUDED.last_used_at),
       updated_at = now()
     WHERE (api_keys.workspace_external_id, api_keys.name, api_keys.hint, api_keys.status, api_keys.last_used_at) IS DISTINCT FROM
       (coalesce(EXCLUDED.workspace_external_id, api_keys.workspace_external_id), coalesce(EXCLUDED.name, api_keys.name),
        coalesce(EXCLUDED.hint, api_keys.hint), coalesce(EXCLUDED.status, api_keys.status), greatest(api_keys.last_used_at, EXCLUDED.last_used_at))`,
    [
      owner.organizationId,
      owner.providerAccountId,
      list.map((k) => k.externalId),
      list.map((k) => k.workspaceExternalId),
      list.map((k) => k.name),
      list.map((k) => k.hint),
      list.map((k) => k.status),
      list.map((k) => k.lastUsedAt),
    ],
  );
  return result.rowCount ?? 0;
}
