import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'cost_rollup_workspace_models_iso_weekly';

/** The Monday starting a day's ISO week (the cost chart's week buckets). */
const WEEK_OF = (day: string) => `date_trunc('week', ${day}::timestamp)::date`;

/** The daily workspace × model rows of `touched` (aliased `r`) summed per ISO week, in the table's column order. */
const summed = (touched: string) => `
    SELECT r.organization_id, r.provider_account_id, min(r.provider), ${WEEK_OF('r.day')}, r.workspace_external_id,
      min(r.workspace_name), r.model, r.unit, sum(r.records), sum(r.cost), sum(r.credits_applied), sum(r.input_tokens),
      sum(r.output_tokens), sum(r.cached_input_tokens), sum(r.requests), sum(r.request_tokens), sum(r.quantity),
      sum_cost_mix(array_agg(r.mix) FILTER (WHERE r.mix IS NOT NULL))
    FROM cost_rollup_workspace_models r ${touched}
    GROUP BY r.organization_id, r.provider_account_id, ${WEEK_OF('r.day')}, r.workspace_external_id, r.model, r.unit`;

/** The touched account-days' ISO weeks, recomputed from the daily rows (refreshed just before). */
const REFRESH = `
    DELETE FROM ${TABLE} r USING unnest(accounts, days) p(a, d)
      WHERE r.provider_account_id = p.a AND r.day = ${WEEK_OF('p.d')};
    INSERT INTO ${TABLE} ${summed(`JOIN (SELECT DISTINCT p.a, ${WEEK_OF('p.d')} AS w FROM unnest(accounts, days) p(a, d)) t
      ON r.provider_account_id = t.a AND r.day >= t.w AND r.day < t.w + 7`)};`;

/**
 * The workspace × model rollup by ISO week (issue 19), `day` the week's Monday, summed from its
 * daily rows, with the daily and monthly tables' indexes for the search prefilter (model,
 * workspace id and name).
 *
 * A search whose matches were read sums the records whose workspace or model holds the term from
 * the workspace × model rollup (`searchPeriodSql`), whose days left at a window's edges were
 * daily rows: the month a 365-day window's earlier period ends in (December 1st to 30th) read
 * 118,000 of them at 10 M records to keep 19,000 of a term held by one provider (30 ms of its
 * 105). Read as the whole ISO weeks inside those days and the few days left, it reads a quarter
 * as many. The cost chart by week under such a search read the search rollup's ISO weeks (1.6 M
 * rows, four times as many as these per week; a year of that term: 240 ms in them); it now reads
 * these for the same part. Kept exact like the others: `refresh_cost_rollups` becomes
 * `refresh_searched_cost_rollups`, and the new one calls it, then recomputes the touched
 * account-weeks from the daily rows, in the same transaction. A TRUNCATE of cost_records empties
 * it too.
 */
export class WorkspaceModelIsoWeeks1798600000000 implements MigrationInterface {
  name = 'WorkspaceModelIsoWeeks1798600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ${TABLE} (LIKE cost_rollup_workspace_models_monthly INCLUDING DEFAULTS,
      CONSTRAINT ${TABLE}_account_fkey FOREIGN KEY (provider_account_id, organization_id)
        REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
    await q.query(`INSERT INTO ${TABLE} ${summed('')}`);
    await q.query(`CREATE UNIQUE INDEX ${TABLE}_grain_key ON ${TABLE}
      (provider_account_id, day, workspace_external_id, model, unit) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX ${TABLE}_organization_id_day_idx ON ${TABLE} (organization_id, day)`);
    for (const column of ['model', 'workspace_external_id', 'workspace_name']) {
      await q.query(`CREATE INDEX ${TABLE}_${column}_idx ON ${TABLE} (organization_id, ${column}, day)`);
    }
    await q.query('ALTER FUNCTION refresh_cost_rollups(uuid[], date[]) RENAME TO refresh_searched_cost_rollups');
    await q.query(`CREATE FUNCTION refresh_cost_rollups(accounts uuid[], days date[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_searched_cost_rollups(accounts, days);
        ${REFRESH}
      END $$`);
    await q.query(`CREATE FUNCTION cost_records_truncate_workspace_model_weeks() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN DELETE FROM ${TABLE}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER cost_records_workspace_model_weeks_truncate AFTER TRUNCATE ON cost_records
      FOR EACH STATEMENT EXECUTE FUNCTION cost_records_truncate_workspace_model_weeks()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER cost_records_workspace_model_weeks_truncate ON cost_records');
    await q.query('DROP FUNCTION cost_records_truncate_workspace_model_weeks()');
    await q.query('DROP FUNCTION refresh_cost_rollups(uuid[], date[])');
    await q.query('ALTER FUNCTION refresh_searched_cost_rollups(uuid[], date[]) RENAME TO refresh_cost_rollups');
    await q.query(`DROP TABLE ${TABLE}`);
  }
}
