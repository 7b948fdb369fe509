import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, type Day } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import { queryCostSeries } from '../src/features/dashboards/cost-series.service';
import { ZCostSeriesOptions, ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { buildApiKeyDashboardQuery, queryApiKeyDashboard } from '../src/features/dashboards/api-key-dashboard.service';
import { buildModelDashboardQuery, queryModelDashboard } from '../src/features/dashboards/model-dashboard.service';
import { readSearchMatches } from '../src/features/dashboards/search-matches';
import { replacePartition } from '../src/features/sync/replace-partition';
import { TODAY, seedOrganizationA, type SeededOrganization } from './dashboard-seed';
import { searchedKeyCosts } from './searched-key-costs';
import { openTestDataSource } from './test-data-source';

const DAYS: Day[] = ['2024-03-10', '2024-03-20'];
/** A whole month (the monthly rows) and days inside it (the daily rows and blocks). */
const PERIODS = [
  { start: '2024-03-01', end: '2024-04-01' },
  { start: '2024-03-05', end: '2024-03-25' },
];

/** Where each record is: key hint `sk-acme-1` in a workspace named for the term and in one that is not. */
const RECORDS = [
  { apiKeyHint: 'sk-acme-1', workspaceId: 'acme_prod', workspaceName: 'Acme prod', model: 'gpt-x', cost: '1.000001' },
  { apiKeyHint: 'sk-acme-1', workspaceId: 'ops', workspaceName: 'Ops', model: 'gpt-x', cost: '2.5' },
  { apiKeyHint: 'sk-acme-2', workspaceId: 'acme_prod', workspaceName: 'Acme prod', model: 'gpt-y', cost: '4' },
  { apiKeyHint: 'sk-other', workspaceId: 'ops', workspaceName: 'Ops', model: 'gpt-y', cost: '8' },
  { apiKeyHint: null, workspaceId: 'ops', workspaceName: 'Ops', model: 'gpt-y', cost: '16' },
];

describe('search_places (where records are, for searches)', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  const sync = () =>
    replacePartition(ds, {
      organizationId: a.org.id,
      providerAccountId: a.openai.id,
      provider: 'openai',
      days: DAYS,
      records: DAYS.flatMap((day) =>
        RECORDS.map((r) => buildCostRecord({ ...r, day, cost: new Money(r.cost), apiKeyId: r.apiKeyHint })),
      ),
    });
  const places = async () =>
    (
      (await ds.query(
        `SELECT coalesce(api_key_external_id, '-') || ' ' || coalesce(api_key_hint, '-') || ' ' || coalesce(workspace_external_id, '-')
          || ' ' || coalesce(workspace_name, '-') AS place
        FROM search_places WHERE organization_id = $1 AND provider_account_id = $2 AND workspace_external_id = ANY($3)
        ORDER BY 1`,
        [a.org.id, a.openai.id, ['acme_prod', 'ops']],
      )) as { place: string }[]
    ).map((row) => row.place);
  /** The Models dashboard's total and the daily chart's under a search, and the records' own sum. */
  const totals = async (search: string, period: { start: string; end: string }) => {
    const filter = ZDashboardFilter.parse({ period, search, limit: 500 });
    const { rows } = await queryModelDashboard(ds, a.org.id, filter, TODAY);
    const series = await queryCostSeries(
      ds,
      a.org.id,
      filter,
      ZCostSeriesOptions.parse({ granularity: 'day', groupBy: 'model' }),
      TODAY,
    );
    const [{ cost }] = (await ds.query(
      `SELECT coalesce(sum(c.cost), 0)::text AS cost FROM cost_records c
      LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
      WHERE c.organization_id = $1 AND c.day >= $2 AND c.day < $3
        AND concat_ws(E'\\x1f', c.model, c.api_key_hint, c.workspace_name, w.provider_name,
          coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id)) ILIKE $4`,
      [a.org.id, period.start, period.end, `%${search}%`],
    )) as { cost: string }[];
    const sum = (costs: readonly Money[]) => costs.reduce((s, c) => s.plus(c), new Money('0')).toString();
    return {
      dashboard: sum(rows.map((row) => row.cost)),
      chart: sum(series.map((point) => new Money(point.cost))),
      records: new Money(cost).toString(),
    };
  };

  /** The API keys dashboard's cost per key under a search (keys with none left out), and the records' own. */
  const keyTotals = (search: string, period: { start: string; end: string }) =>
    searchedKeyCosts(ds, a.org.id, search, period, TODAY);

  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
    await sync();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('holds each combination of key, key hint and workspace, and each key’s model, once; a re-sync adds none', async () => {
    // (the seeded organization's own records have places too: only this test's workspaces are compared)
    const expected = [
      '- - ops Ops',
      'sk-acme-1 sk-acme-1 acme_prod Acme prod',
      'sk-acme-1 sk-acme-1 ops Ops',
      'sk-acme-2 sk-acme-2 acme_prod Acme prod',
      'sk-other sk-other ops Ops',
    ];
    const keyModels = async () =>
      (
        (await ds.query(
          `SELECT coalesce(api_key_external_id, '-') || ' ' || model AS pair FROM search_key_models
          WHERE organization_id = $1 AND provider_account_id = $2 AND model LIKE 'gpt-_' ORDER BY 1`,
          [a.org.id, a.openai.id],
        )) as { pair: string }[]
      ).map((row) => row.pair);
    const pairs = ['- gpt-y', 'sk-acme-1 gpt-x', 'sk-acme-2 gpt-y', 'sk-other gpt-y'];
    expect(await places()).toEqual(expected);
    expect(await keyModels()).toEqual(pairs);
    await sync();
    expect(await places()).toEqual(expected);
    expect(await keyModels()).toEqual(pairs);
  });

  it('keeps the hints with a record in a workspace not holding the term, and the sums exact either way', async () => {
    const matches = await readSearchMatches(ds, a.org.id, 'ACME');
    expect(matches.values.api_key_hint).toEqual(['sk-acme-1', 'sk-acme-2']);
    // sk-acme-2 is only in "Acme prod": its records are all the workspace's
    expect(matches.hintsElsewhere).toEqual(['sk-acme-1']);
    for (const period of PERIODS) {
      expect(await totals('ACME', period)).toEqual({
        dashboard: '15.000002',
        chart: '15.000002',
        records: '15.000002',
      });
    }

    // the admin names the ops workspace for the term: every hint's records are in workspaces holding it
    await ds.query(
      `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name, display_name)
      VALUES ($1, $2, 'ops', 'Ops', 'Acme ops')`,
      [a.org.id, a.openai.id],
    );
    try {
      const renamed = await readSearchMatches(ds, a.org.id, 'acme');
      expect(renamed.hintsElsewhere).toEqual([]);
      // …so the statement reads the workspace × model rollup alone, not the hints' search-rollup rows
      const filter = { ...ZDashboardFilter.parse({ period: PERIODS[0], search: 'acme' }), searchMatches: renamed };
      const statement = buildModelDashboardQuery(a.org.id, filter, TODAY).cte;
      expect(statement).toContain('cost_rollup_workspace_models_monthly');
      expect(statement).not.toContain('cost_rollup_search');
      for (const period of PERIODS) {
        expect(await totals('acme', period)).toEqual({
          dashboard: '63.000002',
          chart: '63.000002',
          records: '63.000002',
        });
      }
    } finally {
      await ds.query(`DELETE FROM workspaces WHERE provider_account_id = $1 AND external_id = 'ops'`, [a.openai.id]);
    }
  });
  it('tells the keys a term holds wholly, summed from the key rollup, from those it holds in part', async () => {
    const pair = (key: string) => `${a.openai.id}\u001f${key}`;
    // every record of sk-acme-1 and sk-acme-2 holds "acme" by its key hint: both are held wholly
    const acme = await readSearchMatches(ds, a.org.id, 'acme', { keys: true });
    expect(acme.keys).toEqual({ whole: [pair('sk-acme-1'), pair('sk-acme-2')], partly: 0 });
    // "ops" holds sk-other's and the no-key spend's only workspace, and one of sk-acme-1's two
    const ops = await readSearchMatches(ds, a.org.id, 'ops', { keys: true });
    expect(ops.keys).toEqual({ whole: [pair(''), pair('sk-other')], partly: 1 });
    // a model holds a key's records in part, whatever its other models
    expect((await readSearchMatches(ds, a.org.id, 'gpt-y', { keys: true })).keys).toEqual({ whole: [], partly: 3 });
    expect((await readSearchMatches(ds, a.org.id, 'acme')).keys).toBeUndefined();

    // held wholly and by none in part: the key rollup alone is read
    const filter = { ...ZDashboardFilter.parse({ period: PERIODS[0], search: 'acme' }), searchMatches: acme };
    const statement = buildApiKeyDashboardQuery(a.org.id, filter, TODAY, 'page').cte;
    expect(statement).toContain('cost_rollup_keys_monthly');
    expect(statement).not.toContain('cost_rollup_search');
    const want = {
      acme: ['sk-acme-1 7.000002', 'sk-acme-2 8'],
      ops: ['- 32', 'sk-acme-1 5', 'sk-other 16'],
      'gpt-y': ['- 32', 'sk-acme-2 8', 'sk-other 16'],
    };
    for (const [term, keys] of Object.entries(want)) {
      expect({ term, ...(await keyTotals(term, PERIODS[0]!)) }).toEqual({ term, dashboard: keys, records: keys });
      // days inside the month: the key rollup's 7-day blocks and days, the search rollup's and the records'
      const inside = await keyTotals(term, PERIODS[1]!);
      expect({ term, ...inside }).toEqual({ term, dashboard: inside.records, records: keys });
    }
    // with a workspace filter too, each part is narrowed to it
    const acmeProd = ZDashboardFilter.parse({ period: PERIODS[0], search: 'acme', workspaces: ['Acme prod'] });
    const { rows } = await queryApiKeyDashboard(ds, a.org.id, acmeProd, TODAY);
    expect(rows.map((row) => `${row.externalId} ${row.cost.toString()}`).sort()).toEqual([
      'sk-acme-1 2.000002',
      'sk-acme-2 8',
    ]);
  });

  it('reads the records of a workspace renamed at the provider by their own names, not the rollup’s one', async () => {
    // "w_renamed" carried "Alpha lab" on the 10th and "Beta lab" on the 20th: the workspace × model
    // rollup's monthly row keeps one name for both days
    const days: Day[] = ['2024-05-10', '2024-05-20'];
    await replacePartition(ds, {
      organizationId: a.org.id,
      providerAccountId: a.openai.id,
      provider: 'openai',
      days,
      records: days.map((day, i) =>
        buildCostRecord({
          day,
          workspaceId: 'w_renamed',
          workspaceName: ['Alpha lab', 'Beta lab'][i],
          model: 'gpt-r',
          apiKeyHint: 'sk-...r1',
          apiKeyId: 'key_r1',
          cost: new Money(['1.25', '2'][i]!),
        }),
      ),
    });
    const alpha = await readSearchMatches(ds, a.org.id, 'alpha', { keys: true });
    expect(alpha.mixedWorkspaces).toEqual([`${a.openai.id}\u001fw_renamed`]);
    // the key's records there differ on the term: it is held in part, read at the search grain
    expect(alpha.keys).toEqual({ whole: [], partly: 1 });
    // a term both names hold, or neither, leaves nothing to tell apart
    expect((await readSearchMatches(ds, a.org.id, ' lab')).mixedWorkspaces).toEqual([]);
    expect((await readSearchMatches(ds, a.org.id, 'gpt-r')).mixedWorkspaces).toEqual([]);
    for (const period of [
      { start: '2024-05-01', end: '2024-06-01' },
      { start: '2024-05-04', end: '2024-05-26' },
    ]) {
      expect(await totals('alpha', period)).toEqual({ dashboard: '1.25', chart: '1.25', records: '1.25' });
      expect(await totals('BETA', period)).toEqual({ dashboard: '2', chart: '2', records: '2' });
      expect(await totals(' lab', period)).toEqual({ dashboard: '3.25', chart: '3.25', records: '3.25' });
      expect(await keyTotals('alpha', period)).toEqual({ dashboard: ['key_r1 1.25'], records: ['key_r1 1.25'] });
      expect(await keyTotals(' lab', period)).toEqual({ dashboard: ['key_r1 3.25'], records: ['key_r1 3.25'] });
    }
  });
});
