import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema, written by hand (never `synchronize`). Constraint names follow PostgreSQL's
 * own conventions, which is also what `SnakeNamingStrategy` gives the entities, so the schema
 * builder's drift check sees no difference. Needs PostgreSQL 15+ (NULLS NOT DISTINCT).
 */
export class InitialSchema1795737600000 implements MigrationInterface {
  name = 'InitialSchema1795737600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organizations_pkey PRIMARY KEY (id)
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_pkey PRIMARY KEY (id),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_role_check CHECK (role IN ('admin', 'viewer')),
        CONSTRAINT users_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX users_organization_id_idx ON users (organization_id)`);
    await this.createProviderTables(q);
    await this.createCostTables(q);
    await this.createSyncTables(q);
  }

  private async createProviderTables(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_accounts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        provider text NOT NULL,
        label text NOT NULL,
        credentials_encrypted bytea NOT NULL,
        key_hint text NOT NULL,
        status text NOT NULL DEFAULT 'active',
        last_error text,
        last_synced_at timestamptz,
        data_complete_through date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT provider_accounts_pkey PRIMARY KEY (id),
        CONSTRAINT provider_accounts_id_organization_id_key UNIQUE (id, organization_id),
        CONSTRAINT provider_accounts_status_check CHECK (status IN ('active', 'syncing', 'error', 'disconnected')),
        CONSTRAINT provider_accounts_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX provider_accounts_organization_id_idx ON provider_accounts (organization_id)`);
    await q.query(`
      CREATE TABLE workspaces (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        provider_account_id uuid NOT NULL,
        external_id text NOT NULL,
        provider_name text,
        display_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workspaces_pkey PRIMARY KEY (id),
        CONSTRAINT workspaces_provider_account_id_external_id_key UNIQUE (provider_account_id, external_id),
        CONSTRAINT workspaces_provider_account_id_organization_id_fkey FOREIGN KEY (provider_account_id, organization_id)
          REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE workspace_name_changes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        workspace_id uuid NOT NULL,
        old_name text,
        new_name text,
        changed_by text,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workspace_name_changes_pkey PRIMARY KEY (id),
        CONSTRAINT workspace_name_changes_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX workspace_name_changes_workspace_id_changed_at_idx ON workspace_name_changes (workspace_id, changed_at)`,
    );
    await q.query(`
      CREATE TABLE api_keys (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        provider_account_id uuid NOT NULL,
        workspace_external_id text,
        external_id text NOT NULL,
        name text,
        hint text,
        status text,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_keys_pkey PRIMARY KEY (id),
        CONSTRAINT api_keys_provider_account_id_external_id_key UNIQUE (provider_account_id, external_id),
        CONSTRAINT api_keys_provider_account_id_organization_id_fkey FOREIGN KEY (provider_account_id, organization_id)
          REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE
      )`);
  }

  private async createCostTables(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cost_records (
        id bigint GENERATED ALWAYS AS IDENTITY,
        organization_id uuid NOT NULL,
        provider_account_id uuid NOT NULL,
        provider text NOT NULL,
        day date NOT NULL,
        workspace_external_id text,
        api_key_external_id text,
        model text NOT NULL,
        charge_kind text NOT NULL,
        unit text,
        cost numeric NOT NULL,
        credits_applied numeric NOT NULL,
        currency text NOT NULL DEFAULT 'USD',
        input_tokens bigint,
        output_tokens bigint,
        cached_input_tokens bigint,
        cache_write_tokens bigint,
        requests bigint,
        quantity numeric,
        mix jsonb,
        workspace_name text,
        api_key_hint text,
        api_key_name text,
        CONSTRAINT cost_records_pkey PRIMARY KEY (id),
        CONSTRAINT cost_records_charge_kind_check CHECK (charge_kind IN ('usage', 'credit', 'tax_fee', 'image', 'other')),
        CONSTRAINT cost_records_credits_applied_check CHECK (credits_applied >= 0),
        CONSTRAINT cost_records_provider_account_id_organization_id_fkey FOREIGN KEY (provider_account_id, organization_id)
          REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE
      )`);
    // A grain appears at most once, also when it has no workspace, key or unit (NULLS NOT DISTINCT).
    await q.query(`
      CREATE UNIQUE INDEX cost_records_grain_key ON cost_records
        (provider_account_id, day, workspace_external_id, api_key_external_id, model, charge_kind, unit) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX cost_records_organization_id_day_idx ON cost_records (organization_id, day)`);
    await q.query(
      `CREATE INDEX cost_records_organization_id_provider_day_idx ON cost_records (organization_id, provider, day)`,
    );
    await q.query(`
      CREATE TABLE metered_usage (
        id bigint GENERATED ALWAYS AS IDENTITY,
        organization_id uuid NOT NULL,
        provider text NOT NULL,
        model text NOT NULL,
        api_key_hint text,
        api_key_id uuid,
        day date NOT NULL,
        input_tokens bigint,
        output_tokens bigint,
        requests bigint,
        cost numeric,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT metered_usage_pkey PRIMARY KEY (id),
        CONSTRAINT metered_usage_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT metered_usage_api_key_id_fkey FOREIGN KEY (api_key_id) REFERENCES api_keys (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX metered_usage_organization_id_day_idx ON metered_usage (organization_id, day)`);
    await q.query(
      `CREATE INDEX metered_usage_organization_id_provider_day_idx ON metered_usage (organization_id, provider, day)`,
    );
  }

  private async createSyncTables(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sync_runs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        provider_account_id uuid NOT NULL,
        trigger text NOT NULL,
        window_start date NOT NULL,
        window_end date NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz,
        workspace_count integer NOT NULL DEFAULT 0,
        api_key_count integer NOT NULL DEFAULT 0,
        record_count integer NOT NULL DEFAULT 0,
        error text,
        missing_days date[] NOT NULL DEFAULT '{}',
        CONSTRAINT sync_runs_pkey PRIMARY KEY (id),
        CONSTRAINT sync_runs_trigger_check CHECK (trigger IN ('link', 'schedule', 'manual')),
        CONSTRAINT sync_runs_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'partial', 'failed')),
        CONSTRAINT sync_runs_window_check CHECK (window_start <= window_end),
        CONSTRAINT sync_runs_provider_account_id_organization_id_fkey FOREIGN KEY (provider_account_id, organization_id)
          REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX sync_runs_provider_account_id_created_at_idx ON sync_runs (provider_account_id, created_at)`,
    );
    await q.query(`CREATE INDEX sync_runs_organization_id_created_at_idx ON sync_runs (organization_id, created_at)`);
    await q.query(`
      CREATE TABLE sync_log_entries (
        id bigint GENERATED ALWAYS AS IDENTITY,
        organization_id uuid NOT NULL,
        run_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        level text NOT NULL,
        message text NOT NULL,
        CONSTRAINT sync_log_entries_pkey PRIMARY KEY (id),
        CONSTRAINT sync_log_entries_level_check CHECK (level IN ('debug', 'info', 'warn', 'error')),
        CONSTRAINT sync_log_entries_run_id_fkey FOREIGN KEY (run_id) REFERENCES sync_runs (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sync_log_entries_run_id_id_idx ON sync_log_entries (run_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'sync_log_entries',
      'sync_runs',
      'metered_usage',
      'cost_records',
      'api_keys',
      'workspace_name_changes',
      'workspaces',
      'provider_accounts',
      'users',
      'organizations',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
