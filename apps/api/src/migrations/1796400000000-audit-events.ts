import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one row per change an admin or API token made through the API, append-only.
 * A trigger refuses UPDATE, DELETE and TRUNCATE, so not even a bug in the code can rewrite it.
 */
export class AuditEvents1796400000000 implements MigrationInterface {
  name = 'AuditEvents1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY,
        organization_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_type text NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL,
        client_address text NOT NULL,
        action text NOT NULL,
        target_type text,
        target_id text,
        changes jsonb NOT NULL DEFAULT '{}',
        outcome text NOT NULL,
        error_code text,
        CONSTRAINT audit_events_pkey PRIMARY KEY (id),
        CONSTRAINT audit_events_actor_type_check CHECK (actor_type IN ('user', 'api_token')),
        CONSTRAINT audit_events_outcome_check CHECK (outcome IN ('succeeded', 'failed')),
        CONSTRAINT audit_events_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id)
      )`);
    await q.query(
      `CREATE INDEX audit_events_organization_id_occurred_at_idx ON audit_events (organization_id, occurred_at)`,
    );
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
  }
}
