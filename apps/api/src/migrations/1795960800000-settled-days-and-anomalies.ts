import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settled vs provisional days (issue 16) and the anomalies found on settled days.
 * - provider_account_day_reads: when a successful sync last replaced each (account, day); a day is
 *   settled once that moment is past the provider's billing delay (domain `isDaySettled`).
 * - provider_accounts.settled_through: every read day before it (exclusive) is settled; kept by the
 *   sync engine after each run, read by dashboards and anomaly detection.
 * - anomaly_settings: the organization's thresholds (defaults as in the issue).
 * - anomalies: one row per (organization, level, provider scope, series, day, kind); a re-sync
 *   updates or resolves it, never duplicates it.
 * Existing data: days before data_complete_through count as read at the account's last sync.
 */
export class SettledDaysAndAnomalies1795960800000 implements MigrationInterface {
  name = 'SettledDaysAndAnomalies1795960800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_account_day_reads (
        provider_account_id uuid NOT NULL, organization_id uuid NOT NULL, day date NOT NULL, read_at timestamptz NOT NULL,
        CONSTRAINT provider_account_day_reads_pkey PRIMARY KEY (provider_account_id, day),
        CONSTRAINT provider_account_day_reads_provider_account_id_organization_id_fkey FOREIGN KEY (provider_account_id, organization_id)
          REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE
      )`);
    await q.query(`ALTER TABLE provider_accounts ADD COLUMN settled_through date`);
    await q.query(`
      INSERT INTO provider_account_day_reads (provider_account_id, organization_id, day, read_at)
      SELECT a.id, a.organization_id, d::date, a.last_synced_at
      FROM provider_accounts a
      CROSS JOIN LATERAL (SELECT min(day) AS first FROM cost_records c WHERE c.provider_account_id = a.id) f
      CROSS JOIN LATERAL generate_series(f.first, a.data_complete_through - 1, interval '1 day') d
      WHERE a.last_synced_at IS NOT NULL AND a.data_complete_through IS NOT NULL AND f.first IS NOT NULL`);
    await q.query(`
      CREATE TABLE anomaly_settings (
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        mad_multiplier numeric NOT NULL, median_fraction numeric NOT NULL, min_cost numeric NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT anomaly_settings_pkey PRIMARY KEY (organization_id)
      )`);
    await q.query(`
      CREATE TABLE anomalies (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        level text NOT NULL, provider text, series_key text NOT NULL, series_label text NOT NULL, day date NOT NULL, kind text NOT NULL,
        severity text NOT NULL, expected numeric NOT NULL, actual numeric NOT NULL, delta numeric NOT NULL,
        change_kind text NOT NULL, drivers jsonb NOT NULL,
        status text NOT NULL DEFAULT 'open', note text, acknowledged_by uuid, acknowledged_at timestamptz,
        detected_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), resolved_at timestamptz,
        CONSTRAINT anomalies_pkey PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX anomalies_series_day_key ON anomalies (organization_id, level, provider, series_key, day, kind) NULLS NOT DISTINCT`,
    );
    await q.query(`CREATE INDEX anomalies_organization_id_day_idx ON anomalies (organization_id, day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE anomalies`);
    await q.query(`DROP TABLE anomaly_settings`);
    await q.query(`ALTER TABLE provider_accounts DROP COLUMN settled_through`);
    await q.query(`DROP TABLE provider_account_day_reads`);
  }
}
