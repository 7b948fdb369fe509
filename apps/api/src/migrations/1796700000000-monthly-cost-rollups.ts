import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sums of the cost-rollups migration, unchanged (daily rows from cost_records). */
const SUMS = `count(*), sum(c.cost), sum(c.credits_applied), sum(c.input_tokens), sum(c.output_tokens), sum(c.cached_input_tokens),
  sum(c.requests),
  sum(coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0))
    FILTER (WHERE c.requests IS NOT NULL AND (c.input_tokens IS NOT NULL OR c.output_tokens IS NOT NULL))`;

/** Monthly rows from daily rows: sums of sums (a sum is null only when every record's figure is). */
const MONTHLY_SUMS = `sum(r.records), sum(r.cost), sum(r.credits_applied), sum(r.input_tokens), sum(r.output_tokens),
  sum(r.cached_input_tokens), sum(r.requests), sum(r.request_tokens)`;

/** Daily rows of `accounts` × `days` (or of every day when `touched` is the whole table) rolled up by month. */
function monthlyInserts(touched: string): string {
  return `
    INSERT INTO cost_rollup_workspace_models_monthly
    SELECT r.organization_id, r.provider_account_id, min(r.provider), date_trunc('month', r.day)::date, r.workspace_external_id,
      min(r.workspace_name), r.model, r.unit, ${MONTHLY_SUMS}, sum(r.quantity), sum_cost_mix(array_agg(r.mix) FILTER (WHERE r.mix IS NOT NULL))
    FROM cost_rollup_workspace_models r ${touched}
    GROUP BY r.organization_id, r.provider_account_id, date_trunc('month', r.day), r.workspace_external_id, r.model, r.unit;
    INSERT INTO cost_rollup_keys_monthly
    SELECT r.organization_id, r.provider_account_id, min(r.provider), date_trunc('month', r.day)::date, r.api_key_external_id,
      r.workspace_external_id, min(r.workspace_name), max(r.api_key_hint), max(r.api_key_name), ${MONTHLY_SUMS},
      bool_or(r.is_active), max(r.day) FILTER (WHERE r.is_active)
    FROM cost_rollup_keys r ${touched}
    GROUP BY r.organization_id, r.provider_account_id, date_trunc('month', r.day), r.api_key_external_id, r.workspace_external_id;`;
}

/** The daily part of `refresh_cost_rollups` as the key-rollup-no-key migration left it. */
const DAILY_REFRESH = `
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
        coalesce(bool_or(c.cost <> 0 OR c.input_tokens > 0 OR c.output_tokens > 0 OR c.requests > 0 OR c.quantity > 0), false)
      FROM cost_records c JOIN unnest(accounts, days) p(a, d) ON c.provider_account_id = p.a AND c.day = p.d
      GROUP BY c.organization_id, c.provider_account_id, c.day, c.api_key_external_id, c.workspace_external_id;`;

/** `refresh_cost_rollups`: the daily rows of the touched account-days, then the monthly rows of their account-months. */
const REFRESH_WITH_MONTHS = `
    CREATE OR REPLACE FUNCTION refresh_cost_rollups(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE month_accounts uuid[]; months date[];
    BEGIN
      ${DAILY_REFRESH}
      SELECT array_agg(a), array_agg(m) INTO month_accounts, months
        FROM (SELECT DISTINCT p.a, date_trunc('month', p.d)::date AS m FROM unnest(accounts, days) p(a, d)) t;
      DELETE FROM cost_rollup_workspace_models_monthly r USING unnest(month_accounts, months) p(a, m)
        WHERE r.provider_account_id = p.a AND r.day = p.m;
      DELETE FROM cost_rollup_keys_monthly r USING unnest(month_accounts, months) p(a, m)
        WHERE r.provider_account_id = p.a AND r.day = p.m;
      ${monthlyInserts(`JOIN unnest(month_accounts, months) p(a, m)
        ON r.provider_account_id = p.a AND r.day >= p.m AND r.day < (p.m + interval '1 month')::date`)}
    END $$`;

