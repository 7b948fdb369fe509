import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A model index on the monthly workspace × model rollup (issue 19). A search no key hint holds is
 * summed for a period from the workspace × model rollup (`searchPeriodSql` in
 * dashboard-sources.ts), a quarter of the search rollup's rows per month, narrowed by the values
 * holding the term on model and workspace name. The daily table has had its model index since
 * SearchedCostOverTime1798300000000, and both tables their workspace indexes since
 * WorkspaceModelIndexes1798100000000; without this one, a year of "model-17" at 10 M records read
 * every monthly row (a parallel scan, 63 ms) to keep 2,800.
 */
export class SearchedPeriodIndex1798400000000 implements MigrationInterface {
  name = 'SearchedPeriodIndex1798400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cost_rollup_workspace_models_monthly_model_idx
      ON cost_rollup_workspace_models_monthly (organization_id, model, day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cost_rollup_workspace_models_monthly_model_idx');
  }
}
