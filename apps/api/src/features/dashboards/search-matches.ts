import type pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { queryRows, runPage, type DashboardDb, type DashboardQuery, type RawRow } from './dashboard-db';
import type { DashboardFilter } from './dashboard-filter';
import {
  containsPattern,
  holdsBesidesKeyHint,
  keyPairSql,
  searchHolds,
  workspacePairSql,
  workspaceCondition,
  type SearchMatches,
} from './dashboard-prefilters';
import { recordFilterColumns } from './record-columns';

/**
 * SQL, true when the workspace of a place (`place`, the directory's entry `directory`) holds
 * `search` (its pattern `$2`): the search's own workspace columns, as a record there shows them.
 */
const placeHolds = (search: string, place: string, directory: string) =>
  holdsBesidesKeyHint({ ...recordFilterColumns(place, directory), model: null }, '$2::text', search);

/** What `readSearchMatches` reads besides the values, named workspaces, hints elsewhere and mixed workspaces. */
export type SearchMatchOptions = {
  /**
   * Which keys the term holds wholly, and how many in part (`SearchMatches.keys`): the API keys
   * dashboard's. The accounts it holds wholly and in part are read otherwise.
   */
  keys?: boolean;
};

/**
 * SQL, the keys the term holds (`$2`) wholly and in part, as one row (`keys`: the `<account id>`
 * U+001F `<key id>` pairs of those held wholly, and how many are held in part). A key with a place
 * holding a value of `sv` or in a workspace of `named` is held wholly when every place of it holds
 * the term by its key hint or workspace and lies in no workspace of `mixed` (`search_places`, judged
 * in the directory as it is now); any other such key, and any key with a model holding the term
 * (`search_key_models`), is held in part: some of its records may not hold it.
 */
const KEYS_HOLDING = `
      SELECT 'keys', coalesce(array_agg(k.pair ORDER BY k.pair) FILTER (WHERE k.whole), '{}'),
        count(*) FILTER (WHERE NOT k.whole)
          + (SELECT count(*) FROM (SELECT DISTINCT km.provider_account_id, km.api_key_external_id FROM search_key_models km
              WHERE km.organization_id = $1::uuid AND km.model IN (SELECT sv.value FROM sv WHERE sv.field = 'model')) m
            WHERE ${keyPairSql('m.provider_account_id', 'm.api_key_external_id')} NOT IN (SELECT h.pair FROM held h))
      FROM held k`;

/**
 * SQL, a CTE: each key with a place holding the term by its key hint or workspace (`pair`), and
 * whether every place of it does, in no workspace of `mixed` (`whole`).
 */
const heldKeys = (search: string) => `
      held AS MATERIALIZED (
        SELECT ${keyPairSql('kp.provider_account_id', 'kp.api_key_external_id')} AS pair,
          bool_and(${holdsBesidesModel(search, 'kp', 'kw')}
            AND ${workspacePairSql('kp.provider_account_id', 'kp.workspace_external_id')} NOT IN (SELECT pair FROM mixed)) AS whole
        FROM search_places kp
        LEFT JOIN workspaces kw ON kw.provider_account_id = kp.provider_account_id AND kw.external_id = kp.workspace_external_id
        WHERE kp.organization_id = $1::uuid AND (kp.provider_account_id, coalesce(kp.api_key_external_id, '')) IN (
          SELECT c.provider_account_id, coalesce(c.api_key_external_id, '') FROM search_places c
          WHERE c.organization_id = $1::uuid AND (c.api_key_hint IN (SELECT sv.value FROM sv WHERE sv.field = 'api_key_hint')
            OR c.workspace_name IN (SELECT sv.value FROM sv WHERE sv.field = 'workspace_name')
            OR c.workspace_external_id IN (SELECT sv.value FROM sv WHERE sv.field = 'workspace_external_id')
            OR ${workspacePairSql('c.provider_account_id', 'c.workspace_external_id')} IN (SELECT pair FROM named)))
        GROUP BY 1)`;

/**
 * SQL, true (never null) when a place (`place`, the directory's entry `directory`) holds `search`
 * (its pattern `$2`) by its key hint or workspace, as a record there shows them.
 */
const holdsBesidesModel = (search: string, place: string, directory: string) =>
  searchHolds({ ...recordFilterColumns(place, directory), model: null }, '$2::text', search);

/**
 * SQL, two CTEs: `held_accounts`, the accounts with a place (`search_places`) holding a value of
 * `sv` (its hints' places are `hinted`) or in a workspace of `named`, each arm found through an
 * index; and `whole_accounts`, those the term (`$2`) holds wholly (`SearchMatches.wholeAccounts`):
 * every place of theirs (judged in the directory as it is now) holds it by its key hint or
 * workspace — a test that stops at the first place failing it — and then, for those alone, each of
 * their workspaces is shown by one name, the directory's or the one name its records carry (a
 * rollup keeps one name per row).
 */
