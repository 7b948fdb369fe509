import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A record with any cost or usage (`is_active`). */
export const ACTIVE = '(c.cost <> 0 OR c.input_tokens > 0 OR c.output_tokens > 0 OR c.requests > 0 OR c.quantity > 0)';

/** The grain: every column a dashboard's text search looks at on a record is in it. */
export const GRAIN = [
  'workspace_external_id',
  'workspace_name',
  'api_key_external_id',
  'api_key_hint',
  'model',
  'unit',
] as const;

/** The search rollups' columns, in order. */
export const COLUMNS = `organization_id uuid NOT NULL, provider_account_id uuid NOT NULL, provider text NOT NULL, day date NOT NULL,
  workspace_external_id text, workspace_name text, api_key_external_id text, api_key_hint text, api_key_name text,
  model text NOT NULL, unit text,
  records bigint NOT NULL, cost numeric NOT NULL, credits_applied numeric NOT NULL,
  input_tokens numeric, output_tokens numeric, cached_input_tokens numeric, requests numeric, request_tokens numeric,
  quantity numeric, mix jsonb, is_active boolean NOT NULL, last_active_day date`;

const TABLES = ['cost_rollup_search_weekly', 'cost_rollup_search_monthly'] as const;

/** The summed image mix; `sum_cost_mix` (a function call per group) only where a row has one: most have none. */
export const mixOf = (t: string) =>
  `CASE WHEN bool_or(${t}.mix IS NOT NULL) THEN sum_cost_mix(array_agg(${t}.mix) FILTER (WHERE ${t}.mix IS NOT NULL)) END`;

/** The touched account-days' 7-day blocks, recomputed from the records (`month_block`: the coarse rollups' blocks). */
const BLOCKS = `
    DELETE FROM cost_rollup_search_weekly r USING unnest(accounts, days) p(a, d)
      WHERE r.provider_account_id = p.a AND r.day = month_block(p.d);
    INSERT INTO cost_rollup_search_weekly
    SELECT c.organization_id, c.provider_account_id, min(c.provider), month_block(c.day), ${GRAIN.slice(0, 4)
      .map((g) => `c.${g}`)
      .join(', ')},
      max(c.api_key_name), c.model, c.unit,
      count(*), sum(c.cost), sum(c.credits_applied), sum(c.input_tokens), sum(c.output_tokens), sum(c.cached_input_tokens),
      sum(c.requests),
      sum(coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0))
        FILTER (WHERE c.requests IS NOT NULL AND (c.input_tokens IS NOT NULL OR c.output_tokens IS NOT NULL)),
      sum(c.quantity), ${mixOf('c')},
      coalesce(bool_or(${ACTIVE}), false), max(c.day) FILTER (WHERE ${ACTIVE})
    FROM cost_records c
    JOIN (SELECT DISTINCT p.a, month_block(p.d) AS b FROM unnest(accounts, days) p(a, d)) t
      ON c.provider_account_id = t.a AND c.day >= t.b AND c.day < least(t.b + 7, (date_trunc('month', t.b) + interval '1 month')::date)
    GROUP BY c.organization_id, c.provider_account_id, month_block(c.day), ${GRAIN.map((g) => `c.${g}`).join(', ')};`;

/** The touched account-months, recomputed from their blocks. */
const MONTHS = `
    DELETE FROM cost_rollup_search_monthly r USING unnest(accounts, days) p(a, d)
      WHERE r.provider_account_id = p.a AND r.day = date_trunc('month', p.d)::date;
    INSERT INTO cost_rollup_search_monthly
    SELECT r.organization_id, r.provider_account_id, min(r.provider), date_trunc('month', r.day)::date,
      ${GRAIN.slice(0, 4)
        .map((g) => `r.${g}`)
        .join(', ')}, max(r.api_key_name), r.model, r.unit,
      sum(r.records), sum(r.cost), sum(r.credits_applied), sum(r.input_tokens), sum(r.output_tokens),
      sum(r.cached_input_tokens), sum(r.requests), sum(r.request_tokens), sum(r.quantity),
      ${mixOf('r')}, bool_or(r.is_active), max(r.last_active_day)
    FROM cost_rollup_search_weekly r
    JOIN (SELECT DISTINCT p.a, date_trunc('month', p.d)::date AS m FROM unnest(accounts, days) p(a, d)) t
      ON r.provider_account_id = t.a AND r.day >= t.m AND r.day < (t.m + interval '1 month')::date
    GROUP BY r.organization_id, r.provider_account_id, date_trunc('month', r.day)::date, ${GRAIN.map((g) => `r.${g}`).join(', ')};`;

/**
 * Rollups for text search (issue 19), in 7-day blocks and months at the grain of every column a
 * search looks at on a record (workspace id and name, key id and hint, model, unit), so a
 * searched dashboard over whole months and blocks sums these rows and reads only the days left
 * at the window's edges from cost_records: a year of a large organization's records (about 5M)
 * becomes about 15,000 rows a month. A search matches a row exactly when it matches each of its
 * records, so the sums are the records'.
 *
 * Kept exact like the others: `refresh_cost_rollups` (called by the statement triggers on
 * cost_records) becomes `refresh_dashboard_cost_rollups`, and the new one calls it, then
 * recomputes the touched blocks from the records and the touched months from their blocks, in
 * the same transaction. A TRUNCATE of cost_records empties them too.
 */
export class SearchCostRollups1797800000000 implements MigrationInterface {
  name = 'SearchCostRollups1797800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`CREATE TABLE ${table} (${COLUMNS},
        CONSTRAINT ${table}_account_fkey FOREIGN KEY (provider_account_id, organization_id)
          REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
      await q.query(`CREATE UNIQUE INDEX ${table}_grain_key ON ${table}
        (provider_account_id, day, ${GRAIN.join(', ')}) NULLS NOT DISTINCT`);
      await q.query(`CREATE INDEX ${table}_organization_id_day_idx ON ${table} (organization_id, day)`);
    }
    await q.query('ALTER FUNCTION refresh_cost_rollups(uuid[], date[]) RENAME TO refresh_dashboard_cost_rollups');
    await q.query(`CREATE FUNCTION refresh_cost_rollups(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_dashboard_cost_rollups(accounts, days);
        ${BLOCKS}
        ${MONTHS}
      END $$`);
    await q.query(`CREATE FUNCTION cost_records_truncate_search_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${TABLES.map((t) => `DELETE FROM ${t};`).join(' ')} RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER cost_records_search_rollups_truncate AFTER TRUNCATE ON cost_records
      FOR EACH STATEMENT EXECUTE FUNCTION cost_records_truncate_search_rollups()`);
    await q.query(`DO $$ DECLARE accounts uuid[]; days date[]; BEGIN
      SELECT array_agg(a), array_agg(d) INTO accounts, days
        FROM (SELECT DISTINCT provider_account_id AS a, month_block(day) AS d FROM cost_records) t;
      IF accounts IS NOT NULL THEN ${BLOCKS} ${MONTHS} END IF;
    END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER cost_records_search_rollups_truncate ON cost_records');
    await q.query('DROP FUNCTION cost_records_truncate_search_rollups()');
    await q.query('DROP FUNCTION refresh_cost_rollups(uuid[], date[])');
    await q.query('ALTER FUNCTION refresh_dashboard_cost_rollups(uuid[], date[]) RENAME TO refresh_cost_rollups');
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
