import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes to look up whether applications metered one key in a period (issue 19): by its id, and
 * by provider and hint for usage reported without an id. The API keys dashboard asks this for the
 * keys of its page alone (`meteredProbeSql`), instead of reading every key metered in the period.
 */
export class MeteredKeyIndexes1798800000000 implements MigrationInterface {
  name = 'MeteredKeyIndexes1798800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX metered_usage_organization_id_api_key_id_day_idx ON metered_usage (organization_id, api_key_id, day)
       WHERE api_key_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX metered_usage_organization_id_provider_hint_day_idx ON metered_usage (organization_id, provider, api_key_hint, day)
       WHERE api_key_id IS NULL AND api_key_hint IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX metered_usage_organization_id_provider_hint_day_idx');
    await q.query('DROP INDEX metered_usage_organization_id_api_key_id_day_idx');
  }
}
