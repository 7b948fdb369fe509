import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sums kept per rollup row; `request_tokens` are the tokens of records that report requests. */
const SUMS = `count(*), sum(c.cost), sum(c.credits_applied), sum(c.input_tokens), sum(c.output_tokens), sum(c.cached_input_tokens),
  sum(c.requests),
  sum(coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0))
    FILTER (WHERE c.requests IS NOT NULL AND (c.input_tokens IS NOT NULL OR c.output_tokens IS NOT NULL))`;

/**
 * Daily rollups of cost_records for the dashboards (DESIGN.md §6), kept exact by statement
 * triggers: every INSERT (COPY included), DELETE or UPDATE on cost_records recomputes the rollup
 * rows of each (account, day) it touched from cost_records itself, in the same transaction. The
 * replace-partition writer touches whole account-days, so a recompute reads a few hundred rows;
 * no row is ever adjusted by subtraction, so a rollup is always the plain GROUP BY of its days.
 * - cost_rollup_workspace_models: (account, day, workspace, model, unit) — Providers, Models,
 *   Workspaces and cost over time.
 * - cost_rollup_keys: (account, day, key, workspace) — API keys.
 * Queries with a text search read cost_records (a search can match a model or key hint that a
 * rollup has summed away). `sum_cost_mix` adds up image mixes (counts by size, source…).
 */
export class CostRollups1795867200000 implements MigrationInterface {
  name = 'CostRollups1795867200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cost_rollup_workspace_models (
        organization_id uuid NOT NULL, provider_account_id uuid NOT NULL, provider text NOT NULL, day date NOT NULL,
        workspace_external_id text, workspace_name text, model text NOT NULL, unit text,
        records bigint NOT NULL, cost numeric NOT NULL, credits_applied numeric NOT NULL,
        input_tokens numeric, output_tokens numeric, cached_input_tokens numeric, requests numeric, request_tokens numeric,
        quantity numeric, mix jsonb,
        CONSTRAINT cost_rollup_workspace_models_provider_account_id_organization_id_fkey FOREIGN KEY (provider_account_id, organization_id)
          REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX cost_rollup_workspace_models_grain_key ON cost_rollup_workspace_models
      (provider_account_id, day, workspace_external_id, model, unit) NULLS NOT DISTINCT`);
    await q.query(
      'CREATE INDEX cost_rollup_workspace_models_organization_id_day_idx ON cost_rollup_workspace_models (organization_id, day)',
    );
    await q.query(`
      CREATE TABLE cost_rollup_keys (
        organization_id uuid NOT NULL, provider_account_id uuid NOT NULL, provider text NOT NULL, day date NOT NULL,
        api_key_external_id text NOT NULL, workspace_external_id text, workspace_name text, api_key_hint text, api_key_name text,
        records bigint NOT NULL, cost numeric NOT NULL, credits_applied numeric NOT NULL,
        input_tokens numeric, output_tokens numeric, cached_input_tokens numeric, requests numeric, request_tokens numeric,
        is_active boolean NOT NULL,
        CONSTRAINT cost_rollup_keys_provider_account_id_organization_id_fkey FOREIGN KEY (provider_account_id, organization_id)
          REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX cost_rollup_keys_grain_key ON cost_rollup_keys
      (provider_account_id, day, api_key_external_id, workspace_external_id) NULLS NOT DISTINCT`);
    await q.query('CREATE INDEX cost_rollup_keys_organization_id_day_idx ON cost_rollup_keys (organization_id, day)');
    await this.createFunctions(q);
    await q.query(`SELECT refresh_cost_rollups(array_agg(a), array_agg(d))
      FROM (SELECT DISTINCT provider_account_id AS a, day AS d FROM cost_records) touched`);
  }

  private async createFunctions(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION sum_cost_mix(mixes jsonb[]) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_object_agg(dimension, counts) FROM (
          SELECT dimension, jsonb_object_agg(value, n) AS counts FROM (
            SELECT d.key AS dimension, v.key AS value, sum((v.value)::numeric) AS n
            FROM unnest(mixes) m(mix)
            CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(m.mix) = 'object' THEN m.mix ELSE '{}'::jsonb END) d
            CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(d.value) = 'object' THEN d.value ELSE '{}'::jsonb END) v
            WHERE jsonb_typeof(v.value) = 'number'
            GROUP BY 1, 2) per_value
          GROUP BY dimension) per_dimension
      $$`);
    await q.query(`
      CREATE FUNCTION refresh_cost_rollups(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
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
          bool_or(c.cost <> 0 OR c.input_tokens > 0 OR c.output_tokens > 0 OR c.requests > 0 OR c.quantity > 0)
        FROM cost_records c JOIN unnest(accounts, days) p(a, d) ON c.provider_account_id = p.a AND c.day = p.d
        WHERE c.api_key_external_id IS NOT NULL
        GROUP BY c.organization_id, c.provider_account_id, c.day, c.api_key_external_id, c.workspace_external_id;
      END $$`);
    await q.query(`
      CREATE FUNCTION cost_records_refresh_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE accounts uuid[]; days date[];
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM cost_rollup_workspace_models;
          DELETE FROM cost_rollup_keys;
          RETURN NULL;
        ELSIF TG_OP = 'INSERT' THEN
          SELECT array_agg(a), array_agg(d) INTO accounts, days FROM (SELECT DISTINCT provider_account_id AS a, day AS d FROM new_rows) t;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(a), array_agg(d) INTO accounts, days FROM (SELECT DISTINCT provider_account_id AS a, day AS d FROM old_rows) t;
        ELSE
          SELECT array_agg(a), array_agg(d) INTO accounts, days FROM (
            SELECT provider_account_id AS a, day AS d FROM old_rows UNION SELECT provider_account_id, day FROM new_rows) t;
        END IF;
        IF accounts IS NOT NULL THEN PERFORM refresh_cost_rollups(accounts, days); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER cost_records_rollups_insert AFTER INSERT ON cost_records
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_records_refresh_rollups()`);
    await q.query(`CREATE TRIGGER cost_records_rollups_delete AFTER DELETE ON cost_records
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_records_refresh_rollups()`);
    await q.query(`CREATE TRIGGER cost_records_rollups_update AFTER UPDATE ON cost_records
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_records_refresh_rollups()`);
    await q.query(`CREATE TRIGGER cost_records_rollups_truncate AFTER TRUNCATE ON cost_records
      FOR EACH STATEMENT EXECUTE FUNCTION cost_records_refresh_rollups()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const trigger of ['insert', 'delete', 'update', 'truncate'])
      await q.query(`DROP TRIGGER cost_records_rollups_${trigger} ON cost_records`);
    await q.query('DROP FUNCTION cost_records_refresh_rollups()');
    await q.query('DROP FUNCTION refresh_cost_rollups(uuid[], date[])');
    await q.query('DROP FUNCTION sum_cost_mix(jsonb[])');
    await q.query('DROP TABLE cost_rollup_keys');
    await q.query('DROP TABLE cost_rollup_workspace_models');
  }
}
