import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, addDays, weekStart } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import type { DataSource } from 'typeorm';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { ZCostSeriesOptions, ZDashboardFilter } from '../src/features/dashboards/dashboard-filter';
import { queryCostSeries } from '../src/features/dashboards/cost-series.service';
import type { CostSeriesPoint } from '../src/features/dashboards/dashboard-rows';
import { containsPattern, dashboardWindow } from '../src/features/dashboards/dashboard-query';
import { queryApiKeyDashboard } from '../src/features/dashboards/api-key-dashboard.service';
import { queryModelDashboard } from '../src/features/dashboards/model-dashboard.service';
import { queryWorkspaceDashboard } from '../src/features/dashboards/workspace-dashboard.service';
import { TODAY, seedOrganizationA, type SeededOrganization } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

const SUMS = `count(*)::text AS records, sum(cost)::text AS cost, sum(credits_applied)::text AS credits, sum(input_tokens)::text AS input,
  sum(output_tokens)::text AS output, sum(cached_input_tokens)::text AS cached, sum(requests)::text AS requests,
  sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0)) FILTER (WHERE requests IS NOT NULL AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL))::text AS request_tokens`;
const ROLLED = `records::text AS records, cost::text AS cost, credits_applied::text AS credits, input_tokens::text AS input, output_tokens::text AS output,
  cached_input_tokens::text AS cached, requests::text AS requests, request_tokens::text AS request_tokens`;

const BY_DAY = ZCostSeriesOptions.parse({ granularity: 'day', groupBy: 'model' });
const BY_WEEK = ZCostSeriesOptions.parse({ granularity: 'week', groupBy: 'model' });

const ACTIVE = 'cost <> 0 OR input_tokens > 0 OR output_tokens > 0 OR requests > 0 OR quantity > 0';
const MONTH_DAY = "to_char(date_trunc('month', day), 'YYYY-MM-DD')";
const MONTH = `provider_account_id, ${MONTH_DAY} AS day, workspace_external_id, model, unit`;
const KEY_MONTH = `provider_account_id, ${MONTH_DAY} AS day, api_key_external_id, workspace_external_id`;

/** Each rollup as stored, and as a plain GROUP BY over cost_records computes it now: they must be equal. */
async function bothWays(ds: DataSource, organizationId: string) {
  const grain = 'provider_account_id, day, workspace_external_id, model, unit';
  const keyGrain = 'provider_account_id, day, api_key_external_id, workspace_external_id';
  const q = (sql: string) => ds.query(sql, [organizationId]);
  return {
    models: await q(
      `SELECT ${grain}, ${ROLLED}, quantity::text AS quantity, mix FROM cost_rollup_workspace_models WHERE organization_id = $1 ORDER BY ${grain}`,
    ),
    modelsExpected:
      await q(`SELECT ${grain}, ${SUMS}, sum(quantity)::text AS quantity, sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix
      FROM cost_records WHERE organization_id = $1 GROUP BY ${grain} ORDER BY ${grain}`),
    keys: await q(
      `SELECT ${keyGrain}, api_key_hint, ${ROLLED}, is_active FROM cost_rollup_keys WHERE organization_id = $1 ORDER BY ${keyGrain}`,
    ),
    // spend with no key is kept too (api_key_external_id null), for the "(no key attribution)" rows
    keysExpected: await q(`SELECT ${keyGrain}, max(api_key_hint) AS api_key_hint, ${SUMS},
        coalesce(bool_or(cost <> 0 OR input_tokens > 0 OR output_tokens > 0 OR requests > 0 OR quantity > 0), false) AS is_active
      FROM cost_records WHERE organization_id = $1 GROUP BY ${keyGrain} ORDER BY ${keyGrain}`),
    // the monthly rollups (day = the month's first day), against the records summed by month
    months:
      await q(`SELECT ${grain}, ${ROLLED}, quantity::text AS quantity, mix FROM cost_rollup_workspace_models_monthly
      WHERE organization_id = $1 ORDER BY ${grain}`),
    monthsExpected: await q(`SELECT ${MONTH}, ${SUMS}, sum(quantity)::text AS quantity,
        sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix
      FROM cost_records WHERE organization_id = $1 GROUP BY 1, 2, 3, 4, 5 ORDER BY ${grain}`),
    keyMonths:
      await q(`SELECT ${keyGrain}, api_key_hint, ${ROLLED}, is_active, last_active_day FROM cost_rollup_keys_monthly
      WHERE organization_id = $1 ORDER BY ${keyGrain}`),
    keyMonthsExpected: await q(`SELECT ${KEY_MONTH}, max(api_key_hint) AS api_key_hint, ${SUMS},
        coalesce(bool_or(${ACTIVE}), false) AS is_active, max(day) FILTER (WHERE ${ACTIVE}) AS last_active_day
      FROM cost_records WHERE organization_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY ${keyGrain}`),
  };
}

