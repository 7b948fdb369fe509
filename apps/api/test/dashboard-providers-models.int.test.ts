import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ZDashboardFilter, type DashboardFilterInput } from '../src/features/dashboards/dashboard-filter';
import { DashboardInputError } from '../src/features/dashboards/dashboard-query';
import { queryModelDashboard } from '../src/features/dashboards/model-dashboard.service';
import { queryCostSeries } from '../src/features/dashboards/cost-series.service';
import { queryProviderDashboard } from '../src/features/dashboards/provider-dashboard.service';
import { TODAY, plain, rounded, seedOrganizationA, seedOrganizationB, type SeededOrganization } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

const filter = (input: DashboardFilterInput = {}) => ZDashboardFilter.parse({ period: 'last_7_days', ...input });

describe('provider and model dashboards', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
    await seedOrganizationB(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  describe('queryProviderDashboard', () => {
    it('returns spend, credits, net, metered spend and coverage per account, with the previous period', async () => {
      const { rows, total } = await queryProviderDashboard(ds, a.org.id, filter(), TODAY);
      expect(total).toBe(3);
      expect(rows.map((r) => r.label)).toEqual(['Runway', 'Anthropic', 'OpenAI main']); // spend desc
      const [runway, anthropic, openai] = rows;
      expect(
        plain({
          ...openai,
          spendChange: rounded(openai!.spendChange, 4),
          netChange: rounded(openai!.netChange, 4),
          coverage: rounded(openai!.coverage),
          previousCoverage: rounded(openai!.previousCoverage),
        }),
      ).toEqual({
        providerAccountId: a.openai.id,
        provider: 'openai',
        label: 'OpenAI main',
        spend: '2.9',
        previousSpend: '1.5',
        spendChange: '93.3333',
        // OpenAI's billing API reports no credits: not captured (null), whatever a record carries, and no net either
        credits: null,
        previousCredits: null,
        creditsChange: null,
        net: null,
        previousNet: null,
        netChange: null,
        refunds: '0',
        discounts: '0',
        discountKinds: [],
        billingCurrency: null,
        billingAmount: null,
        metered: '1.5',
        previousMetered: '0.4',
        meteredChange: '275',
        coverage: '0.517241',
        previousCoverage: '0.266667',
        status: 'active',
        lastError: null,
        attention: [],
        lastSyncedAt: new Date('2025-06-11T03:00:00Z'),
        dataCompleteThrough: '2025-06-10',
        settledThrough: null,
        includesProvisional: true,
        expectedDelayHours: 24,
      });
      expect(plain(anthropic!.spend)).toBe('3.0004');
      expect(plain(anthropic!.spendChange)).toBe('50.02');
      expect([anthropic!.credits, anthropic!.net, anthropic!.netChange]).toEqual([null, null, null]);
      // regression: the report that matched no key went to the provider's first-linked account; it belongs to none
      expect(plain(anthropic!.metered)).toBe('0');
      expect(rounded(anthropic!.coverage)).toBe('0');
      expect(anthropic).toMatchObject({
        status: 'error',
        lastError: 'The Admin key was revoked; link a new one.',
        expectedDelayHours: 1,
      });
      expect(
        plain([runway!.spend, runway!.previousSpend, runway!.spendChange, runway!.metered, runway!.coverage]),
      ).toEqual(['4', '0', null, '0', '0']);
      expect(runway).toMatchObject({
        status: 'disconnected',
        lastSyncedAt: null,
        dataCompleteThrough: null,
        expectedDelayHours: 24,
      });
    });

    it("says whether the current period includes provisional days, from the account's settled-through day", async () => {
      try {
        await ds.query('UPDATE provider_accounts SET settled_through = $2 WHERE id = $1', [a.openai.id, TODAY]);
        const settled = (await queryProviderDashboard(ds, a.org.id, filter(), TODAY)).rows.find(
          (r) => r.providerAccountId === a.openai.id,
        );
        expect(settled).toMatchObject({ settledThrough: TODAY, includesProvisional: false });
        await ds.query('UPDATE provider_accounts SET settled_through = $2 WHERE id = $1', [a.openai.id, '2025-06-05']);
        const partly = (await queryProviderDashboard(ds, a.org.id, filter(), TODAY)).rows.find(
          (r) => r.providerAccountId === a.openai.id,
        );
        expect(partly).toMatchObject({ settledThrough: '2025-06-05', includesProvisional: true });
        const points = await queryCostSeries(
          ds,
          a.org.id,
          filter(),
          { granularity: 'day', groupBy: 'provider' },
          TODAY,
        );
        const openai = points.filter((pt) => pt.key === 'openai');
        expect(openai.length).toBeGreaterThan(0);
        for (const pt of openai)
          expect({ bucket: pt.bucket, provisional: pt.provisional }).toEqual({
            bucket: pt.bucket,
            provisional: pt.bucket >= '2025-06-05',
          });
      } finally {
        await ds.query('UPDATE provider_accounts SET settled_through = NULL WHERE id = $1', [a.openai.id]);
      }
    });

    it('reads a custom range and compares it with the range of equal length before it', async () => {
      const { rows } = await queryProviderDashboard(
        ds,
        a.org.id,
        filter({ period: { start: '2025-06-01', end: '2025-06-03' }, providers: ['openai', 'anthropic'] }),
        TODAY,
      );
      expect(rows.map((r) => [r.label, plain(r.spend), plain(r.previousSpend), plain(r.metered)])).toEqual([
        ['Anthropic', '2', '0', '0'],
        ['OpenAI main', '1.5', '0', '0.4'],
      ]);
    });

    it.each<[string, DashboardFilterInput, string[][]]>([
      [
        'a workspace display name (both providers mapped to "Web")',
        { workspaces: ['Web'] },
        [
          ['Anthropic', '3'],
          ['OpenAI main', '2'],
        ],
      ],
      ['a search over key hints', { search: 'bB2' }, [['OpenAI main', '0.9']]],
      ['a cost range on spend', { costMin: '3.0004', costMax: '3.9999' }, [['Anthropic', '3.0004']]],
      [
        'a sort on text, ascending',
        { sort: { field: 'label', direction: 'asc' } },
        [
          ['Anthropic', '3.0004'],
          ['OpenAI main', '2.9'],
          ['Runway', '4'],
        ],
      ],
      [
        'a sort on coverage',
        { sort: { field: 'coverage', direction: 'desc' }, providers: ['openai', 'anthropic'] },
        [
          ['OpenAI main', '2.9'],
          ['Anthropic', '3.0004'],
        ],
      ],
    ])('filters by %s', async (_name, input, expected) => {
      const { rows, total } = await queryProviderDashboard(ds, a.org.id, filter(input), TODAY);
      expect(rows.map((r) => [r.label, plain(r.spend)])).toEqual(expected);
      expect(total).toBe(expected.length);
    });

    it('rejects an unknown sort field with the valid ones', async () => {
      await expect(
        queryProviderDashboard(ds, a.org.id, filter({ sort: { field: 'password', direction: 'asc' } }), TODAY),
      ).rejects.toThrow(
        new DashboardInputError(
          'Cannot sort by "password"; use one of: spend, previousSpend, spendChange, credits, net, previousNet, netChange, metered, coverage, provider, label, status, lastSyncedAt, dataCompleteThrough',
          'sort.field',
        ),
      );
    });
  });

  describe('queryModelDashboard', () => {
    it('returns cost, tokens, requests and cost per 1M tokens or per unit for each model', async () => {
      const { rows, total } = await queryModelDashboard(ds, a.org.id, filter(), TODAY);
      expect(total).toBe(7);
      expect(rows.map((r) => r.modelId)).toEqual([
        'anthropic:claude-sonnet-4',
        'runway:gen4_turbo',
        'openai:gpt-4o',
        'runway:gen3a_turbo',
        'openai:gpt-image-1',
        'openai:gpt-4o-mini',
        'anthropic:claude-haiku',
      ]);
      const byId = new Map(rows.map((r) => [`${r.modelId}|${r.unit ?? ''}`, r]));
      const summary = (id: string) => {
        const r = byId.get(id)!;
        return [
          plain(r.cost),
          plain(r.previousCost),
          rounded(r.costChange, 2),
          plain(r.credits),
          r.inputTokens,
          r.outputTokens,
          r.cachedInputTokens,
          r.requests,
          rounded(r.averageTokensPerRequest),
          rounded(r.costPerMillionTokens),
          plain(r.quantity),
          plain(r.costPerUnit),
          r.isMostEfficient,
        ];
      };
      // credits: none of these providers reports credits (null, not captured); counts are exact bigints
      expect(summary('anthropic:claude-sonnet-4|')).toEqual([
        '3',
        '2',
        '50',
        null,
        800000n,
        200000n,
        0n,
        null,
        null,
        '3',
        null,
        null,
        false,
      ]);
      expect(summary('anthropic:claude-haiku|')).toEqual([
        '0.0004',
        '0',
        null,
        null,
        1000n,
        600n,
        0n,
        null,
        null,
        '0.25',
        null,
        null,
        false,
      ]);
      expect(summary('openai:gpt-4o|')).toEqual([
        '2',
        '1',
        '100',
        null,
        600000n,
        150000n,
        50000n,
        150n,
        '5000',
        '2.666667',
        null,
        null,
        false,
      ]);
      expect(summary('openai:gpt-4o-mini|')).toEqual([
        '0.3',
        '0.5',
        '-40',
        null,
        1000000n,
        500000n,
        0n,
        300n,
        '5000',
        '0.2',
        null,
        null,
        true,
      ]);
      expect(summary('openai:gpt-image-1|images')).toEqual([
        '0.6',
        '0',
        null,
        null,
        null,
        null,
        null,
        5n,
        null,
        null,
        '15',
        '0.04',
        true,
      ]);
      expect(summary('runway:gen4_turbo|credits')).toEqual([
        '2.5',
        '0',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '250',
        '0.01',
        true,
      ]);
      expect(summary('runway:gen3a_turbo|credits')).toEqual([
        '1.5',
        '0',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '100',
        '0.015',
        false,
      ]);
    });

    it('gives image rows their count, cost per image, total and the size/source mix OpenAI reports', async () => {
      const { rows } = await queryModelDashboard(ds, a.org.id, filter({ search: 'image' }), TODAY);
      expect(rows).toHaveLength(1);
      expect(plain(rows[0]!.images)).toEqual({
        count: '15',
        costPerImage: '0.04',
        cost: '0.6',
        mix: { size: { '1024x1024': 13, '512x512': 2 }, source: { 'image.generation': 13, 'image.edit': 2 } },
      });
      const tokens = await queryModelDashboard(ds, a.org.id, filter({ search: 'gpt-4o' }), TODAY);
      expect(tokens.rows.map((r) => [r.model, r.images])).toEqual([
        ['gpt-4o', null],
        ['gpt-4o-mini', null],
      ]);
    });

    it('keeps requests null for a model whose provider reports none, never 0', async () => {
      const { rows } = await queryModelDashboard(ds, a.org.id, filter({ providers: ['anthropic'] }), TODAY);
      expect(rows.map((r) => [r.model, r.requests, r.averageTokensPerRequest])).toEqual([
        ['claude-sonnet-4', null, null],
        ['claude-haiku', null, null],
      ]);
    });

    it('flags the most efficient model among the rows the filter leaves', async () => {
      const { rows } = await queryModelDashboard(ds, a.org.id, filter({ search: 'claude' }), TODAY);
      // gpt-4o-mini ($0.20/1M) is filtered out; of claude-sonnet-4 ($3/1M) and claude-haiku ($0.25/1M) haiku wins
      expect(rows.map((r) => [r.model, r.isMostEfficient])).toEqual([
        ['claude-sonnet-4', false],
        ['claude-haiku', true],
      ]);
    });

    it.each<[string, DashboardFilterInput, string[]]>([
      ['providers', { providers: ['openai'] }, ['gpt-4o', 'gpt-image-1', 'gpt-4o-mini']],
      ['a workspace id', { workspaces: ['__RESEARCH__'] }, ['gpt-image-1', 'gpt-4o-mini']],
      ['a provider workspace id', { workspaces: ['wrk_ml'] }, ['claude-haiku']],
      [
        'an inclusive cost range',
        { costMin: '0.30', costMax: '2.00' },
        ['gpt-4o', 'gen3a_turbo', 'gpt-image-1', 'gpt-4o-mini'],
      ],
      ['a search that is a LIKE wildcard', { search: '%' }, []],
      [
        'model name ascending',
        { sort: { field: 'model', direction: 'asc' } },
        ['claude-haiku', 'claude-sonnet-4', 'gen3a_turbo', 'gen4_turbo', 'gpt-4o', 'gpt-4o-mini', 'gpt-image-1'],
      ],
      [
        'cost per 1M tokens ascending, unknown last',
        { sort: { field: 'costPerMillionTokens', direction: 'asc' } },
        ['gpt-4o-mini', 'claude-haiku', 'gpt-4o', 'claude-sonnet-4', 'gpt-image-1', 'gen3a_turbo', 'gen4_turbo'],
      ],
      [
        'requests descending, unknown last',
        { sort: { field: 'requests', direction: 'desc' }, providers: ['openai', 'anthropic'] },
        ['gpt-4o-mini', 'gpt-4o', 'gpt-image-1', 'claude-haiku', 'claude-sonnet-4'],
      ],
    ])('filters and sorts by %s', async (_name, input, expected) => {
      const workspaces = input.workspaces?.map((w) => (w === '__RESEARCH__' ? a.projResearch.id : w));
      const { rows, total } = await queryModelDashboard(
        ds,
        a.org.id,
        filter({ ...input, ...(workspaces ? { workspaces } : {}) }),
        TODAY,
      );
      expect(rows.map((r) => r.model)).toEqual(expected);
      expect(total).toBe(expected.length);
    });

    it.each([
      [0, 2, ['claude-sonnet-4', 'runway:gen4_turbo']],
      [6, 2, ['claude-haiku']],
      [10, 2, []],
    ])('pages with offset %i and limit %i, keeping the total', async (offset, limit, expected) => {
      const { rows, total } = await queryModelDashboard(ds, a.org.id, filter({ offset, limit }), TODAY);
      expect(rows.map((r) => (r.provider === 'runway' ? r.modelId : r.model))).toEqual(expected);
      expect(total).toBe(7);
    });
  });
});
