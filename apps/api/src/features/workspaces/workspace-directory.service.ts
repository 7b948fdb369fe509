import type { Sql } from '../../database/pg-pool';

/** A workspace as the provider names it. */
export type ProviderWorkspace = { externalId: string; providerName: string | null };

/** The account the rows belong to. */
export type DirectoryOwner = { organizationId: string; providerAccountId: string };

/**
 * Inserts or refreshes workspaces as the provider lists them. Only `provider_name` is written:
 * `display_name` is the admin's and is never overwritten by a sync. A null name keeps the
 * stored one. Returns the number of rows inserted or changed.
 */
export async function upsertProviderWorkspaces(
  db: Sql,
  owner: DirectoryOwner,
  workspaces: readonly ProviderWorkspace[],
): Promise<number> {
  const unique = new Map<string, string | null>();
  for (const w of workspaces) unique.set(w.externalId, w.providerName ?? unique.get(w.externalId) ?? null);
  if (unique.size === 0) return 0;
  const result = await db.query(
    `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name)
     SELECT $1, $2, w.external_id, w.provider_name FROM unnest($3::text[], $4::text[]) AS w(external_id, provider_name)
     ON CONFLICT (provider_account_id, external_id) DO UPDATE
       SET provider_name = coalesce(EXCLUDED.provider_name, workspaces.provider_name), updated_at = now()
       WHERE workspaces.provider_name IS DISTINCT FROM coalesce(EXCLUDED.provider_name, workspaces.provider_name)`,
    [owner.organizationId, owner.providerAccountId, [...unique.keys()], [...unique.values()]],
  );
  return result.rowCount ?? 0;
}
