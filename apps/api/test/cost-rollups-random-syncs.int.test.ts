import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, addDays, weekStart } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import { createRandom } from '@spendsync/simulators';
import type { DataSource } from 'typeorm';
import { replacePartition } from '../src/features/sync/replace-partition';
import { ZCostSeriesOptions, ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { queryCostSeries } from '../src/features/dashboards/cost-series.service';
import type { CostSeriesPoint } from '../src/features/dashboards/dashboard-rows';
import { containsPattern, dashboardWindow } from '../src/features/dashboards/dashboard-query';
import { queryApiKeyDashboard } from '../src/features/dashboards/api-key-dashboard.service';
import { queryModelDashboard } from '../src/features/dashboards/model-dashboard.service';
import { queryWorkspaceDashboard } from '../src/features/dashboards/workspace-dashboard.service';
import { TODAY, seedOrganizationA, type SeededOrganization } from './dashboard-seed';
import { ACTIVE, expectExact } from './support/rollup-exactness';
import { searchedKeyCosts } from './searched-key-costs';
import { openTestDataSource } from './test-data-source';

const BY_DAY = ZCostSeriesOptions.parse({ granularity: 'day', groupBy: 'model' });
const BY_WEEK = ZCostSeriesOptions.parse({ granularity: 'week', groupBy: 'model' });

/** A chart point as text, its amounts canonical, to compare exactly. */
const pointText = (p: CostSeriesPoint) =>
  [
    p.bucket,
    p.key,
    ...[p.cost, p.credits, p.net].map((v) => (v === null ? '-' : new Money(v).toString())),
    p.provisional,
  ].join(' ');

/** Daily points summed per ISO week (its Monday) and key, as the chart by week must show them. */
function weeksOf(daily: readonly CostSeriesPoint[]): CostSeriesPoint[] {
  const plus = (a: string | null, b: string | null) =>
    a === null || b === null ? null : new Money(a).plus(new Money(b)).toString();
  const weeks = new Map<string, CostSeriesPoint>();
  for (const point of daily) {
    const bucket = weekStart(point.bucket);
    const week = weeks.get(`${bucket} ${point.key}`);
    weeks.set(
      `${bucket} ${point.key}`,
      week
        ? {
            ...week,
            cost: plus(week.cost, point.cost)!,
            credits: plus(week.credits, point.credits),
            net: plus(week.net, point.net),
            provisional: week.provisional || point.provisional,
          }
        : { ...point, bucket },
    );
  }
  return [...weeks.values()].sort((x, y) => `${x.bucket} ${x.key}`.localeCompare(`${y.bucket} ${y.key}`));
}

describe('cost rollups after random syncs and re-syncs', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('stay the exact sums of the records, daily and monthly, and dashboards total the raw records', async () => {
    const next = createRandom(19).next; // the same "random" syncs on every run
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const accounts = [
      { id: a.openai.id, provider: 'openai' as const },
      { id: a.anthropic.id, provider: 'anthropic' as const },
    ];
    for (let round = 0; round < 12; round += 1) {
      const account = pick(accounts);
      // a run over 1–40 days from late April to early July, so runs cross month boundaries
      const first = addDays('2025-04-20', Math.floor(next() * 70));
      const days = Array.from({ length: 1 + Math.floor(next() * 40) }, (_, i) => addDays(first, i));
      const records = days.flatMap((day) =>
        Array.from({ length: Math.floor(next() * 4) }, (_, i) =>
          buildCostRecord({
            provider: account.provider,
            day,
            workspaceId: pick(['proj_web', 'proj_research', null]),
            apiKeyId: pick(['key_a', 'key_b', null]),
            // hints vary, one holding a term some models hold too ('4o')
            apiKeyHint: pick(['sk-proj-Ab1...wxyz', 'sk-...4o12', null]),
            model: `${pick(['gpt-4o', 'gpt-4.1'])}-${i}`,
            cost: new Money(`${Math.floor(next() * 1e6)}.${Math.floor(next() * 1e6)}`),
            creditsApplied: new Money(pick(['0', '0.000001', '0.5'])),
            requests: pick([null, 0, 7]),
            inputTokens: pick([null, 1000]),
            outputTokens: pick([null, 10]),
          }),
        ),
      );
      await replacePartition(ds, {
        organizationId: a.org.id,
        providerAccountId: account.id,
        provider: account.provider,
        days,
        records,
      });
      await expectExact(ds, a.org.id);
    }
    // Two windows of whole months and edge days. The first ends on June 28th with records after it in
    // June: its June part reads June's blocks and days. The second ends the day after the last record,
    // the 12th of the month after the random runs, whose part from the 1st reads that month's row
    // (nothing follows it), in every rollup.
    const [{ runsEnd }] = await ds.query(
      `SELECT max(day)::text AS "runsEnd" FROM cost_records WHERE organization_id = $1`,
      [a.org.id],
    );
    const last = addDays(runsEnd, 12);
    await replacePartition(ds, {
      organizationId: a.org.id,
      providerAccountId: accounts[0]!.id,
      provider: 'openai',
      days: [last],
      records: ['gpt-4o-0', 'gpt-4.1-1'].map((model) =>
        buildCostRecord({
          provider: 'openai',
          day: last,
          workspaceId: 'proj_web',
          apiKeyId: 'key_a',
          model,
          cost: new Money('12.345678'),
        }),
      ),
    });
    await expectExact(ds, a.org.id);
    const windows = [
      { start: '2025-04-25', end: '2025-06-28' },
      { start: '2025-04-25', end: addDays(last, 1) },
    ];
    const [{ n: afterFirst }] = await ds.query(
      `SELECT count(*)::int AS n FROM cost_records WHERE organization_id = $1 AND day >= '2025-06-28' AND day < '2025-07-01'`,
      [a.org.id],
    );
    expect(afterFirst).toBeGreaterThan(0);
    expect(windows[1]!.end.endsWith('-01')).toBe(false);
    for (const window of windows) {
      const filter = ZDashboardFilter.parse({ period: window });
      /** The exact cost of the window's records that meet `condition` (on `c`, and `w` its workspace). */
      const recordsCost = async (condition: string, values: unknown[] = []): Promise<string> => {
        const [row] = await ds.query(
          `SELECT coalesce(sum(c.cost), 0)::text AS cost FROM cost_records c
          LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
          WHERE c.organization_id = $1 AND c.day >= $2 AND c.day < $3 AND ${condition}`,
          [a.org.id, window.start, window.end, ...values],
        );
        return new Money(row.cost).toString();
      };
      const totalOf = (rows: readonly { cost: Money }[]) =>
        rows.reduce((sum, row) => sum.plus(row.cost), new Money('0')).toString();
      const { rows } = await queryWorkspaceDashboard(ds, a.org.id, { ...filter, limit: 500 }, TODAY);
      const raw = { cost: await recordsCost('true') };
      expect(totalOf(rows)).toBe(raw.cost);
      // a search over it reads the search rollup's months (narrowed through its trigram and workspace
      // indexes) and blocks, and the records of the days left: every searched column, the admin's and
      // the provider's workspace names included, finds exactly the records it matches
      const openai = accounts[0]!.id;
      await ds.query(
        `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name, display_name)
        VALUES ($1, $2, 'proj_web', 'Web storefront', 'Zebra team'), ($1, $2, 'proj_research', 'Research lab', NULL)
        ON CONFLICT (provider_account_id, external_id)
          DO UPDATE SET provider_name = excluded.provider_name, display_name = excluded.display_name`,
        [a.org.id, openai],
      );
      const searchedCosts: string[] = [];
      const terms = [
        '4.1',
        'ZEBRA',
        'storefront',
        'research',
        'Default proj',
        'WXYZ',
        '4o',
        'proj_',
        'nothing-like-it',
      ];
      for (const term of terms) {
        const searched = await queryWorkspaceDashboard(ds, a.org.id, { ...filter, search: term, limit: 500 }, TODAY);
        const matches = `(c.model ILIKE $4 OR c.api_key_hint ILIKE $4 OR c.workspace_name ILIKE $4
            OR coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id) ILIKE $4
            OR w.provider_name ILIKE $4)`;
        const matching = await recordsCost(matches, [containsPattern(term)]);
        expect({ term, cost: totalOf(searched.rows) }).toEqual({ term, cost: matching });
        searchedCosts.push(totalOf(searched.rows));
        // the API keys dashboard sums the keys the term holds wholly from the key rollup, the rest at
        // the search grain (a key's records carry several hints here, some holding a term, some not):
        // each key's cost is its matching records'
        const keys = await searchedKeyCosts(ds, a.org.id, term, window, TODAY, { withAccount: true });
        expect({ term, keys: keys.dashboard }).toEqual({ term, keys: keys.records });
        // cost over time by day reads the daily workspace × model rollup when no key hint holds the
        // term ('WXYZ' and '4o' are hints', '4o' some models' too), the records otherwise: each
        // point (day and model) is the matching records' sum
        const daily = await queryCostSeries(ds, a.org.id, { ...filter, search: term }, BY_DAY, TODAY);
        const byDayAndModel = (await ds.query(
          `SELECT to_char(c.day, 'YYYY-MM-DD') AS bucket, c.provider || ':' || c.model AS key, sum(c.cost)::text AS cost
          FROM cost_records c
          LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
          WHERE c.organization_id = $1 AND c.day >= $2 AND c.day < $3 AND ${matches} GROUP BY 1, 2`,
          [a.org.id, window.start, window.end, containsPattern(term)],
        )) as { bucket: string; key: string; cost: string }[];
        const costText = (p: { bucket: string; key: string; cost: string }) =>
          `${p.bucket} ${p.key} ${new Money(p.cost).toString()}`;
        expect({ term, days: daily.map(costText).sort() }).toEqual({ term, days: byDayAndModel.map(costText).sort() });
        // by ISO week it reads the search rollup's whole weeks and the edge days' records: each point
        // (week and model) is the sum of that week's daily points, credits and net included
        const weekly = await queryCostSeries(ds, a.org.id, { ...filter, search: term }, BY_WEEK, TODAY);
        expect({ term, weeks: weekly.map(pointText) }).toEqual({ term, weeks: weeksOf(daily).map(pointText) });
        expect(weekly.length).toBeLessThan(daily.length || 1);
      }
      // the terms cover some of the spend, some of it through a workspace's admin name alone, and none of it
      const [partial, zebra] = searchedCosts.map((cost) => new Money(cost));
      expect(partial!.gt(0) && partial!.lt(new Money(raw.cost))).toBe(true);
      expect(zebra!.gt(0) && zebra!.lt(new Money(raw.cost))).toBe(true);
      expect(searchedCosts.at(-1)).toBe('0');

      // a workspace filter (the admin's name, the provider's, the record's, the workspace's id or the
      // provider's id) narrows every part of the scan; Models, API keys and Workspaces each read their own
      // rollup, and each totals exactly the records the filter matches
      const [web] = await ds.query(
        `SELECT id FROM workspaces WHERE provider_account_id = $1 AND external_id = 'proj_web'`,
        [openai],
      );
      const workspaceFilters = [
        ['Zebra team'],
        ['Research lab'],
        ['Web storefront'],
        ['proj_web'],
        [web.id],
        ['Default project'],
      ];
      for (const workspaces of workspaceFilters) {
        const want = await recordsCost(
          `(coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id) = ANY($4)
            OR w.id::text = ANY($4) OR c.workspace_external_id = ANY($4))`,
          [workspaces],
        );
        const scoped = { ...filter, workspaces, limit: 500 };
        const totals = {
          models: (await queryModelDashboard(ds, a.org.id, scoped, TODAY)).rows,
          apiKeys: (await queryApiKeyDashboard(ds, a.org.id, scoped, TODAY)).rows,
          workspaces: (await queryWorkspaceDashboard(ds, a.org.id, scoped, TODAY)).rows,
        };
        for (const [dashboard, rows] of Object.entries(totals)) {
          expect({ workspaces, dashboard, cost: totalOf(rows) }).toEqual({ workspaces, dashboard, cost: want });
        }
      }
    }

    // the API keys dashboard reads running totals at the window's ends: per key, each figure of both
    // periods equals the records' (a calendar comparison with a gap between its periods, a window
    // reaching past the records, one before them, and the filters it serves)
    const periods = [
      { start: '2025-04-25', end: '2025-06-28' },
      'this_month',
      'last_30_days',
      { start: '2025-05-31', end: '2025-09-15' },
      { start: '2025-01-01', end: '2025-03-01' },
      'last_month', // whole months: a scan of the key rollup, not its running totals
    ] as const;
    for (const period of periods) {
      for (const extra of [{}, { providers: ['anthropic'] }, { workspaces: ['Zebra team'] }, { costMin: '1' }]) {
        const keyFilter = ZDashboardFilter.parse({ period, ...extra, limit: 500 });
        const window = dashboardWindow(keyFilter, TODAY);
        const dashboard = (await queryApiKeyDashboard(ds, a.org.id, keyFilter, TODAY)).rows.filter(
          (row) => !row.cost.isZero() || !row.previousCost.isZero() || row.lastActiveDay !== null,
        );
        const keyed = await ds.query(
          `SELECT c.provider_account_id::text AS account, c.api_key_external_id AS key,
            coalesce(sum(c.cost) FILTER (WHERE c.day >= $4), 0)::text AS cost,
            coalesce(sum(c.cost) FILTER (WHERE c.day < $3), 0)::text AS previous,
            sum(c.input_tokens) FILTER (WHERE c.day >= $4)::text AS input, sum(c.output_tokens) FILTER (WHERE c.day >= $4)::text AS output,
            sum(c.requests) FILTER (WHERE c.day >= $4)::text AS requests, sum(c.requests) FILTER (WHERE c.day < $3)::text AS previous_requests,
            to_char(max(c.day) FILTER (WHERE ${ACTIVE.replace(/\b(cost|input_tokens|output_tokens|requests|quantity)\b/g, 'c.$1')}), 'YYYY-MM-DD') AS last_active,
            count(*) FILTER (WHERE c.day >= $4)::int AS current_records, count(*) FILTER (WHERE c.day < $3)::int AS previous_records,
            min(c.provider) AS provider
          FROM cost_records c
          LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
          WHERE c.organization_id = $1 AND ((c.day >= $2 AND c.day < $3) OR (c.day >= $4 AND c.day < $5))
            AND ($6::text[] IS NULL OR c.provider = ANY($6))
            AND ($7::text[] IS NULL OR coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id) = ANY($7))
          GROUP BY 1, 2 HAVING $8::numeric IS NULL OR coalesce(sum(c.cost) FILTER (WHERE c.day >= $4), 0) >= $8
          ORDER BY 1, 2 NULLS FIRST`,
          [
            a.org.id,
            window.previous.start,
            window.previous.end,
            window.current.start,
            window.current.end,
            keyFilter.providers.length > 0 ? keyFilter.providers : null,
            keyFilter.workspaces.length > 0 ? keyFilter.workspaces : null,
            keyFilter.costMin ?? null,
          ],
        );
        const shown = dashboard
          .map((row) => ({
            account: row.providerAccountId,
            key: row.isUnattributed ? null : row.externalId,
            cost: row.cost.toString(),
            previous: row.previousCost.toString(),
            input: row.inputTokens?.toString() ?? null,
            output: row.outputTokens?.toString() ?? null,
            requests: row.requests?.toString() ?? null,
            previous_requests: row.previousRequests?.toString() ?? null,
            last_active: row.lastActiveDay,
          }))
          .sort((x, y) => (x.account + (x.key ?? '')).localeCompare(y.account + (y.key ?? '')));
        // a provider that counts requests (OpenAI here, not Anthropic) made 0 in a period without records
        const requestsOf = (sum: string | null, records: number, provider: string) =>
          sum ?? (records === 0 && provider === 'openai' ? '0' : null);
        const want = keyed
          .map(({ current_records, previous_records, provider, ...row }: Record<string, string | number | null>) => ({
            ...row,
            cost: new Money(String(row.cost)).toString(),
            previous: new Money(String(row.previous)).toString(),
            requests: requestsOf(row.requests as string | null, current_records as number, provider as string),
            previous_requests: requestsOf(
              row.previous_requests as string | null,
              previous_records as number,
              provider as string,
            ),
          }))
          .filter(
            (row: { cost: string; previous: string; last_active: unknown }) =>
              row.cost !== '0' || row.previous !== '0' || row.last_active !== null,
          )
          .sort((x: { account: string; key: string | null }, y: { account: string; key: string | null }) =>
            (x.account + (x.key ?? '')).localeCompare(y.account + (y.key ?? '')),
          );
        expect({ period, extra, keys: shown }).toEqual({ period, extra, keys: want });
      }
    }
  }, 120_000); // 12 syncs, each checked under 9 searches: 7 s alone, 25 s with the machine loaded four times over

  it("give the API keys dashboard a key's last active day and workspace from the window's records only", async () => {
    const account = { id: a.openai.id, provider: 'openai' as const };
    const record = (day: string, workspaceId: string, cost: string, usage: boolean) =>
      buildCostRecord({
        provider: account.provider,
        day,
        workspaceId,
        apiKeyId: 'key_moved',
        model: 'gpt-4o',
        cost: new Money(cost),
        creditsApplied: new Money('0'),
        requests: usage ? 3 : null,
        inputTokens: usage ? 100 : null,
        outputTokens: usage ? 1 : null,
      });
    // active in January in one workspace; in May only a record with no cost or usage, in another
    for (const [day, records] of [
      ['2025-01-10', [record('2025-01-10', 'proj_a_old', '2.5', true)]],
      ['2025-05-05', [record('2025-05-05', 'proj_z_new', '0', false)]],
    ] as const) {
      await replacePartition(ds, {
        organizationId: a.org.id,
        providerAccountId: account.id,
        provider: account.provider,
        days: [day],
        records: [...records],
      });
    }
    const rowOf = async (period: { start: string; end: string }) =>
      (await queryApiKeyDashboard(ds, a.org.id, ZDashboardFilter.parse({ period, limit: 500 }), TODAY)).rows.find(
        (row) => row.externalId === 'key_moved',
      );
    // a week (running totals) and five months (running totals), then a window without its records
    const may = await rowOf({ start: '2025-05-03', end: '2025-05-10' });
    expect(may && { ws: may.workspaceExternalId, last: may.lastActiveDay, cost: may.cost.toString() }).toEqual({
      ws: 'proj_z_new',
      last: null,
      cost: '0',
    });
    const year = await rowOf({ start: '2025-01-01', end: '2025-06-01' });
    expect(year && { ws: year.workspaceExternalId, last: year.lastActiveDay, cost: year.cost.toString() }).toEqual({
      ws: 'proj_a_old',
      last: '2025-01-10',
      cost: '2.5',
    });
    expect(await rowOf({ start: '2025-06-01', end: '2025-06-10' })).toBeUndefined();
  });
});
