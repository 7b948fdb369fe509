import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['cost_rollup_search_monthly', 'cost_rollup_search_weekly'] as const;

/** The searched columns of a search-rollup row (and of a record), as `search_values.field`. */
const FIELDS = ['model', 'api_key_hint', 'workspace_name', 'workspace_external_id'] as const;

/** Rows (`n`) as one row per searched field holding a value; the caller selects from it. */
const VALUES_OF = `CROSS JOIN LATERAL (VALUES ${FIELDS.map((f) => `('${f}', n.${f})`).join(', ')}) f(field, value)
      WHERE f.value IS NOT NULL`;

/**
 * Adds the values of `source` (aliased `n`) that `search_values` does not hold yet. Only new values
 * are written (a re-sync writes none), in one order, so two syncs of one organization adding the
 * same values wait for each other instead of deadlocking.
 */
const ADD_VALUES = (source: string) => `
    INSERT INTO search_values (organization_id, field, value)
    SELECT DISTINCT n.organization_id, f.field, f.value FROM ${source} n
      ${VALUES_OF}
      AND NOT EXISTS (SELECT 1 FROM search_values s WHERE s.organization_id = n.organization_id
        AND s.field = f.field AND md5(s.value) = md5(f.value) AND s.value = f.value)
    ORDER BY 1, 2, 3
    ON CONFLICT DO NOTHING`;

/**
 * Text search by matching values (issue 19). A search's prefilter used to test each row's four
 * searched columns (workspace id and record name, key hint, model) with one ILIKE; only the
 * monthly search rollup had an index for it (trigram), so a year's search still tested every row
 * of its edge blocks and days: 180–360 ms at 10 M records.
 *
 * `search_values` holds, per organization, every value those columns take in the monthly search
 * rollup — a few thousand rows (models, key hints, workspaces) — kept by a statement trigger on
 * that rollup, which every sync refreshes: every value of a record, a 7-day block or a month
 * appears in its month's row, so the table holds every value a searched row can have. It is a
 * superset (values are never removed), which a prefilter may be: `searchPrefilter` first finds
 * the values holding the term here, then keeps the rows whose columns equal one of them, which
 * btree indexes on both search rollups find; the exact search condition still decides.
 *
 * Replaces the trigram index and the `search_text` function of SearchTextIndex1797900000000
 * (nothing reads them any more; the trigram index cost every sync its upkeep). The values' unique
 * key hashes the value, so a value longer than a btree entry allows is still kept.
 */
export class SearchValues1798200000000 implements MigrationInterface {
  name = 'SearchValues1798200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE search_values (
      organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
      field text NOT NULL CHECK (field IN (${FIELDS.map((f) => `'${f}'`).join(', ')})),
      value text NOT NULL,
      -- ILIKE is LIKE over both sides lowered (PostgreSQL lowers them itself for a multibyte
      -- encoding); kept lowered, a search matches the values with LIKE, several times faster
      value_lower text GENERATED ALWAYS AS (lower(value)) STORED)`);
    await q.query('CREATE UNIQUE INDEX search_values_key ON search_values (organization_id, field, md5(value))');
    await q.query('CREATE INDEX search_values_value_idx ON search_values USING gin (value_lower gin_trgm_ops)');
    await q.query(`CREATE FUNCTION cost_rollup_search_monthly_add_values() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${ADD_VALUES('new_rows')}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER cost_rollup_search_monthly_values AFTER INSERT ON cost_rollup_search_monthly
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_rollup_search_monthly_add_values()`);
    await q.query(ADD_VALUES('cost_rollup_search_monthly'));
    for (const table of TABLES) {
      for (const field of FIELDS) {
        await q.query(`CREATE INDEX ${table}_${field}_idx ON ${table} (organization_id, ${field}, day)`);
      }
    }
    await q.query('DROP INDEX cost_rollup_search_monthly_search_text_idx');
    await q.query('DROP INDEX cost_rollup_search_monthly_workspace_idx');
    await q.query('DROP FUNCTION search_text(text, text, text, text)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION search_text(workspace_external_id text, workspace_name text, api_key_hint text, model text)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT coalesce(workspace_external_id, '') || E'\\x1f' || coalesce(workspace_name, '') || E'\\x1f'
        || coalesce(api_key_hint, '') || E'\\x1f' || coalesce(model, '') $$`);
    await q.query(`CREATE INDEX cost_rollup_search_monthly_search_text_idx ON cost_rollup_search_monthly
      USING gin (search_text(workspace_external_id, workspace_name, api_key_hint, model) gin_trgm_ops)`);
    await q.query(
      'CREATE INDEX cost_rollup_search_monthly_workspace_idx ON cost_rollup_search_monthly (workspace_external_id)',
    );
    for (const table of TABLES) {
      for (const field of FIELDS) await q.query(`DROP INDEX ${table}_${field}_idx`);
    }
    await q.query('DROP TRIGGER cost_rollup_search_monthly_values ON cost_rollup_search_monthly');
    await q.query('DROP FUNCTION cost_rollup_search_monthly_add_values()');
    await q.query('DROP TABLE search_values');
  }
}
