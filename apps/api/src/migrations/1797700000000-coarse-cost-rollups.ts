import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sums every rollup row keeps, as sums of the finer rollup's sums. */
const SUMMED = `sum(r.records), sum(r.cost), sum(r.credits_applied), sum(r.input_tokens), sum(r.output_tokens),
  sum(r.cached_input_tokens), sum(r.requests), sum(r.request_tokens), sum(r.quantity)`;

const MEASURES = `records bigint NOT NULL, cost numeric NOT NULL, credits_applied numeric NOT NULL,
  input_tokens numeric, output_tokens numeric, cached_input_tokens numeric, requests numeric, request_tokens numeric, quantity numeric`;

/**
 * Each coarse rollup: the finer daily rollup it is summed from, the columns it keeps besides
 * (organization, account, provider, day) and the measures, and how those are computed.
 */
const COARSE = [
  {
    table: 'cost_rollup_models',
    from: 'cost_rollup_workspace_models',
    columns: 'model text NOT NULL, unit text',
    grain: ['model', 'unit'],
    select: 'r.model, r.unit',
    extraColumn: ', mix jsonb',
    extra: ', sum_cost_mix(array_agg(r.mix) FILTER (WHERE r.mix IS NOT NULL))',
  },
  {
    table: 'cost_rollup_workspaces',
    from: 'cost_rollup_workspace_models',
    columns: 'workspace_external_id text, workspace_name text',
    grain: ['workspace_external_id'],
    select: 'r.workspace_external_id, min(r.workspace_name)',
    extraColumn: '',
    extra: '',
  },
  {
    table: 'cost_rollup_accounts',
    from: 'cost_rollup_models',
    columns: '',
    grain: [],
    select: '',
    extraColumn: '',
    extra: '',
  },
] as const;

type Coarse = (typeof COARSE)[number];

/** `SELECT` of `c`'s rows from `source` (its finer rollup, daily or monthly), `day` as `dayExpression`, joined by `touched`. */
function rollupSelect(c: Coarse, source: string, dayExpression: string, touched: string): string {
  const keys = ['r.organization_id', 'r.provider_account_id', dayExpression, ...c.grain.map((g) => `r.${g}`)];
  return `SELECT r.organization_id, r.provider_account_id, min(r.provider), ${dayExpression}${c.select ? `, ${c.select}` : ''},
      ${SUMMED}${c.extra}
    FROM ${source} r ${touched}
    GROUP BY ${keys.join(', ')}`;
}

/**
 * The key rollup's 7-day blocks (`cost_rollup_keys_weekly`): each month cut into blocks starting
 * on its 1st, 8th, 15th, 22nd and 29th (the last one 1–3 days long), `day` the block's first day,
 * summed from the daily key rows, with `last_active_day` as the monthly table keeps it.
 */
const KEY_BLOCKS = `
    DELETE FROM cost_rollup_keys_weekly r USING unnest(accounts, days) p(a, d)
      WHERE r.provider_account_id = p.a AND r.day = month_block(p.d);
    INSERT INTO cost_rollup_keys_weekly
    SELECT r.organization_id, r.provider_account_id, min(r.provider), month_block(r.day), r.api_key_external_id,
      r.workspace_external_id, min(r.workspace_name), max(r.api_key_hint), max(r.api_key_name),
      sum(r.records), sum(r.cost), sum(r.credits_applied), sum(r.input_tokens), sum(r.output_tokens),
      sum(r.cached_input_tokens), sum(r.requests), sum(r.request_tokens), bool_or(r.is_active), max(r.day) FILTER (WHERE r.is_active)
    FROM cost_rollup_keys r
    JOIN (SELECT DISTINCT p.a, month_block(p.d) AS b FROM unnest(accounts, days) p(a, d)) t
      ON r.provider_account_id = t.a AND r.day >= t.b AND r.day < least(t.b + 7, (date_trunc('month', t.b) + interval '1 month')::date)
    GROUP BY r.organization_id, r.provider_account_id, month_block(r.day), r.api_key_external_id, r.workspace_external_id;`;

/** Recomputes the coarse rows of the touched account-days, then of their account-months (never by subtraction). */
const REFRESH = `
  CREATE FUNCTION refresh_cost_rollups(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE month_accounts uuid[]; months date[];
  BEGIN
    PERFORM refresh_fine_cost_rollups(accounts, days);
    SELECT array_agg(a), array_agg(m) INTO month_accounts, months
      FROM (SELECT DISTINCT p.a, date_trunc('month', p.d)::date AS m FROM unnest(accounts, days) p(a, d)) t;
    ${COARSE.map(
      (c) => `
    DELETE FROM ${c.table} r USING unnest(accounts, days) p(a, d) WHERE r.provider_account_id = p.a AND r.day = p.d;
    INSERT INTO ${c.table} ${rollupSelect(c, c.from, 'r.day', 'JOIN unnest(accounts, days) p(a, d) ON r.provider_account_id = p.a AND r.day = p.d')};
    DELETE FROM ${c.table}_monthly r USING unnest(month_accounts, months) p(a, m) WHERE r.provider_account_id = p.a AND r.day = p.m;
    INSERT INTO ${c.table}_monthly ${rollupSelect(
      c,
      c.table,
      "date_trunc('month', r.day)::date",
      `JOIN unnest(month_accounts, months) p(a, m)
      ON r.provider_account_id = p.a AND r.day >= p.m AND r.day < (p.m + interval '1 month')::date`,
    )};`,
    ).join('')}
    ${KEY_BLOCKS}
  END $$`;

