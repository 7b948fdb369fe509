import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a TRUNCATE of cost_records empties through this trigger (the coarse and search rollups have their own). */
const TRUNCATED = [
  'cost_rollup_workspace_models',
  'cost_rollup_keys',
  'cost_rollup_workspace_models_monthly',
  'cost_rollup_keys_monthly',
] as const;

/** The touched account-days of a statement on cost_records (`rows`: its transition tables). */
const touched = (rows: string) => `SELECT DISTINCT provider_account_id, day FROM (${rows}) t`;

/** The statement trigger: notes the touched account-days; TRUNCATE still empties at once. */
const NOTE_TOUCHED = `
  CREATE OR REPLACE FUNCTION cost_records_refresh_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      ${[...TRUNCATED, 'cost_rollup_pending'].map((t) => `DELETE FROM ${t};`).join('\n      ')}
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO cost_rollup_pending ${touched('SELECT provider_account_id, day FROM new_rows')} ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO cost_rollup_pending ${touched('SELECT provider_account_id, day FROM old_rows')} ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO cost_rollup_pending ${touched(
        'SELECT provider_account_id, day FROM old_rows UNION ALL SELECT provider_account_id, day FROM new_rows',
      )} ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
  END $$`;

/** The statement trigger as the monthly-cost-rollups migration left it: a refresh per statement. */
const REFRESH_EACH_STATEMENT = `
  CREATE OR REPLACE FUNCTION cost_records_refresh_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE accounts uuid[]; days date[];
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      ${TRUNCATED.map((t) => `DELETE FROM ${t};`).join('\n      ')}
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

/**
 * Rollups refreshed once per transaction, at its commit (issue 19). A sync replaces a chunk's days
 * with a DELETE and then a COPY: refreshing after each statement recomputed every rollup of those
 * days twice, the first time for days about to be written again. Now the statement triggers only
 * note the touched account-days in `cost_rollup_pending`, and a deferred constraint trigger on that
 * table recomputes them all (`refresh_cost_rollups`, unchanged) just before the transaction
 * commits, removing the notes. Other transactions only ever see committed data, so what they read
 * stays exactly the GROUP BY of the records; only the writing transaction itself sees its rollups
 * lag until it commits. A TRUNCATE still empties the rollups at once.
 */
export class DeferredCostRollups1797900000000 implements MigrationInterface {
  name = 'DeferredCostRollups1797900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cost_rollup_pending (provider_account_id uuid NOT NULL, day date NOT NULL,
      PRIMARY KEY (provider_account_id, day))`);
    await q.query(`CREATE FUNCTION cost_rollup_pending_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE accounts uuid[]; days date[];
      BEGIN
        -- The first note's trigger takes every note this transaction made; the others find none.
        WITH taken AS (DELETE FROM cost_rollup_pending RETURNING provider_account_id, day)
        SELECT array_agg(provider_account_id), array_agg(day) INTO accounts, days FROM taken;
        IF accounts IS NOT NULL THEN PERFORM refresh_cost_rollups(accounts, days); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER cost_rollup_pending_refresh AFTER INSERT ON cost_rollup_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cost_rollup_pending_refresh()`);
    await q.query(NOTE_TOUCHED);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(REFRESH_EACH_STATEMENT);
    await q.query('DROP TRIGGER cost_rollup_pending_refresh ON cost_rollup_pending');
    await q.query('DROP FUNCTION cost_rollup_pending_refresh()');
    await q.query('DROP TABLE cost_rollup_pending');
  }
}