const REFRESH_DAILY_ONLY = `
    CREATE OR REPLACE FUNCTION refresh_cost_rollups(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      ${DAILY_REFRESH}
    END $$`;

/** The trigger function of the cost-rollups migration; TRUNCATE also empties `extraTables`. */
function triggerFunction(extraTables: readonly string[]): string {
  return `
    CREATE OR REPLACE FUNCTION cost_records_refresh_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE accounts uuid[]; days date[];
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM cost_rollup_workspace_models;
        DELETE FROM cost_rollup_keys;
        ${extraTables.map((t) => `DELETE FROM ${t};`).join('\n        ')}
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
    END $$`;
}

const MONTHLY_TABLES = ['cost_rollup_workspace_models_monthly', 'cost_rollup_keys_monthly'] as const;

/**
 * Monthly rollups (issue 19): a year's window reads about 24 monthly rows per (account, workspace,
 * model, unit) or key instead of 730 daily ones. `day` is the month's first day. The same statement
 * triggers keep them exact: after recomputing the touched account-days from cost_records,
 * `refresh_cost_rollups` recomputes each touched account-month from the daily rollup (never by
 * subtraction), in the same transaction. Dashboards read whole months inside a window from these
 * and the days at its edges from the daily rollups. `cost_rollup_keys_monthly.last_active_day` is
 * the month's last day with any cost or usage (what `is_active` tells for a daily row).
 * Also a partial index on the records with refunds, discounts or a billing currency: at 10M
 * records the Providers dashboard's scan of them read every record of the period (7 s p95).
 */
export class MonthlyCostRollups1796700000000 implements MigrationInterface {
  name = 'MonthlyCostRollups1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cost_rollup_workspace_models_monthly (LIKE cost_rollup_workspace_models INCLUDING DEFAULTS,
      CONSTRAINT cost_rollup_workspace_models_monthly_account_fkey FOREIGN KEY (provider_account_id, organization_id)
        REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
    await q.query(`CREATE UNIQUE INDEX cost_rollup_workspace_models_monthly_grain_key ON cost_rollup_workspace_models_monthly
      (provider_account_id, day, workspace_external_id, model, unit) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX cost_rollup_workspace_models_monthly_organization_id_day_idx
      ON cost_rollup_workspace_models_monthly (organization_id, day)`);
    await q.query(`CREATE TABLE cost_rollup_keys_monthly (LIKE cost_rollup_keys INCLUDING DEFAULTS, last_active_day date,
      CONSTRAINT cost_rollup_keys_monthly_account_fkey FOREIGN KEY (provider_account_id, organization_id)
        REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
    await q.query(`CREATE UNIQUE INDEX cost_rollup_keys_monthly_grain_key ON cost_rollup_keys_monthly
      (provider_account_id, day, api_key_external_id, workspace_external_id) NULLS NOT DISTINCT`);
    await q.query(
      'CREATE INDEX cost_rollup_keys_monthly_organization_id_day_idx ON cost_rollup_keys_monthly (organization_id, day)',
    );
    await q.query(REFRESH_WITH_MONTHS);
    await q.query(triggerFunction(MONTHLY_TABLES));
    await q.query(`DO $$ BEGIN ${monthlyInserts('')} END $$`);
    // The Providers dashboard reads refunds, discounts and billing currencies from the few records that have any.
    await q.query(`CREATE INDEX cost_records_adjustments_idx ON cost_records (organization_id, day)
      WHERE refunds <> 0 OR discounts <> 0 OR billing_currency IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cost_records_adjustments_idx');
    await q.query(REFRESH_DAILY_ONLY);
    await q.query(triggerFunction([]));
    for (const table of MONTHLY_TABLES) await q.query(`DROP TABLE ${table}`);
  }
}
