import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budgets, their alert events, notification channels and the delivery outbox (issue 15).
 * - `budget_alert_events` is UNIQUE per (budget, period start, threshold): a threshold fires at
 *   most once per period whatever number of processes evaluate at once, and across restarts.
 * - `notification_deliveries` is written in the transaction that fires the alert, before any
 *   send; a worker on any process claims due rows with FOR UPDATE SKIP LOCKED.
 * - A channel's URL and signing secret are encrypted like provider credentials (`config_encrypted`).
 */
export class BudgetsAndAlerts1795955400000 implements MigrationInterface {
  name = 'BudgetsAndAlerts1795955400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budgets (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        name text NOT NULL,
        amount numeric NOT NULL,
        period_kind text NOT NULL,
        period_start date,
        period_end date,
        measure text NOT NULL,
        scope_providers text[] NOT NULL,
        scope_account_ids uuid[] NOT NULL,
        scope_workspaces text[] NOT NULL,
        scope_api_key_ids uuid[] NOT NULL,
        scope_models text[] NOT NULL,
        thresholds jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT budgets_pkey PRIMARY KEY (id),
        CONSTRAINT budgets_amount_check CHECK (amount > 0),
        CONSTRAINT budgets_period_kind_check CHECK (period_kind IN ('month', 'quarter', 'custom')),
        CONSTRAINT budgets_period_range_check CHECK (period_kind <> 'custom' OR (period_start IS NOT NULL AND period_end > period_start)),
        CONSTRAINT budgets_measure_check CHECK (measure IN ('gross', 'net')),
        CONSTRAINT budgets_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX budgets_organization_id_idx ON budgets (organization_id)');
    await q.query(`
      CREATE TABLE budget_alert_events (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        budget_id uuid NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        threshold_kind text NOT NULL,
        threshold_percent integer NOT NULL,
        budget_amount numeric NOT NULL,
        spent numeric NOT NULL,
        forecast numeric,
        fired_at timestamptz NOT NULL DEFAULT now(),
        recovered_at timestamptz,
        recovered_spent numeric,
        CONSTRAINT budget_alert_events_pkey PRIMARY KEY (id),
        CONSTRAINT budget_alert_events_once_key UNIQUE (budget_id, period_start, threshold_kind, threshold_percent),
        CONSTRAINT budget_alert_events_threshold_kind_check CHECK (threshold_kind IN ('actual', 'forecast')),
        CONSTRAINT budget_alert_events_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT budget_alert_events_budget_id_fkey FOREIGN KEY (budget_id) REFERENCES budgets (id) ON DELETE CASCADE
      )`);
    await q.query(
      'CREATE INDEX budget_alert_events_organization_id_fired_at_idx ON budget_alert_events (organization_id, fired_at)',
    );
    await q.query(`
      CREATE TABLE notification_channels (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        target_hint text NOT NULL,
        config_encrypted bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_channels_pkey PRIMARY KEY (id),
        CONSTRAINT notification_channels_kind_check CHECK (kind IN ('webhook', 'slack', 'email')),
        CONSTRAINT notification_channels_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX notification_channels_organization_id_idx ON notification_channels (organization_id)');
    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        channel_id uuid NOT NULL,
        alert_event_id uuid,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT notification_deliveries_pkey PRIMARY KEY (id),
        CONSTRAINT notification_deliveries_status_check CHECK (status IN ('pending', 'succeeded', 'failed')),
        CONSTRAINT notification_deliveries_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT notification_deliveries_channel_id_fkey FOREIGN KEY (channel_id) REFERENCES notification_channels (id) ON DELETE CASCADE,
        CONSTRAINT notification_deliveries_alert_event_id_fkey FOREIGN KEY (alert_event_id) REFERENCES budget_alert_events (id) ON DELETE CASCADE
      )`);
    await q.query(
      'CREATE INDEX notification_deliveries_status_next_attempt_at_idx ON notification_deliveries (status, next_attempt_at)',
    );
    await q.query(
      'CREATE INDEX notification_deliveries_organization_id_created_at_idx ON notification_deliveries (organization_id, created_at)',
    );
    await q.query(`
      CREATE TABLE notification_delivery_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        delivery_id uuid NOT NULL,
        attempt integer NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        error text,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_delivery_attempts_pkey PRIMARY KEY (id),
        CONSTRAINT notification_delivery_attempts_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES notification_deliveries (id) ON DELETE CASCADE
      )`);
    await q.query(
      'CREATE INDEX notification_delivery_attempts_delivery_id_idx ON notification_delivery_attempts (delivery_id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'notification_delivery_attempts',
      'notification_deliveries',
      'notification_channels',
      'budget_alert_events',
      'budgets',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