const wholeAccounts = (search: string) => `
      held_accounts AS MATERIALIZED (
        SELECT h.provider_account_id AS id FROM hinted h
        UNION
        SELECT c.provider_account_id FROM search_places c
        WHERE c.organization_id = $1::uuid AND c.workspace_name IN (SELECT sv.value FROM sv WHERE sv.field = 'workspace_name')
        UNION
        SELECT c.provider_account_id FROM search_places c
        WHERE c.organization_id = $1::uuid AND c.workspace_external_id IN (SELECT sv.value FROM sv WHERE sv.field = 'workspace_external_id')
        UNION
        SELECT c.provider_account_id FROM search_places c JOIN named n
          ON c.provider_account_id = n.account AND c.workspace_external_id = n.workspace
        WHERE c.organization_id = $1::uuid),
      whole_accounts AS MATERIALIZED (
        SELECT h.id FROM (
          SELECT h.id FROM held_accounts h
          -- a subquery per account, never a join: it stops at the first place failing the test
          WHERE (SELECT 1 FROM search_places ap
            LEFT JOIN workspaces aw ON aw.provider_account_id = ap.provider_account_id AND aw.external_id = ap.workspace_external_id
            WHERE ap.organization_id = $1::uuid AND ap.provider_account_id = h.id AND NOT ${holdsBesidesModel(search, 'ap', 'aw')}
            -- in the account's index order: its places alone are read
            ORDER BY ap.organization_id, ap.provider_account_id, ap.workspace_external_id LIMIT 1) IS NULL
          -- the test above first, for every account held: it rules most out at their first place
          OFFSET 0) h
        WHERE NOT EXISTS (SELECT 1 FROM search_places np
          LEFT JOIN workspaces nw ON nw.provider_account_id = np.provider_account_id AND nw.external_id = np.workspace_external_id
          WHERE np.organization_id = $1::uuid AND np.provider_account_id = h.id AND nw.display_name IS NULL AND nw.provider_name IS NULL
          GROUP BY np.workspace_external_id
          HAVING count(DISTINCT np.workspace_name) + max(CASE WHEN np.workspace_name IS NULL THEN 1 ELSE 0 END) > 1))`;

/**
 * SQL, a row: the accounts holding the term only in part (`SearchMatches.partAccounts`): held by a
 * place (`held_accounts`) or with a key's model holding it (`search_key_models`), not wholly. Read
 * only when some account is held wholly (nothing else reads them).
 */
const PART_ACCOUNTS = `
      SELECT 'partly', coalesce(array_agg(p.id::text ORDER BY p.id), '{}'), 0 FROM (
          SELECT h.id FROM held_accounts h
          UNION
          SELECT km.provider_account_id FROM search_key_models km
          WHERE km.organization_id = $1::uuid AND km.model IN (SELECT sv.value FROM sv WHERE sv.field = 'model')) p
        WHERE EXISTS (SELECT 1 FROM whole_accounts) AND p.id NOT IN (SELECT w.id FROM whole_accounts w)`;

/**
 * What holds `search` in the organization (`SearchMatches`): the values of `search_values` holding
 * it, matched as the statements' own lookups match them (lowered, LIKE), the workspaces whose
 * admin or provider name holds it; of the key hints holding it, those with a record in a
 * workspace that does not; the workspaces whose record names differ on it; the accounts it holds
 * wholly and in part (`wholeAccounts`, `partAccounts`); and with `keys`, the
 * keys it holds wholly and in part (`search_places`, judged in the directory as it is now). One
 * statement.
 */
