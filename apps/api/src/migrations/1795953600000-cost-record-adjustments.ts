import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds, discounts and the billing currency on cost records (issue 14):
 * - `refunds`: refunds already subtracted from `cost` (AWS RECORD_TYPE Refund), as a positive amount;
 * - `discounts` / `discount_kinds`: the part of `credits_applied` that is discounts, and their kinds;
 * - `billing_currency` / `billing_cost`: `cost` as billed in a currency other than USD (Azure).
 * Net stays `cost − credits_applied`, so the rollups and dashboards need no change.
 */
export class CostRecordAdjustments1795953600000 implements MigrationInterface {
  name = 'CostRecordAdjustments1795953600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cost_records
        ADD COLUMN refunds numeric NOT NULL DEFAULT 0,
        ADD COLUMN discounts numeric NOT NULL DEFAULT 0,
        ADD COLUMN discount_kinds text,
        ADD COLUMN billing_currency text,
        ADD COLUMN billing_cost numeric,
        ADD CONSTRAINT cost_records_refunds_check CHECK (refunds >= 0),
        ADD CONSTRAINT cost_records_discounts_check CHECK (discounts >= 0 AND discounts <= credits_applied)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cost_records
        DROP CONSTRAINT cost_records_discounts_check,
        DROP CONSTRAINT cost_records_refunds_check,
        DROP COLUMN billing_cost,
        DROP COLUMN billing_currency,
        DROP COLUMN discount_kinds,
        DROP COLUMN discounts,
        DROP COLUMN refunds`);
  }
}
