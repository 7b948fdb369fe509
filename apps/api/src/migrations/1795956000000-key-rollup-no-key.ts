import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sums of the cost-rollups migration, unchanged. */
const SUMS = `count(*), sum(c.cost), sum(c.credits_applied), sum(c.input_tokens), sum(c.output_tokens), sum(c.cached_input_tokens),
  sum(c.requests),
  sum(coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0))
    FILTER (WHERE c.requests IS NOT NULL AND (c.input_tokens IS NOT NULL OR c.output_tokens IS NOT NULL))`;

/** `refresh_cost_rollups`, with the key rollup limited by `keyCondition` (empty: every record). */
function refreshFunction(keyCondition: string): string {
  return `
    CREATE OR REPLACE FUNCTION refresh_cost_rollups(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM cost_rollup_workspace_models r USING unnest(accounts, days) p(a, d) WHERE r.provider_account_id = p.a AND r.day = p.d;
      DELETE FROM cost_rollup_keys r USING unnest(accounts, days) p(a, d) WHERE r.provider_account_id = p.a AND r.day = p.d;
      INSERT INTO cost_rollup_workspace_models
      SELECT c.organization_id, c.provider_account_id, min(c.provider), c.day, c.workspace_external_id, min(c.workspace_name), c.model, c.unit,
        ${SUMS}, sum(c.quantity), sum_cost_mix(array_agg(c.mix) FILTER (WHERE c.mix IS NOT NULL))
      FROM cost_records c JOIN unnest(accounts, days) p(a, d) ON c.provider_account_id = p.a AND c.day = p.d
      GROUP BY c.organization_id, c.provider_account_id, c.day, c.workspace_external_id, c.model, c.unit;
      INSERT INTO cost_rollup_keys
      SELECT c.organization_id, c.provider_account_id, min(c.provider), c.day, c.api_key_external_id, c.workspace_external_id,
        min(c.workspace_name), max(c.api_key_hint), max(c.api_key_name), ${SUMS},
        -- coalesce: a day of credits only (cost 0, no usage figures) is inactive, not NULL
        coalesce(bool_or(c.cost <> 0 OR c.input_tokens > 0 OR c.output_tokens > 0 OR c.requests > 0 OR c.quantity > 0), false)
      FROM cost_records c JOIN unnest(accounts, days) p(a, d) ON c.provider_account_id = p.a AND c.day = p.d
      ${keyCondition}
      GROUP BY c.organization_id, c.provider_account_id, c.day, c.api_key_external_id, c.workspace_external_id;
    END $$`;
}

/**
 * The key rollup also keeps spend with no key (`api_key_external_id` null), so the API keys
 * dashboard can show it as a "(no key attribution)" row and add up to the Providers total
 * instead of silently dropping account-level, Bedrock, Vertex and Azure spend.
 */
export class KeyRollupNoKey1795956000000 implements MigrationInterface {
  name = 'KeyRollupNoKey1795956000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cost_rollup_keys ALTER COLUMN api_key_external_id DROP NOT NULL');
    await q.query(refreshFunction(''));
    await q.query(`SELECT refresh_cost_rollups(array_agg(a), array_agg(d))
      FROM (SELECT DISTINCT provider_account_id AS a, day AS d FROM cost_records WHERE api_key_external_id IS NULL) touched`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(refreshFunction('WHERE c.api_key_external_id IS NOT NULL'));
    await q.query('DELETE FROM cost_rollup_keys WHERE api_key_external_id IS NULL');
    await q.query('ALTER TABLE cost_rollup_keys ALTER COLUMN api_key_external_id SET NOT NULL');
  }
}