/** The coarse rollups (models, workspaces, accounts; daily and monthly) and the key rollup's 7-day blocks, as stored and as a GROUP BY over cost_records computes them. */
async function coarseBothWays(ds: DataSource, organizationId: string) {
  const q = (sql: string) => ds.query(sql, [organizationId]);
  const grains = {
    models: { columns: ['model', 'unit'], mix: true },
    workspaces: { columns: ['workspace_external_id'], mix: false },
    accounts: { columns: [], mix: false },
  };
  const compared: { name: string; stored: unknown[]; expected: unknown[] }[] = [];
  for (const [grain, { columns, mix }] of Object.entries(grains)) {
    for (const monthly of [false, true]) {
      const dims = ['provider_account_id', 'day', ...columns].join(', ');
      const day = monthly ? MONTH_DAY : "to_char(day, 'YYYY-MM-DD')";
      const keys = ['provider_account_id', day, ...columns];
      const mixOf = mix ? ', sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix' : '';
      compared.push({
        name: `cost_rollup_${grain}${monthly ? '_monthly' : ''}`,
        stored:
          await q(`SELECT provider_account_id, to_char(day, 'YYYY-MM-DD') AS day${columns.map((c) => `, ${c}`).join('')},
            ${ROLLED}, quantity::text AS quantity${mix ? ', mix' : ''}
          FROM cost_rollup_${grain}${monthly ? '_monthly' : ''} WHERE organization_id = $1 ORDER BY ${dims}`),
        expected: await q(`SELECT provider_account_id, ${day} AS day${columns.map((c) => `, ${c}`).join('')},
            ${SUMS}, sum(quantity)::text AS quantity${mixOf}
          FROM cost_records WHERE organization_id = $1 GROUP BY ${keys.join(', ')} ORDER BY ${dims}`),
      });
    }
  }
  const block = `to_char(date_trunc('month', day)::date + (extract(day FROM day)::int - 1) / 7 * 7, 'YYYY-MM-DD')`;
  const keyGrain = 'provider_account_id, day, api_key_external_id, workspace_external_id';
  compared.push({
    name: 'cost_rollup_keys_weekly',
    stored:
      await q(`SELECT provider_account_id, to_char(day, 'YYYY-MM-DD') AS day, api_key_external_id, workspace_external_id,
        api_key_hint, ${ROLLED}, is_active, to_char(last_active_day, 'YYYY-MM-DD') AS last_active_day
      FROM cost_rollup_keys_weekly WHERE organization_id = $1 ORDER BY ${keyGrain}`),
    expected: await q(`SELECT provider_account_id, ${block} AS day, api_key_external_id, workspace_external_id,
        max(api_key_hint) AS api_key_hint, ${SUMS}, coalesce(bool_or(${ACTIVE}), false) AS is_active,
        to_char(max(day) FILTER (WHERE ${ACTIVE}), 'YYYY-MM-DD') AS last_active_day
      FROM cost_records WHERE organization_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY ${keyGrain}`),
  });
  // The search rollups: blocks, ISO weeks (their Mondays) and months at the grain of every searched column.
  const isoWeek = "to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD')";
  const searchGrain = 'workspace_external_id, workspace_name, api_key_external_id, api_key_hint, model, unit';
  for (const [name, period] of [
    ['cost_rollup_search_weekly', block],
    ['cost_rollup_search_iso_weekly', isoWeek],
    ['cost_rollup_search_monthly', MONTH_DAY],
  ] as const) {
    compared.push({
      name,
      stored: await q(`SELECT provider_account_id, to_char(day, 'YYYY-MM-DD') AS day, ${searchGrain}, api_key_name,
          ${ROLLED}, quantity::text AS quantity, mix, is_active, to_char(last_active_day, 'YYYY-MM-DD') AS last_active_day
        FROM ${name} WHERE organization_id = $1 ORDER BY provider_account_id, day, ${searchGrain}`),
      expected:
        await q(`SELECT provider_account_id, ${period} AS day, ${searchGrain}, max(api_key_name) AS api_key_name,
          ${SUMS}, sum(quantity)::text AS quantity, sum_cost_mix(array_agg(mix) FILTER (WHERE mix IS NOT NULL)) AS mix,
          coalesce(bool_or(${ACTIVE}), false) AS is_active, to_char(max(day) FILTER (WHERE ${ACTIVE}), 'YYYY-MM-DD') AS last_active_day
        FROM cost_records WHERE organization_id = $1
        GROUP BY provider_account_id, ${period}, ${searchGrain} ORDER BY provider_account_id, day, ${searchGrain}`),
    });
  }
  return compared;
}