export async function readSearchMatches(
  db: DashboardDb,
  organizationId: string,
  search: string,
  options: SearchMatchOptions = {},
): Promise<SearchMatches> {
  // the accounts held wholly serve the rollups without keys: a caller that reads keys reads the keys instead
  const accounts = !options.keys;
  const rows = await queryRows(db, {
    text: `WITH sv AS MATERIALIZED (SELECT sv.field, sv.value FROM search_values sv
        WHERE sv.organization_id = $1::uuid AND sv.value_lower LIKE lower($2::text)),
      named AS MATERIALIZED (SELECT ${workspacePairSql('ws.provider_account_id', 'ws.external_id')} AS pair,
          ws.provider_account_id AS account, ws.external_id AS workspace
        FROM workspaces ws WHERE ws.organization_id = $1::uuid
          AND (ws.display_name ILIKE $2::text OR ws.provider_name ILIKE $2::text)),
      -- the places of the hints holding the term (search_values holds every value a place has, kept from the same rows)
      hinted AS MATERIALIZED (SELECT hp.provider_account_id, hp.workspace_external_id, hp.workspace_name, hp.api_key_hint
        FROM search_places hp
        WHERE hp.organization_id = $1::uuid AND hp.api_key_hint IN (SELECT sv.value FROM sv WHERE sv.field = 'api_key_hint')),
      -- only a record name can make a workspace's records differ: one holding the term is a candidate
      mixed AS MATERIALIZED (SELECT p.pair FROM (
          SELECT ${workspacePairSql('mp.provider_account_id', 'mp.workspace_external_id')} AS pair,
            ${placeHolds(search, 'mp', 'mw')} AS holds
          FROM search_places mp
          LEFT JOIN workspaces mw ON mw.provider_account_id = mp.provider_account_id AND mw.external_id = mp.workspace_external_id
          WHERE mp.organization_id = $1::uuid AND (mp.provider_account_id, coalesce(mp.workspace_external_id, '')) IN (
            SELECT n.provider_account_id, coalesce(n.workspace_external_id, '') FROM search_places n
            WHERE n.organization_id = $1::uuid AND n.workspace_name IN (SELECT sv.value FROM sv WHERE sv.field = 'workspace_name'))) p
        GROUP BY p.pair HAVING bool_or(p.holds) AND NOT bool_and(p.holds)),${accounts ? wholeAccounts(search) : heldKeys(search)}
      SELECT sv.field, array_agg(sv.value ORDER BY sv.value) AS matched, 0 AS n FROM sv GROUP BY sv.field
      UNION ALL
      SELECT 'named', coalesce(array_agg(pair ORDER BY pair), '{}'), 0 FROM named
      UNION ALL
      SELECT 'elsewhere', coalesce(array_agg(DISTINCT hp.api_key_hint ORDER BY hp.api_key_hint), '{}'), 0
        FROM hinted hp
        LEFT JOIN workspaces hw ON hw.provider_account_id = hp.provider_account_id AND hw.external_id = hp.workspace_external_id
        WHERE NOT ${placeHolds(search, 'hp', 'hw')}
      UNION ALL
      SELECT 'mixed', coalesce(array_agg(pair ORDER BY pair), '{}'), 0 FROM mixed
      UNION ALL${
        accounts
          ? `
      SELECT 'accounts', coalesce(array_agg(id::text ORDER BY id), '{}'), 0 FROM whole_accounts
      UNION ALL${PART_ACCOUNTS}`
          : KEYS_HOLDING
      }`,
    values: [organizationId, containsPattern(search)],
  });
  const matched = new Map(rows.map((row) => [row.field as string, row.matched as string[]]));
  const namedPairs = matched.get('named') ?? [];
  const whole = matched.get('accounts') ?? [];
  return {
    values: {
      model: matched.get('model') ?? [],
      api_key_hint: matched.get('api_key_hint') ?? [],
      workspace_name: matched.get('workspace_name') ?? [],
      workspace_external_id: matched.get('workspace_external_id') ?? [],
    },
    // an account id is a uuid (36 characters), then the separator
    namedIds: [...new Set(namedPairs.map((pair) => pair.slice(37)))],
    namedPairs,
    hintsElsewhere: matched.get('elsewhere') ?? [],
    mixedWorkspaces: matched.get('mixed') ?? [],
    ...(accounts ? { wholeAccounts: whole } : {}),
    ...(whole.length > 0 ? { partAccounts: matched.get('partly') ?? [] } : {}),
    ...(options.keys
      ? { keys: { whole: matched.get('keys') ?? [], partly: Number(rows.find((row) => row.field === 'keys')?.n ?? 0) } }
      : {}),
  };
}

/**
 * Whether some workspace of the organization that `workspaces` (a workspace filter's names) names
 * by a name its records carry has records the filter keeps and records it does not
 * (`DashboardFilter.workspaceNamesDiffer`): its records carry several names (renamed at the
 * provider) and no directory entry names it (`search_places`, judged in the directory as it is
 * now, as the filter's own condition judges a record).
 */
export async function readWorkspaceNamesDiffer(
  db: DashboardDb,
  organizationId: string,
  workspaces: readonly string[],
): Promise<boolean> {
  const kept = workspaceCondition(recordFilterColumns('p', 'w'), '$2::text[]');
  const [row] = await queryRows(db, {
    text: `SELECT EXISTS (SELECT 1 FROM search_places p
        LEFT JOIN workspaces w ON w.provider_account_id = p.provider_account_id AND w.external_id = p.workspace_external_id
        WHERE p.organization_id = $1::uuid AND (p.provider_account_id, coalesce(p.workspace_external_id, '')) IN (
          SELECT n.provider_account_id, coalesce(n.workspace_external_id, '') FROM search_places n
          WHERE n.organization_id = $1::uuid AND n.workspace_name = ANY($2::text[]))
        GROUP BY p.provider_account_id, p.workspace_external_id
        HAVING bool_or(coalesce(${kept}, false)) AND NOT bool_and(coalesce(${kept}, false))) AS differ`,
    values: [organizationId, workspaces],
  });
  return row?.differ === true;
}

