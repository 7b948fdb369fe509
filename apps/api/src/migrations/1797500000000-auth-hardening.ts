import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Authentication hardening (issue 20): password attempts counted in the database (so parallel
 * requests and several processes share one limit), the addresses each user signed in from, API
 * token expiry, and the flag that makes the first admin change their password. Existing API
 * tokens get 90 days from now rather than expiring at once.
 */
export class AuthHardening1797500000000 implements MigrationInterface {
  name = 'AuthHardening1797500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttles (
        key text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        window_ends_at timestamptz NOT NULL,
        locked_until timestamptz,
        lockouts integer NOT NULL DEFAULT 0,
        CONSTRAINT login_throttles_pkey PRIMARY KEY (key)
      )`);
    await q.query(`
      CREATE TABLE known_sign_in_addresses (
        user_id uuid NOT NULL,
        address text NOT NULL,
        last_sign_in_at timestamptz NOT NULL,
        CONSTRAINT known_sign_in_addresses_pkey PRIMARY KEY (user_id, address),
        CONSTRAINT known_sign_in_addresses_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz`);
    await q.query(`UPDATE api_tokens SET expires_at = now() + interval '90 days'`);
    await q.query(`ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN password_change_required boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN password_change_required`);
    await q.query(`ALTER TABLE api_tokens DROP COLUMN expires_at`);
    await q.query(`DROP TABLE known_sign_in_addresses`);
    await q.query(`DROP TABLE login_throttles`);
  }
}
