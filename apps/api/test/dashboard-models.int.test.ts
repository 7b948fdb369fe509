import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { DashboardFilterInput } from '../src/features/dashboards/dashboard-filter';
import { queryModelDashboard } from '../src/features/dashboards/model-dashboard.service';
import { TODAY, plain, rounded, type SeededOrganization } from './dashboard-seed';
import { lastSevenDays, openDashboardFixture } from './dashboard-fixture';

const filter = lastSevenDays;

describe('model dashboard', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  beforeAll(async () => {
    ({ ds, a } = await openDashboardFixture());
  });
  afterAll(async () => {
    await ds?.destroy();
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
