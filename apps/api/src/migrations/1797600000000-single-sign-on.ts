import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on (issue 20): an organization can turn password sign-in off; OpenID Connect
 * sign-ins in progress (state, nonce and PKCE verifier, kept server-side for ten minutes) and the
 * one-time codes the admin exchanges for a session after the provider sent the user back.
 */
export class SingleSignOn1797600000000 implements MigrationInterface {
  name = 'SingleSignOn1797600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN password_sign_in_enabled boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE TABLE sso_sign_in_attempts (
        state_hash text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT sso_sign_in_attempts_pkey PRIMARY KEY (state_hash)
      )`);
    await q.query(`
      CREATE TABLE sso_sign_in_codes (
        code_hash text NOT NULL,
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT sso_sign_in_codes_pkey PRIMARY KEY (code_hash),
        CONSTRAINT sso_sign_in_codes_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_sign_in_codes`);
    await q.query(`DROP TABLE sso_sign_in_attempts`);
    await q.query(`ALTER TABLE organizations DROP COLUMN password_sign_in_enabled`);
  }
}
