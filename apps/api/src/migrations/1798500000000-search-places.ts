import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A place's identity, from its columns (each qualified by `t`): key hint, workspace id and the
 * workspace name its records carry, each length-prefixed (null apart from empty), so no two places
 * share it whatever their text holds. Hashed: a unique index entry must fit a btree page, a name
 * need not.
 */
const place = (t: string) => `md5(coalesce(length(${t}api_key_hint)::text || ':' || ${t}api_key_hint, '-')
    || ',' || coalesce(length(${t}workspace_external_id)::text || ':' || ${t}workspace_external_id, '-')
    || ',' || coalesce(length(${t}workspace_name)::text || ':' || ${t}workspace_name, '-'))`;

/**
 * Adds the places of `source` (aliased `n`) that `search_places` does not hold yet: only new ones
 * are written (a re-sync writes none), in one order, so two syncs adding the same places wait for
 * each other instead of deadlocking.
 */
const ADD_PLACES = (source: string) => `
    INSERT INTO search_places (organization_id, provider_account_id, api_key_hint, workspace_external_id, workspace_name)
    SELECT DISTINCT n.organization_id, n.provider_account_id, n.api_key_hint, n.workspace_external_id, n.workspace_name
    FROM ${source} n
    WHERE NOT EXISTS (SELECT 1 FROM search_places s WHERE s.organization_id = n.organization_id
        AND s.provider_account_id = n.provider_account_id AND s.place = ${place('n.')})
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT DO NOTHING`;

/**
 * Where records are, for searches (issue 19): per organization, each combination of account, key
 * hint, workspace id and the workspace name the records carry, kept by a statement trigger on the
 * monthly search rollup as `search_values` is (every record's values appear in its month's row),
 * and never pruned, so a superset. A search whose matches are read first (`readSearchMatches`)
 * sums the records whose workspace or model holds the term from the workspace × model rollup
 * (`searchPeriodSql`), and reads two things from here:
 *
 * - `hintsElsewhere`: the key hints holding the term that have a place in a workspace not holding
 *   it. Only those hints can have records the rollup's part leaves out, so only their rows are read
 *   from the search rollup. A term naming a provider ("openai") is held by each of its workspaces
 *   and key hints: none is elsewhere, where reading and discarding those hints' rows was a third of
 *   its 190 ms over a year at 10 M records.
 * - `mixedWorkspaces`: workspaces whose records carry names of which some hold the term and some do
 *   not (a workspace renamed at the provider). The workspace × model rollup keeps one name per row
 *   (the least), so it cannot tell those records apart; their rows are read from the search
 *   rollup, whose grain has the name, instead.
 */
export class SearchPlaces1798500000000 implements MigrationInterface {
  name = 'SearchPlaces1798500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE search_places (
      organization_id uuid NOT NULL,
      provider_account_id uuid NOT NULL,
      api_key_hint text,
      workspace_external_id text,
      workspace_name text,
      place text GENERATED ALWAYS AS (${place('')}) STORED,
      CONSTRAINT search_places_account_fkey FOREIGN KEY (provider_account_id, organization_id)
        REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
    await q.query(
      'CREATE UNIQUE INDEX search_places_key ON search_places (organization_id, provider_account_id, place)',
    );
    await q.query('CREATE INDEX search_places_hint_idx ON search_places (organization_id, api_key_hint)');
    await q.query('CREATE INDEX search_places_workspace_name_idx ON search_places (organization_id, workspace_name)');
    await q.query(`CREATE INDEX search_places_workspace_idx
      ON search_places (organization_id, provider_account_id, workspace_external_id)`);
    await q.query(`CREATE FUNCTION cost_rollup_search_monthly_add_places() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${ADD_PLACES('new_rows')}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER cost_rollup_search_monthly_places AFTER INSERT ON cost_rollup_search_monthly
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_rollup_search_monthly_add_places()`);
    await q.query(ADD_PLACES('cost_rollup_search_monthly'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER cost_rollup_search_monthly_places ON cost_rollup_search_monthly');
    await q.query('DROP FUNCTION cost_rollup_search_monthly_add_places()');
    await q.query('DROP TABLE search_places');
  }
}
