import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, addDays } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import {
  buildApiKeyDashboardQuery,
  mapApiKeyDashboardRow,
  queryApiKeyDashboard,
} from '../src/features/dashboards/api-key-dashboard.service';
import { allRowsStatement, queryRows } from '../src/features/dashboards/dashboard-db';
import { ZDashboardFilter, type DashboardFilterInput } from '../src/features/dashboards/dashboard-filter';
import { replacePartition } from '../src/features/sync/replace-partition';
import { readSearchMatches } from '../src/features/dashboards/search-matches';
import { TODAY, seedOrganizationA, type SeededOrganization } from './dashboard-seed';
import { searchedKeyCosts } from './searched-key-costs';
import { openTestDataSource } from './test-data-source';

/** A deterministic generator in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A row as compared: every field, decimals as text. */
const comparable = (row: ReturnType<typeof mapApiKeyDashboardRow>) =>
  JSON.parse(
    JSON.stringify(row, (_key, value: unknown) =>
      value instanceof Money || typeof value === 'bigint' ? value.toString() : value,
    ),
  );

describe('API keys dashboard pages (ranked on light sums, figures summed for the page alone)', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
    // 30 keys over three months, with ties in cost (whole dollars), keys without requests or tokens,
    // credits, and spend without a key, so pages cut through ties and every kind of figure.
    const next = seeded(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const days = Array.from({ length: 75 }, (_, i) => addDays('2025-03-28', i));
    const records = days.flatMap((day) =>
      Array.from({ length: 6 }, (_, i) => {
        const key = pick([...Array.from({ length: 30 }, (_, k) => `key_${k}`), null]);
        return buildCostRecord({
          provider: 'openai',
          day,
          workspaceId: pick(['proj_web', 'proj_research', null]),
          apiKeyId: key,
          apiKeyHint: key && `sk-proj-${key}...x`,
          model: `gpt-4o-${i}`,
          cost: new Money(String(Math.floor(next() * 4))),
          creditsApplied: new Money(pick(['0', '0.5'])),
          requests: pick([null, 0, 7]),
          inputTokens: pick([null, 1000]),
          outputTokens: pick([null, 10]),
        });
      }),
    );
    const unique = new Map(records.map((r) => [`${r.day}|${r.workspaceId}|${r.apiKeyId}|${r.model}`, r]));
    await replacePartition(ds, {
      organizationId: a.org.id,
      providerAccountId: a.openai.id,
      provider: 'openai',
      days,
      records: [...unique.values()],
    });
    // usage applications metered by hint alone (no key id): in the period, before every period, and
    // at another provider; key_a (organization A's) is metered by id
    for (const [provider, hint, day] of [
      ['openai', 'sk-proj-key_3...x', '2025-06-05'],
      ['openai', 'sk-proj-key_4...x', '2025-03-01'],
      ['anthropic', 'sk-proj-key_5...x', '2025-06-05'],
    ]) {
      await ds.query(
        `INSERT INTO metered_usage (organization_id, provider, model, api_key_hint, api_key_id, day, input_tokens, source)
         VALUES ($1, $2, 'gpt-4o', $3, NULL, $4, 10, 'test-sdk')`,
        [a.org.id, provider, hint, day],
      );
    }
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  const sorts = [
    undefined,
    { field: 'cost', direction: 'asc' },
    { field: 'costChange', direction: 'desc' },
    { field: 'previousCost', direction: 'asc' },
    { field: 'hint', direction: 'asc' },
    { field: 'name', direction: 'desc' },
    { field: 'workspaceName', direction: 'asc' },
    { field: 'lastUsed', direction: 'desc' },
    { field: 'lastActiveDay', direction: 'asc' },
    { field: 'provider', direction: 'desc' },
    // sorts the light ranking does not hold: every figure summed for every key
    { field: 'requests', direction: 'desc' },
    { field: 'net', direction: 'asc' },
  ] as const;

  it.each(['last_30_days', 'last_7_days', 'last_90_days'] as const)(
    'gives every page of %s exactly the rows, order and total of the full statement',
    async (period) => {
      for (const sort of sorts) {
        for (const extra of [{}, { costMin: '2' }] as DashboardFilterInput[]) {
          const all = ZDashboardFilter.parse({ period, ...extra, ...(sort ? { sort } : {}) });
          const everything = (
            await queryRows(ds, allRowsStatement(buildApiKeyDashboardQuery(a.org.id, all, TODAY, 'all')))
          ).map((raw) => comparable(mapApiKeyDashboardRow(raw)));
          expect(everything.length).toBeGreaterThan(10);
          // the metered flag, by id and by hint, is on some keys and not others (key_a has no cost)
          const metered = everything.filter((row) => row.hasMeteredTraffic).map((row) => row.externalId);
          if (!extra.costMin) expect(metered).toEqual(expect.arrayContaining(['key_a', 'key_3']));
          expect(metered).not.toContain('key_4');
          expect(metered).not.toContain('key_5');
          // the light ranking serves the sorts it holds wherever the running totals do
          const paged = buildApiKeyDashboardQuery(a.org.id, all, TODAY, 'page').cte;
          const heavy = sort?.field === 'requests' || sort?.field === 'net';
          if (period !== 'last_7_days') expect(paged.includes('page AS MATERIALIZED')).toBe(!heavy);
          for (const [offset, limit] of [
            [0, 5],
            [5, 5],
            [13, 7],
            [0, 500],
            [400, 10],
          ] as const) {
            const filter = ZDashboardFilter.parse({ period, ...extra, ...(sort ? { sort } : {}), offset, limit });
            const page = await queryApiKeyDashboard(ds, a.org.id, filter, TODAY);
            expect({ sort, extra, offset, total: page.total, rows: page.rows.map(comparable) }).toEqual({
              sort,
              extra,
              offset,
              total: everything.length,
              rows: everything.slice(offset, offset + limit),
            });
          }
        }
      }
    },
  );

  it.each([
    // key hints: every record of key_1 and key_10–19 holds "key_1"
    ['sk-proj-key_1', true],
    ['key_2...x', true],
    ['zzz', true],
    // a model holds it, so some keys hold it in part: the search grain
    ['gpt-4o-3', false],
  ] as const)(
    'sums a search holding every key it matches wholly (%s) from the running totals, as the records give',
    async (search, whole) => {
      for (const period of [
        { start: '2025-04-02', end: '2025-06-11' },
        { start: '2025-05-12', end: '2025-06-11' },
      ]) {
        const { dashboard, records } = await searchedKeyCosts(ds, a.org.id, search, period, TODAY);
        expect(dashboard).toEqual(records);
        if (search !== 'zzz') expect(records.length).toBeGreaterThan(0);
        const matches = await readSearchMatches(ds, a.org.id, search, { keys: true });
        const filter = { ...ZDashboardFilter.parse({ period, search }), searchMatches: matches };
        const page = buildApiKeyDashboardQuery(a.org.id, filter, TODAY, 'page').cte;
        expect({ search, period, runningTotals: page.includes('cost_rollup_keys_to_date') }).toEqual({
          search,
          period,
          runningTotals: whole,
        });
      }
    },
  );
});