/**
 * Runs `work` with what the filter's statements need read first, in one snapshot with the
 * statements `work` runs (a read-only REPEATABLE READ transaction on one connection of `db`): the
 * search matches (`readSearchMatches`, with `options`) and whether the workspace filter names
 * workspaces whose records' names differ on it (`readWorkspaceNamesDiffer`). Read in a snapshot
 * before the statements', a value a sync added in between would be missing from the matches, and
 * its rows from the figures. With nothing to read, or all of it read already, `work` runs on `db`
 * as it is. A single connection or a transaction's entity manager is used as it is: its caller
 * chose its snapshot.
 */
export async function withSearchMatches<T>(
  db: DashboardDb,
  organizationId: string,
  filter: DashboardFilter,
  work: (db: DashboardDb, filter: DashboardFilter) => Promise<T>,
  options: SearchMatchOptions = {},
): Promise<T> {
  const search = filter.search && !filter.searchMatches ? filter.search : null;
  const workspaceNames = filter.workspaces.length > 0 && filter.workspaceNamesDiffer === undefined;
  if (!search && !workspaceNames) return work(db, filter);
  return inOneSnapshot(db, async (snapshot) =>
    work(snapshot, {
      ...filter,
      ...(search ? { searchMatches: await readSearchMatches(snapshot, organizationId, search, options) } : {}),
      ...(workspaceNames
        ? { workspaceNamesDiffer: await readWorkspaceNamesDiffer(snapshot, organizationId, filter.workspaces) }
        : {}),
    }),
  );
}

/**
 * One page of a dashboard whose statement `build` makes from the filter, with its search matches
 * read first in the page's snapshot (`withSearchMatches`): rows mapped by `map`, and the total.
 */
export async function searchedPage<Row>(
  db: DashboardDb,
  organizationId: string,
  filter: DashboardFilter,
  build: (filter: DashboardFilter) => DashboardQuery,
  map: (raw: RawRow) => Row,
  options: SearchMatchOptions = {},
): Promise<{ rows: Row[]; total: number }> {
  return withSearchMatches(
    db,
    organizationId,
    filter,
    async (db, filter) => {
      const { rows, total } = await runPage(db, build(filter), filter, map);
      return { rows, total };
    },
    options,
  );
}

type Connection = { db: DashboardDb; close(failed: boolean): Promise<void> };

/** A connection of its own from a pool or data source, in a read-only REPEATABLE READ transaction; null for anything else. */
async function openSnapshot(db: DashboardDb): Promise<Connection | null> {
  if ('createQueryRunner' in db) return runnerSnapshot((db as DataSource).createQueryRunner());
  if ('queryRunner' in db && 'connection' in db) {
    const manager = db as EntityManager;
    return manager.queryRunner ? null : runnerSnapshot(manager.connection.createQueryRunner());
  }
  if ('connect' in db && 'totalCount' in db) {
    const client = await (db as pg.Pool).connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    return {
      db: client,
      close: async (failed) => {
        try {
          await client.query(failed ? 'ROLLBACK' : 'COMMIT');
          client.release();
        } catch (error) {
          client.release(error as Error); // a broken connection is not put back
          if (!failed) throw error;
        }
      },
    };
  }
  return null;
}

async function runnerSnapshot(runner: QueryRunner): Promise<Connection> {
  try {
    await runner.connect();
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (error) {
    await runner.release();
    throw error;
  }
  return {
    db: runner as unknown as DashboardDb,
    close: async (failed) => {
      try {
        await runner.query(failed ? 'ROLLBACK' : 'COMMIT');
      } catch (error) {
        if (!failed) throw error;
      } finally {
        await runner.release();
      }
    },
  };
}

/** Runs `work` in one snapshot of `db` (see `withSearchMatches`). */
async function inOneSnapshot<T>(db: DashboardDb, work: (db: DashboardDb) => Promise<T>): Promise<T> {
  const connection = await openSnapshot(db);
  if (!connection) return work(db);
  let result: T;
  try {
    result = await work(connection.db);
  } catch (error) {
    await connection.close(true);
    throw error;
  }
  await connection.close(false);
  return result;
}
