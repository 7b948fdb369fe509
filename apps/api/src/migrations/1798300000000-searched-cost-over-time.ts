import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTIVE, COLUMNS, GRAIN, mixOf } from './1797800000000-search-cost-rollups';

const TABLE = 'cost_rollup_search_iso_weekly';

/** The daily workspace × model rollup. */
const MODELS = 'cost_rollup_workspace_models';

/** The daily workspace rollup. */
const WORKSPACES = 'cost_rollup_workspaces';

/** The searched columns (`search_values.field`): each gets the btree index the search prefilter reads. */
const FIELDS = ['model', 'api_key_hint', 'workspace_name', 'workspace_external_id'] as const;

/** The Monday starting a record's ISO week (what the cost chart's week buckets are). */
const WEEK_OF = (day: string) => `date_trunc('week', ${day}::timestamp)::date`;

/** The records of `from` (aliased `c`) summed per account, ISO week and search grain, in the table's column order. */
const summed = (from: string) => `
    SELECT c.organization_id, c.provider_account_id, min(c.provider), ${WEEK_OF('c.day')},
      ${GRAIN.slice(0, 4)
        .map((g) => `c.${g}`)
        .join(', ')}, max(c.api_key_name), c.model, c.unit,
      count(*), sum(c.cost), sum(c.credits_applied), sum(c.input_tokens), sum(c.output_tokens), sum(c.cached_input_tokens),
      sum(c.requests),
      sum(coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0))
        FILTER (WHERE c.requests IS NOT NULL AND (c.input_tokens IS NOT NULL OR c.output_tokens IS NOT NULL)),
      sum(c.quantity), ${mixOf('c')},
      coalesce(bool_or(${ACTIVE}), false), max(c.day) FILTER (WHERE ${ACTIVE})
    FROM ${from}
    GROUP BY c.organization_id, c.provider_account_id, ${WEEK_OF('c.day')}, ${GRAIN.map((g) => `c.${g}`).join(', ')}`;

/** The touched account-days' ISO weeks, recomputed from the records. */
const REFRESH = `
    DELETE FROM ${TABLE} r USING unnest(accounts, days) p(a, d)
      WHERE r.provider_account_id = p.a AND r.day = ${WEEK_OF('p.d')};
    INSERT INTO ${TABLE} ${summed(`cost_records c
      JOIN (SELECT DISTINCT p.a, ${WEEK_OF('p.d')} AS w FROM unnest(accounts, days) p(a, d)) t
        ON c.provider_account_id = t.a AND c.day >= t.w AND c.day < t.w + 7`)};`;

/**
 * Cost over time under a text search (issue 19), which read every record of its window: no search
 * rollup was daily, and the search rollup's 7-day blocks (from the 1st, 8th, 15th, 22nd and 29th)
 * are not the chart's weeks (Monday to Sunday). A year by week at 10 M records read about 5 M
 * records (1.3–1.6 s), 30 days by day about 400,000 (0.10–0.16 s).
 *
 * - `cost_rollup_search_iso_weekly`: the search rollup's rows per ISO week (`day` its Monday), so
 *   a searched chart by week sums whole weeks here, narrowed by the search prefilter through a
 *   btree index per searched column (as the other search rollups), and reads only the days left at
 *   the window's edges from the records (`sourceSql`). Kept exact like the others:
 *   `refresh_cost_rollups` becomes `refresh_block_cost_rollups`, and the new one calls it, then
 *   recomputes the touched account-weeks from the records, in the same transaction. A TRUNCATE of
 *   cost_records empties it too.
 * - An index on the daily workspace × model rollup's model: a searched chart by day reads that
 *   rollup when no key hint holds the term (`searchDaysSql`), its rows found through the model,
 *   workspace name and workspace id indexes.
 * - The workspace id and name indexes on the daily workspace rollup, which the chart reads under a
 *   workspace filter, as the workspace × model rollup has them (WorkspaceModelIndexes1798100000000):
 *   a year by week for one of 400 workspaces read the whole table (290,000 rows, 83 ms) to keep 3,285.
 */
export class SearchedCostOverTime1798300000000 implements MigrationInterface {
  name = 'SearchedCostOverTime1798300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ${TABLE} (${COLUMNS},
      CONSTRAINT ${TABLE}_account_fkey FOREIGN KEY (provider_account_id, organization_id)
        REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
    await q.query(`INSERT INTO ${TABLE} ${summed('cost_records c')}`);
    await q.query(`CREATE UNIQUE INDEX ${TABLE}_grain_key ON ${TABLE}
      (provider_account_id, day, ${GRAIN.join(', ')}) NULLS NOT DISTINCT`);
    for (const field of FIELDS) {
      await q.query(`CREATE INDEX ${TABLE}_${field}_idx ON ${TABLE} (organization_id, ${field}, day)`);
    }
    await q.query(`CREATE INDEX ${MODELS}_model_idx ON ${MODELS} (organization_id, model, day)`);
    await q.query(
      `CREATE INDEX ${WORKSPACES}_workspace_idx ON ${WORKSPACES} (organization_id, workspace_external_id, day)`,
    );
    await q.query(
      `CREATE INDEX ${WORKSPACES}_workspace_name_idx ON ${WORKSPACES} (organization_id, workspace_name, day)`,
    );
    await q.query('ALTER FUNCTION refresh_cost_rollups(uuid[], date[]) RENAME TO refresh_block_cost_rollups');
    await q.query(`CREATE FUNCTION refresh_cost_rollups(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_block_cost_rollups(accounts, days);
        ${REFRESH}
      END $$`);
    await q.query(`CREATE FUNCTION cost_records_truncate_iso_week_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN DELETE FROM ${TABLE}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER cost_records_iso_week_rollup_truncate AFTER TRUNCATE ON cost_records
      FOR EACH STATEMENT EXECUTE FUNCTION cost_records_truncate_iso_week_rollup()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER cost_records_iso_week_rollup_truncate ON cost_records');
    await q.query('DROP FUNCTION cost_records_truncate_iso_week_rollup()');
    await q.query('DROP FUNCTION refresh_cost_rollups(uuid[], date[])');
    await q.query('ALTER FUNCTION refresh_block_cost_rollups(uuid[], date[]) RENAME TO refresh_cost_rollups');
    await q.query(`DROP INDEX ${WORKSPACES}_workspace_name_idx`);
    await q.query(`DROP INDEX ${WORKSPACES}_workspace_idx`);
    await q.query(`DROP INDEX ${MODELS}_model_idx`);
    await q.query(`DROP TABLE ${TABLE}`);
  }
}