const TABLES = [...COARSE.flatMap((c) => [c.table, `${c.table}_monthly`]), 'cost_rollup_keys_weekly'];

/**
 * Coarser rollups (issue 19), daily and monthly: (account, day, model, unit) for the Models
 * dashboard, (account, day, workspace) for the Workspaces dashboard, and (account, day) for the
 * Providers dashboard and cost over time by provider. In the large organization of `bench:api`
 * a day holds about 13,700 records and as many (workspace, model) rows, but only ~300 model rows,
 * ~400 workspace rows and 9 account rows, so a year's dashboard sums thousands of rows, not
 * hundreds of thousands. A dashboard reads the coarsest rollup that still has the columns its
 * grouping and filter need (a workspace filter needs the workspace; a search reads the records).
 *
 * They stay exact the way the finer ones do: the old `refresh_cost_rollups` becomes
 * `refresh_fine_cost_rollups`, and the new one calls it, then recomputes the touched account-days
 * of each coarse rollup from its finer daily rollup and the touched account-months from its own
 * daily rows, in the statement trigger's transaction. A TRUNCATE of cost_records empties them too.
 *
 * The API keys dashboard sums one row per key and day (5,000 a day there): a 30-day window that
 * is not whole months read 150,000 daily rows. The key rollup's 7-day blocks (KEY_BLOCKS) leave
 * at most six days at each edge of a window's part of a month: about 8 rows per key instead of 30.
 */
export class CoarseCostRollups1797700000000 implements MigrationInterface {
  name = 'CoarseCostRollups1797700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const c of COARSE) {
      const grain = ['provider_account_id', 'day', ...c.grain].join(', ');
      for (const table of [c.table, `${c.table}_monthly`]) {
        await q.query(`CREATE TABLE ${table} (
          organization_id uuid NOT NULL, provider_account_id uuid NOT NULL, provider text NOT NULL, day date NOT NULL,
          ${c.columns ? `${c.columns},` : ''} ${MEASURES}${c.extraColumn},
          CONSTRAINT ${table}_account_fkey FOREIGN KEY (provider_account_id, organization_id)
            REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
        await q.query(`CREATE UNIQUE INDEX ${table}_grain_key ON ${table} (${grain}) NULLS NOT DISTINCT`);
        await q.query(`CREATE INDEX ${table}_organization_id_day_idx ON ${table} (organization_id, day)`);
      }
    }
    await q.query(`CREATE FUNCTION month_block(d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN (date_trunc('month', d)::date + (extract(day FROM d)::int - 1) / 7 * 7)`);
    await q.query(`CREATE TABLE cost_rollup_keys_weekly (LIKE cost_rollup_keys_monthly INCLUDING DEFAULTS,
      CONSTRAINT cost_rollup_keys_weekly_account_fkey FOREIGN KEY (provider_account_id, organization_id)
        REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
    await q.query(`CREATE UNIQUE INDEX cost_rollup_keys_weekly_grain_key ON cost_rollup_keys_weekly
      (provider_account_id, day, api_key_external_id, workspace_external_id) NULLS NOT DISTINCT`);
    await q.query(
      'CREATE INDEX cost_rollup_keys_weekly_organization_id_day_idx ON cost_rollup_keys_weekly (organization_id, day)',
    );
    await q.query('ALTER FUNCTION refresh_cost_rollups(uuid[], date[]) RENAME TO refresh_fine_cost_rollups');
    await q.query(REFRESH);
    await q.query(`CREATE FUNCTION cost_records_truncate_coarse_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${TABLES.map((t) => `DELETE FROM ${t};`).join(' ')} RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER cost_records_coarse_rollups_truncate AFTER TRUNCATE ON cost_records
      FOR EACH STATEMENT EXECUTE FUNCTION cost_records_truncate_coarse_rollups()`);
    for (const c of COARSE) {
      await q.query(`INSERT INTO ${c.table} ${rollupSelect(c, c.from, 'r.day', '')}`);
      await q.query(
        `INSERT INTO ${c.table}_monthly ${rollupSelect(c, c.table, "date_trunc('month', r.day)::date", '')}`,
      );
    }
    await q.query(`DO $$ DECLARE accounts uuid[]; days date[]; BEGIN
      SELECT array_agg(a), array_agg(d) INTO accounts, days FROM (SELECT DISTINCT provider_account_id AS a, day AS d FROM cost_rollup_keys) t;
      IF accounts IS NOT NULL THEN ${KEY_BLOCKS} END IF;
    END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER cost_records_coarse_rollups_truncate ON cost_records');
    await q.query('DROP FUNCTION cost_records_truncate_coarse_rollups()');
    await q.query('DROP FUNCTION refresh_cost_rollups(uuid[], date[])');
    await q.query('ALTER FUNCTION refresh_fine_cost_rollups(uuid[], date[]) RENAME TO refresh_cost_rollups');
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
    await q.query('DROP FUNCTION month_block(date)');
  }
}