/**
 * The key rollup's running totals (key-running-totals migration) against the records: for each key
 * row (account, key, workspace) and each day from before the records to after them, before-month
 * plus month-to-date (a missing row adds nothing; a day past the account's last month reads that
 * month's last day) equals the records through that day, known figures null when no record had one.
 */
async function runningTotalsBothWays(ds: DataSource, organizationId: string) {
  const figures = (t: string) => `${t}.records, ${t}.cost, ${t}.credits_applied, ${t}.input_tokens, ${t}.output_tokens,
    ${t}.cached_input_tokens, ${t}.requests`;
  const GROUP = 'provider_account_id, api_key_external_id, workspace_external_id';
  const probes = `SELECT g.*, d::date AS day FROM (SELECT DISTINCT ${GROUP} FROM cost_records WHERE organization_id = $1) g
    CROSS JOIN generate_series('2025-03-30'::date, '2025-08-03'::date, interval '1 day') d`;
  const [stored, expected] = await Promise.all([
    ds.query(
      `WITH probes AS (${probes}),
      clamped AS (
        SELECT p.*, least(p.day, (SELECT (date_trunc('month', max(t.day)) + interval '1 month' - interval '1 day')::date
          FROM cost_rollup_keys_to_date t WHERE t.provider_account_id = p.provider_account_id)) AS through FROM probes p),
      parts AS (
        SELECT c.${GROUP.replaceAll(', ', ', c.')}, c.day, ${figures('b')}, b.input_token_days, b.output_token_days,
          b.cached_input_token_days, b.request_days, b.last_record_day, b.last_active_day, b.api_key_hint
        FROM clamped c JOIN cost_rollup_keys_before_month b ON b.provider_account_id = c.provider_account_id
          AND b.day = date_trunc('month', c.through)::date AND b.api_key_external_id IS NOT DISTINCT FROM c.api_key_external_id
          AND b.workspace_external_id IS NOT DISTINCT FROM c.workspace_external_id
        UNION ALL
        SELECT c.${GROUP.replaceAll(', ', ', c.')}, c.day, ${figures('m')}, m.input_token_days, m.output_token_days,
          m.cached_input_token_days, m.request_days, m.last_record_day, m.last_active_day, m.api_key_hint
        FROM clamped c JOIN cost_rollup_keys_to_date m ON m.provider_account_id = c.provider_account_id
          AND m.day = c.through AND m.api_key_external_id IS NOT DISTINCT FROM c.api_key_external_id
          AND m.workspace_external_id IS NOT DISTINCT FROM c.workspace_external_id)
      SELECT ${GROUP}, to_char(day, 'YYYY-MM-DD') AS day, sum(records)::text AS records, sum(cost)::text AS cost,
        sum(credits_applied)::text AS credits,
        CASE WHEN sum(input_token_days) > 0 THEN sum(input_tokens)::text END AS input,
        CASE WHEN sum(output_token_days) > 0 THEN sum(output_tokens)::text END AS output,
        CASE WHEN sum(cached_input_token_days) > 0 THEN sum(cached_input_tokens)::text END AS cached,
        CASE WHEN sum(request_days) > 0 THEN sum(requests)::text END AS requests,
        to_char(max(last_record_day), 'YYYY-MM-DD') AS last_record_day, to_char(max(last_active_day), 'YYYY-MM-DD') AS last_active_day,
        max(api_key_hint) AS api_key_hint
      FROM parts GROUP BY ${GROUP}, day ORDER BY ${GROUP}, day`,
      [organizationId],
    ),
    ds.query(
      `WITH probes AS (${probes})
      SELECT p.${GROUP.replaceAll(', ', ', p.')}, to_char(p.day, 'YYYY-MM-DD') AS day, count(*)::text AS records,
        sum(c.cost)::text AS cost, sum(c.credits_applied)::text AS credits, sum(c.input_tokens)::text AS input,
        sum(c.output_tokens)::text AS output, sum(c.cached_input_tokens)::text AS cached, sum(c.requests)::text AS requests,
        to_char(max(c.day), 'YYYY-MM-DD') AS last_record_day,
        to_char(max(c.day) FILTER (WHERE c.cost <> 0 OR c.input_tokens > 0 OR c.output_tokens > 0 OR c.requests > 0 OR c.quantity > 0), 'YYYY-MM-DD') AS last_active_day,
        max(c.api_key_hint) AS api_key_hint
      FROM probes p JOIN cost_records c ON c.organization_id = $1 AND c.provider_account_id = p.provider_account_id
        AND c.api_key_external_id IS NOT DISTINCT FROM p.api_key_external_id
        AND c.workspace_external_id IS NOT DISTINCT FROM p.workspace_external_id AND c.day <= p.day
      GROUP BY p.${GROUP.replaceAll(', ', ', p.')}, p.day ORDER BY ${GROUP}, day`,
      [organizationId],
    ),
  ]);
  return { stored, expected };
}

