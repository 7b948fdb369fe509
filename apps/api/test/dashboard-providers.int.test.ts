import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { DashboardFilterInput } from '../src/features/dashboards/dashboard-filter';
import { DashboardInputError } from '../src/features/dashboards/dashboard-query';
import { queryCostSeries } from '../src/features/dashboards/cost-series.service';
import { Money } from '@spendsync/domain';
import { queryRows } from '../src/features/dashboards/dashboard-db';
import {
  buildUnattributedMeteredQuery,
  queryProviderDashboard,
} from '../src/features/dashboards/provider-dashboard.service';
import { TODAY, plain, rounded, type SeededOrganization } from './dashboard-seed';
import { lastSevenDays, openDashboardFixture } from './dashboard-fixture';

const filter = lastSevenDays;

describe('provider dashboard', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  beforeAll(async () => {
    ({ ds, a } = await openDashboardFixture());
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  describe('queryProviderDashboard', () => {
    it('carries the metered spend no key took on the page, as its own statement reads it', async () => {
      const unattributed = async (input: DashboardFilterInput) => {
        const f = filter(input);
        const page = await queryProviderDashboard(ds, a.org.id, f, TODAY);
        const alone = await queryRows(ds, buildUnattributedMeteredQuery(a.org.id, f, TODAY));
        const shown = page.unattributedMetered.map((u) => [
          u.provider,
          u.metered.toFixed(),
          u.previousMetered.toFixed(),
        ]);
        expect(shown).toEqual(
          alone.map((r) => [
            r.provider,
            new Money(String(r.metered)).toFixed(),
            new Money(String(r.previous_metered)).toFixed(),
          ]),
        );
        return { shown, rows: page.rows.length };
      };
      expect(await unattributed({})).toEqual({ shown: [['anthropic', '0.6', '0']], rows: 3 });
      // a page past the end, and a search no account's records hold, have no row to carry it
      expect(await unattributed({ offset: 10 })).toEqual({ shown: [['anthropic', '0.6', '0']], rows: 0 });
      expect(await unattributed({ search: 'unknown' })).toEqual({ shown: [['anthropic', '0.6', '0']], rows: 0 });
      for (const input of [
        { providers: ['anthropic'] },
        { search: 'sk-ant' },
        { workspaces: ['Web'] },
        { costMin: '1' },
      ])
        await unattributed(input as DashboardFilterInput);
    });

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
});
