import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an account needs an admin to look at although its syncs do not fail, and users an admin
 * has deactivated:
 * - provider_accounts.credential_notice: the provider check said the credential can only sync
 *   part of the data (OpenRouter's standard key); set when the credential is stored.
 * - provider_accounts.sync_notice: the last sync authenticated but found no billing data at all
 *   (likely the wrong key type); cleared by the next sync that stores data.
 * - users.deactivated_at: a deactivated user cannot sign in and their sessions end.
 */
export class AttentionAndDeactivation1795954800000 implements MigrationInterface {
  name = 'AttentionAndDeactivation1795954800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE provider_accounts ADD COLUMN credential_notice text, ADD COLUMN sync_notice text');
    await q.query('ALTER TABLE users ADD COLUMN deactivated_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN deactivated_at');
    await q.query('ALTER TABLE provider_accounts DROP COLUMN sync_notice, DROP COLUMN credential_notice');
  }
}
