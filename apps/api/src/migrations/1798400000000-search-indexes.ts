import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes for searches whose matches are read first (issue 19; `withSearchMatches` passes the
 * values holding the term as array parameters, and a searched column no value matches gets no
 * condition at all):
 * - `cost_records (organization_id, api_key_hint, day)`. A term only key hints hold ("x14") is
 *   read from the records for a chart by day and at a window's edges; its one condition is on the
 *   hint, and without an index PostgreSQL read all 10 M records in parallel for 30 days of it
 *   (1.1 s), 4,400 of them kept. With it: 17 ms.
 * - `cost_rollup_workspace_models_monthly (organization_id, model, day)`. A search no key hint
 *   holds sums a period from the workspace × model rollup (`searchPeriodSql` in
 *   search-sources.ts), whose daily table has had its model index since
 *   SearchedCostOverTime1798300000000; without this one, a year of "model-17" read every monthly
 *   row (a parallel scan, 63 ms) to keep 2,800.
 */
export class SearchIndexes1798400000000 implements MigrationInterface {
  name = 'SearchIndexes1798400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX cost_records_api_key_hint_idx ON cost_records (organization_id, api_key_hint, day)');
    await q.query(`CREATE INDEX cost_rollup_workspace_models_monthly_model_idx
      ON cost_rollup_workspace_models_monthly (organization_id, model, day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cost_rollup_workspace_models_monthly_model_idx');
    await q.query('DROP INDEX cost_records_api_key_hint_idx');
  }
}
