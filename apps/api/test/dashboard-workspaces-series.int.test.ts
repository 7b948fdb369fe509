import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { queryApiKeyDashboard } from '../src/features/dashboards/api-key-dashboard.service';
import { queryCostSeries } from '../src/features/dashboards/cost-series.service';
import { ZCostSeriesOptions, type DashboardFilterInput } from '../src/features/dashboards/dashboard-filter';
import { queryModelDashboard } from '../src/features/dashboards/model-dashboard.service';
import { queryProviderDashboard } from '../src/features/dashboards/provider-dashboard.service';
import { queryWorkspaceDashboard } from '../src/features/dashboards/workspace-dashboard.service';
import { TODAY, plain, rounded, type SeededOrganization } from './dashboard-seed';
import { lastSevenDays, openDashboardFixture, type DashboardFixture } from './dashboard-fixture';

const filter = lastSevenDays;

describe('workspace and cost-over-time dashboards, tenant isolation', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  let b: DashboardFixture['b'];
  beforeAll(async () => {
    ({ ds, a, b } = await openDashboardFixture());
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  describe('queryWorkspaceDashboard', () => {
    it('combines workspaces mapped to one display name across providers, with their members', async () => {
      const { rows, total } = await queryWorkspaceDashboard(ds, a.org.id, filter(), TODAY);
      expect(total).toBe(4);
      expect(rows.map((r) => r.displayName)).toEqual(['Web', null, 'Research', 'ML']);
      const [web, none, research, ml] = rows;
      expect(plain({ ...web, costChange: rounded(web!.costChange, 4) })).toEqual({
        displayName: 'Web',
        providers: ['anthropic', 'openai'],
        // neither OpenAI nor Anthropic reports credits: not captured
        cost: '5',
        previousCost: '3',
        costChange: '66.6667',
        credits: null,
        net: null,
        previousNet: null,
        netChange: null,
        inputTokens: 1400000n,
        outputTokens: 350000n,
        requests: null, // Anthropic's part has no request count, so the total is unknown
        includesProvisional: true, // no account of the seed has a settled-through day yet
        members: [
          {
            workspaceId: expect.any(String),
            providerAccountId: a.anthropic.id,
            provider: 'anthropic',
            externalId: 'wrk_web',
            providerName: 'Frontend',
            cost: '3',
            previousCost: '2',
            net: null,
          },
          {
            workspaceId: a.projWeb.id,
            providerAccountId: a.openai.id,
            provider: 'openai',
            externalId: 'proj_web',
            providerName: 'Web app',
            cost: '2',
            previousCost: '1',
            net: null,
          },
        ],
      });
      expect(
        plain([
          none!.providers,
          none!.cost,
          none!.requests,
          none!.members.map((m) => [m.externalId, m.workspaceId, m.cost]),
        ]),
      ).toEqual([['runway'], '4', null, [[null, null, '4']]]);
      expect(
        plain([
          research!.cost,
          research!.previousCost,
          research!.requests,
          research!.inputTokens,
          research!.members.map((m) => m.workspaceId),
        ]),
      ).toEqual(['0.9', '0.5', 305n, 1000000n, [a.projResearch.id]]);
      expect(plain([ml!.cost, ml!.requests, ml!.providers])).toEqual(['0.0004', null, ['anthropic']]);
    });

    it.each<[string, DashboardFilterInput, (string | null)[], string[]]>([
      ['a display name', { workspaces: ['Web'] }, ['Web'], ['5']],
      ['a provider name search (narrows the records)', { search: 'FRONT' }, ['Web'], ['3']],
      ['a maximum cost', { costMax: '1' }, ['Research', 'ML'], ['0.9', '0.0004']],
      [
        'display name ascending, no workspace last',
        { sort: { field: 'displayName', direction: 'asc' } },
        ['ML', 'Research', 'Web', null],
        ['0.0004', '0.9', '5', '4'],
      ],
      [
        'cost change descending',
        { sort: { field: 'costChange', direction: 'desc' } },
        ['Research', 'Web', null, 'ML'],
        ['0.9', '5', '4', '0.0004'],
      ],
    ])('filters and sorts by %s', async (_name, input, names, costs) => {
      const { rows } = await queryWorkspaceDashboard(ds, a.org.id, filter(input), TODAY);
      expect(rows.map((r) => r.displayName)).toEqual(names);
      expect(rows.map((r) => plain(r.cost))).toEqual(costs);
    });

    it('pages past the end and still reports the total', async () => {
      expect(await queryWorkspaceDashboard(ds, a.org.id, filter({ offset: 1, limit: 1 }), TODAY)).toMatchObject({
        rows: [{ displayName: null }],
        total: 4,
      });
      expect(await queryWorkspaceDashboard(ds, a.org.id, filter({ offset: 4, limit: 1 }), TODAY)).toEqual({
        rows: [],
        total: 4,
      });
    });
  });

  describe('queryCostSeries', () => {
    const series = async (input: DashboardFilterInput, options: Record<string, string>) =>
      plain(await queryCostSeries(ds, a.org.id, filter(input), ZCostSeriesOptions.parse(options), TODAY));

    it('returns a daily series per provider over the current period', async () => {
      expect(await series({}, { granularity: 'day', groupBy: 'provider' })).toEqual([
        // none of these providers reports credits: credits and net not captured
        { bucket: '2025-06-05', key: 'anthropic', cost: '3', credits: null, net: null, provisional: true },
        { bucket: '2025-06-05', key: 'openai', cost: '2.03', credits: null, net: null, provisional: true },
        { bucket: '2025-06-05', key: 'runway', cost: '2.5', credits: null, net: null, provisional: true },
        { bucket: '2025-06-06', key: 'anthropic', cost: '0.0004', credits: null, net: null, provisional: true },
        { bucket: '2025-06-06', key: 'openai', cost: '0.87', credits: null, net: null, provisional: true },
        { bucket: '2025-06-06', key: 'runway', cost: '1.5', credits: null, net: null, provisional: true },
      ]);
    });

    it.each<[string, DashboardFilterInput, Record<string, string>, [string, string, string][]]>([
      [
        'weekly per workspace (Monday buckets)',
        {},
        { granularity: 'week', groupBy: 'workspace' },
        [
          ['2025-06-02', '', '4'],
          ['2025-06-02', 'ML', '0.0004'],
          ['2025-06-02', 'Research', '0.9'],
          ['2025-06-02', 'Web', '5'],
        ],
      ],
      [
        'weekly per model of one provider, over two weeks',
        { providers: ['openai'], period: { start: '2025-05-28', end: '2025-06-09' } },
        { granularity: 'week', groupBy: 'model' },
        [
          ['2025-05-26', 'openai:gpt-4o', '1'],
          ['2025-05-26', 'openai:gpt-4o-mini', '0.5'],
          ['2025-06-02', 'openai:gpt-4o', '2'],
          ['2025-06-02', 'openai:gpt-4o-mini', '0.3'],
          ['2025-06-02', 'openai:gpt-image-1', '0.6'],
        ],
      ],
    ])('returns %s', async (_name, input, options, expected) => {
      const points = (await series(input, options)) as { bucket: string; key: string; cost: string }[];
      expect(points.map((p) => [p.bucket, p.key, p.cost])).toEqual(expected);
    });
  });

  describe('tenant isolation', () => {
    it("never shows another organization's rows, even with its names, hints and ids in the filter", async () => {
      const sameNames = filter({ search: 'Aa1' });
      expect(
        (await queryApiKeyDashboard(ds, a.org.id, sameNames, TODAY)).rows.map((r) => [r.name, plain(r.cost)]),
      ).toEqual([['backend', '2']]);
      expect(
        (await queryApiKeyDashboard(ds, b.org.id, sameNames, TODAY)).rows.map((r) => [r.name, plain(r.cost)]),
      ).toEqual([['b-backend', '999.99']]);
      expect(
        (await queryProviderDashboard(ds, b.org.id, filter(), TODAY)).rows.map((r) => [
          r.label,
          plain(r.spend),
          plain(r.metered),
        ]),
      ).toEqual([['OpenAI B', '999.99', '0']]);
      expect(
        (await queryWorkspaceDashboard(ds, b.org.id, filter(), TODAY)).rows.map((r) => [
          r.displayName,
          plain(r.cost),
          r.members.length,
        ]),
      ).toEqual([['Web', '999.99', 1]]);
      expect((await queryModelDashboard(ds, b.org.id, filter(), TODAY)).total).toBe(1);
      expect(await queryModelDashboard(ds, a.org.id, filter({ workspaces: [a.projWeb.id] }), TODAY)).toMatchObject({
        total: 1,
      });
      expect(await queryProviderDashboard(ds, a.org.id, filter({ providers: ['openai'] }), TODAY)).toMatchObject({
        total: 1,
        rows: [{ label: 'OpenAI main' }],
      });
    });
  });
});
