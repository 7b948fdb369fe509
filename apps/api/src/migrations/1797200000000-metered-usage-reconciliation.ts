import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attributable metered usage (issue 17): reports may count units other than tokens
 * (`metered_usage.units`), and a report sent with an idempotency key is remembered
 * (`metered_usage_batches`) so a retried batch is stored once.
 */
export class MeteredUsageReconciliation1797200000000 implements MigrationInterface {
  name = 'MeteredUsageReconciliation1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE metered_usage ADD COLUMN units numeric`);
    await q.query(`CREATE TABLE metered_usage_batches (
      organization_id uuid NOT NULL,
      idempotency_key text NOT NULL,
      request_hash text NOT NULL,
      accepted integer NOT NULL,
      matched_to_keys integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT metered_usage_batches_pkey PRIMARY KEY (organization_id, idempotency_key),
      CONSTRAINT metered_usage_batches_organization_id_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id) ON DELETE CASCADE
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE metered_usage_batches`);
    await q.query(`ALTER TABLE metered_usage DROP COLUMN units`);
  }
}
