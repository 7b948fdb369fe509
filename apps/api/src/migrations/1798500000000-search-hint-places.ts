import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A place's identity: its key hint, workspace id and workspace name, each length-prefixed (null
 * apart from empty), so no two places share it whatever their text holds. Hashed: a unique index
 * entry must fit a btree page, a name need not.
 */
const PLACE = `md5(length(api_key_hint)::text || ':' || api_key_hint
    || ',' || coalesce(length(workspace_external_id)::text || ':' || workspace_external_id, '-')
    || ',' || coalesce(length(workspace_name)::text || ':' || workspace_name, '-'))`;

/**
 * Adds the places of `source` (aliased `n`) that `search_hint_places` does not hold yet: only new
 * ones are written (a re-sync writes none), in one order, so two syncs adding the same places wait
 * for each other instead of deadlocking.
 */
const ADD_PLACES = (source: string) => `
    INSERT INTO search_hint_places (organization_id, provider_account_id, api_key_hint, workspace_external_id, workspace_name)
    SELECT DISTINCT n.organization_id, n.provider_account_id, n.api_key_hint, n.workspace_external_id, n.workspace_name
    FROM ${source} n
    WHERE n.api_key_hint IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM search_hint_places s WHERE s.organization_id = n.organization_id
        AND s.provider_account_id = n.provider_account_id AND s.api_key_hint = n.api_key_hint
        AND s.workspace_external_id IS NOT DISTINCT FROM n.workspace_external_id
        AND s.workspace_name IS NOT DISTINCT FROM n.workspace_name)
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT DO NOTHING`;

/**
 * Where each key hint's records are (issue 19): the workspaces (id and the name the records carry)
 * of every account's records with that hint, per organization, kept by a statement trigger on the
 * monthly search rollup as `search_values` is (every record's values appear in its month's row),
 * and never pruned, so a superset.
 *
 * A search whose matches are read first sums the records whose workspace or model holds the term
 * from the workspace × model rollup, and the rest of the records whose key hint holds it from the
 * search rollup's rows of those hints (`searchPeriodSql`). A hint all of whose places are in
 * workspaces that hold the term has no such rest: every record of it is in the first part. A term
 * naming a provider ("openai") is held by each of its workspaces and key hints, and reading and
 * discarding those hints' rows was a third of its 190 ms over a year at 10 M records.
 * `readSearchMatches` now keeps only the hints with a place elsewhere (`hintsElsewhere`); for that
 * term, none.
 */
export class SearchHintPlaces1798500000000 implements MigrationInterface {
  name = 'SearchHintPlaces1798500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE search_hint_places (
      organization_id uuid NOT NULL,
      provider_account_id uuid NOT NULL,
      api_key_hint text NOT NULL,
      workspace_external_id text,
      workspace_name text,
      place text GENERATED ALWAYS AS (${PLACE}) STORED,
      CONSTRAINT search_hint_places_account_fkey FOREIGN KEY (provider_account_id, organization_id)
        REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
    await q.query(`CREATE UNIQUE INDEX search_hint_places_key
      ON search_hint_places (organization_id, provider_account_id, place)`);
    await q.query('CREATE INDEX search_hint_places_hint_idx ON search_hint_places (organization_id, api_key_hint)');
    await q.query(`CREATE FUNCTION cost_rollup_search_monthly_add_hint_places() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${ADD_PLACES('new_rows')}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER cost_rollup_search_monthly_hint_places AFTER INSERT ON cost_rollup_search_monthly
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_rollup_search_monthly_add_hint_places()`);
    await q.query(ADD_PLACES('cost_rollup_search_monthly'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER cost_rollup_search_monthly_hint_places ON cost_rollup_search_monthly');
    await q.query('DROP FUNCTION cost_rollup_search_monthly_add_hint_places()');
    await q.query('DROP TABLE search_hint_places');
  }
}
