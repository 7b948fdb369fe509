import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A place's columns, besides its organization and account, in the order of its identity. */
const KEY_PLACE = ['api_key_external_id', 'api_key_hint', 'workspace_external_id', 'workspace_name'];
const PLACE = ['api_key_hint', 'workspace_external_id', 'workspace_name'];
/** The key rollup's tables a period's sums read whole months and 7-day blocks from. */
const KEY_TABLES = ['cost_rollup_keys_monthly', 'cost_rollup_keys_weekly'];

/**
 * A place's identity, from `columns` (each qualified by `t`), each length-prefixed (null apart from
 * empty), so no two places share it whatever their text holds. Hashed: a unique index entry must
 * fit a btree page, a name need not.
 */
const identity = (columns: readonly string[], t: string) =>
  `md5(${columns.map((c) => `coalesce(length(${t}${c})::text || ':' || ${t}${c}, '-')`).join(" || ',' || ")})`;

/**
 * Adds the places of `source` (aliased `n`) that `search_places` does not hold yet: only new ones
 * are written (a re-sync writes none), in one order, so two syncs adding the same places wait for
 * each other instead of deadlocking.
 */
const addPlaces = (columns: readonly string[], source: string) => `
    INSERT INTO search_places (organization_id, provider_account_id, ${columns.join(', ')})
    SELECT DISTINCT n.organization_id, n.provider_account_id, ${columns.map((c) => `n.${c}`).join(', ')}
    FROM ${source} n
    WHERE NOT EXISTS (SELECT 1 FROM search_places s WHERE s.organization_id = n.organization_id
        AND s.provider_account_id = n.provider_account_id AND s.place = ${identity(columns, 'n.')})
    ORDER BY ${Array.from({ length: columns.length + 2 }, (_, i) => i + 1).join(', ')}
    ON CONFLICT DO NOTHING`;

/** The columns of a (key, model) pair of `search_key_models`, besides its organization and account. */
const KEY_MODEL = ['api_key_external_id', 'model'];

/**
 * Adds the (key, model) pairs of `source` (aliased `n`) that `search_key_models` does not hold yet,
 * as `addPlaces` does: each looked up by its identity through the unique index (a test of the
 * columns themselves, nulls equal, would read every pair of the account for each).
 */
const addKeyModels = (source: string) => `
    INSERT INTO search_key_models (organization_id, provider_account_id, api_key_external_id, model)
    SELECT DISTINCT n.organization_id, n.provider_account_id, n.api_key_external_id, n.model
    FROM ${source} n
    WHERE NOT EXISTS (SELECT 1 FROM search_key_models s WHERE s.provider_account_id = n.provider_account_id
        AND s.pair = ${identity(KEY_MODEL, 'n.')})
    ORDER BY 1, 2, 3, 4
    ON CONFLICT DO NOTHING`;

/** The statement trigger on the monthly search rollup that keeps the places (and, with `keyModels`, the keys' models). */
async function keepPlaces(q: QueryRunner, columns: readonly string[], keyModels: boolean) {
  await q.query(`CREATE OR REPLACE FUNCTION cost_rollup_search_monthly_add_places() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${addPlaces(columns, 'new_rows')};${keyModels ? ` ${addKeyModels('new_rows')};` : ''} RETURN NULL; END $$`);
  await q.query(`CREATE TRIGGER cost_rollup_search_monthly_places AFTER INSERT ON cost_rollup_search_monthly
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cost_rollup_search_monthly_add_places()`);
}

/** Rebuilds `search_places` at the grain of `columns` from the monthly search rollup. */
async function rebuildPlaces(q: QueryRunner, columns: readonly string[], change: () => Promise<void>) {
  await q.query('TRUNCATE search_places');
  await q.query('DROP INDEX search_places_key');
  await q.query('ALTER TABLE search_places DROP COLUMN place');
  await change();
  await q.query(
    `ALTER TABLE search_places ADD COLUMN place text GENERATED ALWAYS AS (${identity(columns, '')}) STORED`,
  );
  await q.query('CREATE UNIQUE INDEX search_places_key ON search_places (organization_id, provider_account_id, place)');
  await q.query(addPlaces(columns, 'cost_rollup_search_monthly'));
}

/**
 * Where records are, per API key (issue 19). `search_places` gains the key's id: a place is each
 * combination of account, key, key hint, workspace id and workspace record name the records carry.
 * `search_key_models` holds each model a key's records carry. Both are kept by the statement trigger
 * on the monthly search rollup, and never pruned (supersets).
 *
 * The API keys dashboard under a search reads from them which keys the term holds wholly — every
 * place of the key holds it by its key hint or workspace, none in a workspace whose record names
 * differ on it — and how many it holds in part (also by a model alone: `search_key_models`). The
 * keys it holds wholly are summed from the key rollup, at a row per key, workspace and month; only
 * the others are read from the search rollup, at a row per model too (`readSearchMatches`,
 * `keySearchSql`). A term naming a provider ("openai") holds each of its keys wholly: at 10 M
 * records over a year, the search rollup's rows of a ninth of the records were most of that
 * dashboard's 227 ms.
 */
export class SearchKeyPlaces1798700000000 implements MigrationInterface {
  name = 'SearchKeyPlaces1798700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER cost_rollup_search_monthly_places ON cost_rollup_search_monthly');
    await rebuildPlaces(q, KEY_PLACE, () => q.query('ALTER TABLE search_places ADD COLUMN api_key_external_id text'));
    await q.query(`CREATE INDEX search_places_api_key_idx
      ON search_places (organization_id, provider_account_id, api_key_external_id)`);
    await q.query(`CREATE TABLE search_key_models (
      organization_id uuid NOT NULL,
      provider_account_id uuid NOT NULL,
      api_key_external_id text,
      model text,
      pair text GENERATED ALWAYS AS (${identity(KEY_MODEL, '')}) STORED,
      CONSTRAINT search_key_models_account_fkey FOREIGN KEY (provider_account_id, organization_id)
        REFERENCES provider_accounts (id, organization_id) ON DELETE CASCADE)`);
    await q.query('CREATE UNIQUE INDEX search_key_models_key ON search_key_models (provider_account_id, pair)');
    await q.query('CREATE INDEX search_key_models_model_idx ON search_key_models (organization_id, model)');
    await q.query(addKeyModels('cost_rollup_search_monthly'));
    await keepPlaces(q, KEY_PLACE, true);
    // the keys held wholly, found by (account, key) in the months and 7-day blocks of the key rollup
    for (const table of KEY_TABLES) {
      await q.query(`CREATE INDEX ${table}_api_key_idx ON ${table} (provider_account_id, api_key_external_id, day)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of KEY_TABLES) await q.query(`DROP INDEX ${table}_api_key_idx`);
    await q.query('DROP TRIGGER cost_rollup_search_monthly_places ON cost_rollup_search_monthly');
    await q.query('DROP TABLE search_key_models');
    await q.query('DROP INDEX search_places_api_key_idx');
    await rebuildPlaces(q, PLACE, () => q.query('ALTER TABLE search_places DROP COLUMN api_key_external_id'));
    await keepPlaces(q, PLACE, false);
  }
}
