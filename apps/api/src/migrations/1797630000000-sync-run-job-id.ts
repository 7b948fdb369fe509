import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue job a sync run was started for (issue 19). A job retried after its lease expired
 * while its first attempt was still running must not sync the account a second time: the worker
 * looks, under the account's lock, for a run of the same job that already committed.
 */
export class SyncRunJobId1797630000000 implements MigrationInterface {
  name = 'SyncRunJobId1797630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sync_runs ADD COLUMN job_id uuid`);
    await q.query(`CREATE INDEX sync_runs_job_id_idx ON sync_runs (job_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sync_runs_job_id_idx`);
    await q.query(`ALTER TABLE sync_runs DROP COLUMN job_id`);
  }
}
