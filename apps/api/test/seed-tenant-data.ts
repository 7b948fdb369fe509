import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { sealCredentials } from '../src/features/provider-accounts/provider-account-credentials';
import { TEST_CIPHER } from './support/test-cipher';

/** Ids of what {@link seedTenantData} inserted. */
export type SeededData = {
  accountId: string;
  workspaceIds: [string, string];
  apiKeyId: string;
  apiKeyHint: string;
  runId: string;
  nameChangeId: string;
  modelId: string;
  apiTokenId: string;
};

/**
 * One organization's data, inserted directly: an OpenAI account (credentials sealed like
 * production), two workspaces, a key, a day of cost, a finished run with a log line, a rename
 * and an API token.
 */
export async function seedTenantData(ds: DataSource, organizationId: string, tag: string): Promise<SeededData> {
  const one = async (sql: string, values: unknown[]) => ((await ds.query(sql, values)) as { id: string }[])[0]!.id;
  const newId = randomUUID();
  const accountId = await one(
    `INSERT INTO provider_accounts (id, organization_id, provider, label, credentials_encrypted, key_hint) VALUES ($1, $2, 'openai', $3, $4, 'sk-admin-abc...wxyz') RETURNING id`,
    [
      newId,
      organizationId,
      `OpenAI ${tag}`,
      sealCredentials(
        TEST_CIPHER,
        { organizationId, id: newId, provider: 'openai' },
        { apiKey: `sk-admin-${tag}-secret` },
      ),
    ],
  );
  const workspace = (externalId: string, name: string) =>
    one(
      'INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name) VALUES ($1, $2, $3, $4) RETURNING id',
      [organizationId, accountId, externalId, name],
    );
  const workspaceIds: [string, string] = [
    await workspace(`proj_${tag}_1`, `Search ${tag}`),
    await workspace(`proj_${tag}_2`, `Chat ${tag}`),
  ];
  const apiKeyHint = `sk-proj-${tag.slice(0, 3)}...wxyz`;
  const apiKeyId = await one(
    `INSERT INTO api_keys (organization_id, provider_account_id, external_id, workspace_external_id, name, hint) VALUES ($1, $2, $3, $4, 'svc', $5) RETURNING id`,
    [organizationId, accountId, `key_${tag}`, `proj_${tag}_1`, apiKeyHint],
  );
  await ds.query(
    `INSERT INTO cost_records (organization_id, provider_account_id, provider, day, workspace_external_id, api_key_external_id, model, charge_kind, cost, credits_applied)
     VALUES ($1, $2, 'openai', '2026-01-05', $3, $4, $5, 'usage', '12.34', '0')`,
    [organizationId, accountId, `proj_${tag}_1`, `key_${tag}`, `gpt-${tag}`],
  );
  const runId = await one(
    `INSERT INTO sync_runs (organization_id, provider_account_id, trigger, window_start, window_end, status) VALUES ($1, $2, 'manual', '2026-01-01', '2026-01-08', 'succeeded') RETURNING id`,
    [organizationId, accountId],
  );
  await ds.query(
    `INSERT INTO sync_log_entries (organization_id, run_id, level, message) VALUES ($1, $2, 'info', 'Sync succeeded')`,
    [organizationId, runId],
  );
  await ds.query('UPDATE workspaces SET display_name = $2 WHERE id = $1', [workspaceIds[0], `Renamed ${tag}`]);
  const nameChangeId = await one(
    `INSERT INTO workspace_name_changes (organization_id, workspace_id, old_name, new_name) VALUES ($1, $2, NULL, $3) RETURNING id`,
    [organizationId, workspaceIds[0], `Renamed ${tag}`],
  );
  const apiTokenId = await one(
    `INSERT INTO api_tokens (organization_id, name, token_hash, hint, expires_at)
     VALUES ($1, 'seeded', md5(random()::text), 'ssk_xxx...yyyy', now() + interval '90 days') RETURNING id`,
    [organizationId],
  );
  return {
    accountId,
    workspaceIds,
    apiKeyId,
    apiKeyHint,
    runId,
    nameChangeId,
    modelId: `openai:gpt-${tag}`,
    apiTokenId,
  };
}
