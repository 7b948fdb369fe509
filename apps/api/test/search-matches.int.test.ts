import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/database/pg-pool';
import { queryRows, type DashboardDb } from '../src/features/dashboards/dashboard-db';
import { ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { readSearchMatches, withSearchMatches } from '../src/features/dashboards/search-matches';
import { openTestDataSource } from './test-data-source';

const ACCOUNTS = ['00000000-0000-0000-0000-00000000bc01', '00000000-0000-0000-0000-00000000bc02'];

describe('withSearchMatches (a search read in the snapshot of its statements)', () => {
  let ds: DataSource;
  let org: string;
  const countValues = async (db: DashboardDb) =>
    Number(
      (
        await queryRows(db, {
          text: `SELECT count(*) AS n FROM search_values WHERE organization_id = $1 AND value_lower LIKE '%gpt%'`,
          values: [org],
        })
      )[0]!.n,
    );

  beforeAll(async () => {
    ds = await openTestDataSource();
    [{ id: org }] = (await ds.query(`INSERT INTO organizations (name) VALUES ('search matches') RETURNING id`)) as {
      id: string;
    }[];
    await ds.query(
      `INSERT INTO search_values (organization_id, field, value) VALUES
        ($1, 'model', 'gpt-4o'), ($1, 'model', 'GPT-4o-mini'), ($1, 'model', 'claude-3'),
        ($1, 'api_key_hint', 'sk-...gpt1'), ($1, 'workspace_name', 'Research'), ($1, 'workspace_external_id', 'ws_gpt')`,
      [org],
    );
    await ds.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica'); // accounts are only ids here
      await tx.query(
        `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name, display_name) VALUES
          ($1, $2, 'ws_1', 'GPT lab', NULL), ($1, $3, 'ws_1', 'Other', NULL), ($1, $3, 'ws_2', 'Default', 'gpt team')`,
        [org, ...ACCOUNTS],
      );
    });
  });
  afterAll(async () => {
    await ds?.query('DELETE FROM organizations WHERE id = $1', [org]);
    await ds?.destroy();
  });

  it('reads every value holding the term, case-insensitively, and the workspaces named with it, by account', async () => {
    const matches = await readSearchMatches(ds, org, 'gpt');
    expect(matches.values).toEqual({
      model: ['GPT-4o-mini', 'gpt-4o'],
      api_key_hint: ['sk-...gpt1'],
      workspace_name: [],
      workspace_external_id: ['ws_gpt'],
    });
    expect(matches.namedPairs).toEqual([`${ACCOUNTS[0]}\u001fws_1`, `${ACCOUNTS[1]}\u001fws_2`]);
    expect(matches.namedIds).toEqual(['ws_1', 'ws_2']);
    // LIKE's own characters are plain text in a term
    expect((await readSearchMatches(ds, org, '%')).values.model).toEqual([]);
  });

  it.each([
    ['a data source', () => ds],
    ['a pg pool', () => pgPoolOf(ds)],
  ])('through %s, the statements see what the matches saw, not a sync committed in between', async (_, db) => {
    const filter = ZDashboardFilter.parse({ search: 'GPT' });
    const before = await countValues(ds);
    const seen = await withSearchMatches(db(), org, filter, async (snapshot, withMatches) => {
      // a sync adds a value holding the term, committed on another connection
      await ds.query(`INSERT INTO search_values (organization_id, field, value) VALUES ($1, 'model', $2)`, [
        org,
        `gpt-new-${Math.random()}`,
      ]);
      return { matches: withMatches.searchMatches!, inSnapshot: await countValues(snapshot) };
    });
    expect(seen.matches.values.model.length + seen.matches.values.api_key_hint.length + 1).toBe(before);
    expect(seen.inSnapshot).toBe(before);
    expect(await countValues(ds)).toBe(before + 1);
  });

  it('gives back the connection when the work fails, and runs without a transaction when nothing is searched', async () => {
    const pool = pgPoolOf(ds);
    const failing = withSearchMatches(pool, org, ZDashboardFilter.parse({ search: 'gpt' }), async (snapshot) => {
      await queryRows(snapshot, { text: 'SELECT 1/0', values: [] });
    });
    await expect(failing).rejects.toThrow('division by zero');
    expect(pool.totalCount - pool.idleCount).toBe(0);
    const plain = ZDashboardFilter.parse({});
    await withSearchMatches(pool, org, plain, async (db, filter) => {
      expect(db).toBe(pool);
      expect(filter).toBe(plain);
    });
  });
});
