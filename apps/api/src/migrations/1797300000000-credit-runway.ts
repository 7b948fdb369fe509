import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit runway (issue 17): balances providers report (one snapshot per account and UTC day, a
 * later read replaces the day's), grants admins enter, the "notify under N days" setting and
 * the per-runway state that makes a notification fire once per crossing.
 */
export class CreditRunway1797300000000 implements MigrationInterface {
  name = 'CreditRunway1797300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credit_balance_snapshots (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        provider_account_id uuid NOT NULL,
        day date NOT NULL,
        remaining numeric NOT NULL,
        granted numeric,
        used numeric,
        read_at timestamptz NOT NULL,
        CONSTRAINT credit_balance_snapshots_pkey PRIMARY KEY (id),
        CONSTRAINT credit_balance_snapshots_provider_account_id_day_key UNIQUE (provider_account_id, day),
        CONSTRAINT credit_balance_snapshots_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES
          organizations (id) ON DELETE CASCADE,
        CONSTRAINT credit_balance_snapshots_provider_account_id_fkey FOREIGN KEY (provider_account_id)
          REFERENCES provider_accounts (id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX credit_balance_snapshots_organization_id_day_idx
         ON credit_balance_snapshots (organization_id, day)`,
    );
    await q.query(`
      CREATE TABLE credit_grants (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        provider_account_id uuid NOT NULL,
        name text NOT NULL,
        amount numeric NOT NULL,
        starts_on date NOT NULL,
        expires_on date,
        notify_under_days integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT credit_grants_pkey PRIMARY KEY (id),
        CONSTRAINT credit_grants_amount_check CHECK (amount > 0),
        CONSTRAINT credit_grants_expiry_check CHECK (expires_on IS NULL OR expires_on >= starts_on),
        CONSTRAINT credit_grants_notify_under_days_check CHECK (notify_under_days IS NULL OR
          notify_under_days BETWEEN 1 AND 3650),
        CONSTRAINT credit_grants_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations
          (id) ON DELETE CASCADE,
        CONSTRAINT credit_grants_provider_account_id_fkey FOREIGN KEY (provider_account_id) REFERENCES
          provider_accounts (id) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX credit_grants_organization_id_idx ON credit_grants (organization_id)');
    await q.query(`
      CREATE TABLE runway_alert_settings (
        organization_id uuid NOT NULL,
        notify_under_days integer,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT runway_alert_settings_pkey PRIMARY KEY (organization_id),
        CONSTRAINT runway_alert_settings_notify_under_days_check CHECK (notify_under_days IS NULL OR
          notify_under_days BETWEEN 1 AND 3650),
        CONSTRAINT runway_alert_settings_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES
          organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE runway_alert_states (
        organization_id uuid NOT NULL,
        subject text NOT NULL,
        under boolean NOT NULL,
        days_left integer,
        threshold_days integer NOT NULL,
        changed_at timestamptz NOT NULL,
        CONSTRAINT runway_alert_states_pkey PRIMARY KEY (organization_id, subject),
        CONSTRAINT runway_alert_states_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES
          organizations (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE runway_alert_states');
    await q.query('DROP TABLE runway_alert_settings');
    await q.query('DROP TABLE credit_grants');
    await q.query('DROP TABLE credit_balance_snapshots');
  }
}