async function expectExact(ds: DataSource, organizationId: string) {
  const rollups = await bothWays(ds, organizationId);
  expect(rollups.models).toEqual(rollups.modelsExpected);
  expect(rollups.keys).toEqual(rollups.keysExpected);
  expect(rollups.months).toEqual(rollups.monthsExpected);
  expect(rollups.keyMonths).toEqual(rollups.keyMonthsExpected);
  for (const { name, stored, expected } of await coarseBothWays(ds, organizationId)) {
    expect({ name, rows: stored }).toEqual({ name, rows: expected });
    expect(stored.length).toBeGreaterThan(0);
  }
  const running = await runningTotalsBothWays(ds, organizationId);
  expect(running.stored).toEqual(running.expected);
  expect(running.stored.length).toBeGreaterThan(0);
  return rollups;
}

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

describe('cost rollups', () => {
  let ds: DataSource;
  let a: SeededOrganization;
  beforeAll(async () => {
    ds = await openTestDataSource();
    a = await seedOrganizationA(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('hold the exact sums of the records written through replace-partition (COPY)', async () => {
    const { models, keys } = await expectExact(ds, a.org.id);
    expect(models.length).toBeGreaterThan(10);
    expect(keys.length).toBeGreaterThan(5);
    const images = models.filter((r: { unit: string | null }) => r.unit === 'images');
    expect(images.map((r: { day: string; cost: string; mix: unknown }) => [r.day, r.cost, r.mix])).toEqual([
      [
        '2025-06-05',
        '0.48',
        { size: { '512x512': 2, '1024x1024': 10 }, source: { 'image.edit': 2, 'image.generation': 10 } },
      ],
      ['2025-06-06', '0.12', { size: { '1024x1024': 3 }, source: { 'image.generation': 3 } }],
    ]);
  });

  it('follow a re-sync that revises a day, withdraws another and adds a new one', async () => {
    await replacePartition(ds, {
      organizationId: a.org.id,
      providerAccountId: a.openai.id,
      provider: 'openai',
      days: ['2025-06-05', '2025-06-06', '2025-06-07'],
      records: [
        buildCostRecord({
          day: '2025-06-05',
          workspaceId: 'proj_web',
          apiKeyId: 'key_a',
          model: 'gpt-4o',
          cost: new Money('1.26'),
          requests: 101,
        }),
        buildCostRecord({
          day: '2025-06-07',
          workspaceId: 'proj_web',
          apiKeyId: 'key_a',
          model: 'gpt-4o',
          cost: new Money('0.000001'),
          requests: null,
        }),
      ],
    });
    const { models } = await expectExact(ds, a.org.id);
    const openaiDays = models
      .filter((r: { provider_account_id: string }) => r.provider_account_id === a.openai.id)
      .map((r: { day: string; cost: string }) => [r.day, r.cost]);
    expect(openaiDays).toEqual([
      ['2025-05-27', '8.88'],
      ['2025-06-01', '0.5'],
      ['2025-06-01', '1'],
      ['2025-06-05', '1.26'],
      ['2025-06-07', '0.000001'],
      ['2025-06-11', '7.77'],
    ]);
  });

  it("follow updates, and lose an account's rows when the account is deleted", async () => {
    await ds.query(`UPDATE cost_records SET cost = cost + 0.01 WHERE provider_account_id = $1 AND day = '2025-06-05'`, [
      a.anthropic.id,
    ]);
    await expectExact(ds, a.org.id);
    await ds.getRepository(ProviderAccount).delete({ id: a.runway.id });
    const { models } = await expectExact(ds, a.org.id);
    expect(models.filter((r: { provider_account_id: string }) => r.provider_account_id === a.runway.id)).toEqual([]);
  });

  it('are emptied, every one of them, by a TRUNCATE of the records (as a restore does)', async () => {
    await ds.query('TRUNCATE cost_records');
    const [{ tables, rows }] = await ds.query(`SELECT count(*)::int AS tables,
        sum((xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM ' || quote_ident(relname), false, true, '')))[1]::text::int)::int AS rows
      FROM pg_class WHERE relkind = 'r' AND relname LIKE 'cost\\_rollup\\_%'`);
    expect({ tables, rows }).toEqual({ tables: 16, rows: 0 });
  });
});

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
    const next = seeded(19);
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
      const terms = ['4.1', 'ZEBRA', 'storefront', 'research', 'Default proj', 'WXYZ', 'proj_', 'nothing-like-it'];
      for (const term of terms) {
        const searched = await queryWorkspaceDashboard(ds, a.org.id, { ...filter, search: term, limit: 500 }, TODAY);
        const matches = `(c.model ILIKE $4 OR c.api_key_hint ILIKE $4 OR c.workspace_name ILIKE $4
            OR coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id) ILIKE $4
            OR w.provider_name ILIKE $4)`;
        const matching = await recordsCost(matches, [containsPattern(term)]);
        expect({ term, cost: totalOf(searched.rows) }).toEqual({ term, cost: matching });
        searchedCosts.push(totalOf(searched.rows));
        // cost over time by day reads the daily workspace × model rollup when no key hint holds the
        // term ('WXYZ' is a hint's, the others are not), the records otherwise: each point (day and
        // model) is the matching records' sum
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
  });

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

/** mulberry32: the same "random" syncs on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
