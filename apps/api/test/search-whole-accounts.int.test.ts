import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, addDays, type CostRecord, type Day, type ProviderId } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import { createRandom } from '@spendsync/simulators';
import type { DataSource } from 'typeorm';
import { buildCostSeriesStatement, queryCostSeries } from '../src/features/dashboards/cost-series.service';
import {
  ZCostSeriesOptions,
  ZDashboardFilter,
  type DashboardFilter,
} from '../src/features/dashboards/dashboard-filter';
import { containsPattern } from '../src/features/dashboards/dashboard-query';
import { queryModelDashboard } from '../src/features/dashboards/model-dashboard.service';
import { queryModelInsights } from '../src/features/dashboards/model-insights.service';
import { queryProviderDashboard } from '../src/features/dashboards/provider-dashboard.service';
import { readSearchMatches } from '../src/features/dashboards/search-matches';
import { queryWorkspaceDashboard } from '../src/features/dashboards/workspace-dashboard.service';
import { Organization } from '../src/features/organizations/organization.entity';
import type { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { TODAY, addAccount } from './dashboard-seed';
import { openTestDataSource } from './test-data-source';

/**
 * "Kappa" names every workspace of the OpenAI account (by the records' names, or the admin's name
 * in the directory for one whose records carry another) and the hint of its spend with no
 * workspace: the term holds that account wholly. At Anthropic it names a model only.
 */
const FIRST_DAY = '2025-03-20';
const DAYS = 83; // through 2025-06-10, the day before TODAY
/** Whole months and days at their edges, and the rolling and calendar presets. */
const PERIODS = [
  { start: '2025-05-01', end: '2025-06-01' },
  { start: '2025-04-09', end: '2025-06-08' },
  'last_30_days',
  'this_month',
] as const;
const TERMS = ['kappa', 'sk-', 'KAPPA T', 'claude', 'gpt-k', 'nothing-like-it'];

describe('a search holding accounts wholly', () => {
  let ds: DataSource;
  let orgId: string;
  let openai: ProviderAccount;
  let anthropic: ProviderAccount;

  /** The filter with what holds its term read, and the same with no account held wholly (the search grain's path). */
  const filtersOf = async (input: Record<string, unknown>) => {
    const filter = ZDashboardFilter.parse({ limit: 500, ...input });
    const matches = await readSearchMatches(ds, orgId, filter.search!);
    const whole: DashboardFilter = { ...filter, searchMatches: matches };
    const grain: DashboardFilter = { ...filter, searchMatches: { ...matches, wholeAccounts: [] } };
    // the other accounts not known: the rest is every account but those held wholly
    const { partAccounts: _part, ...unknown } = matches;
    const wholeOnly: DashboardFilter = { ...filter, searchMatches: unknown };
    return { matches, whole, grain, wholeOnly };
  };

  /** Every dashboard and chart reading the coarser rollups, as plain JSON. */
  const everything = async (filter: DashboardFilter) => {
    const series = async (granularity: 'day' | 'week', groupBy: 'provider' | 'model' | 'workspace') =>
      queryCostSeries(ds, orgId, filter, ZCostSeriesOptions.parse({ granularity, groupBy }), TODAY);
    return JSON.parse(
      JSON.stringify(
        {
          providers: await queryProviderDashboard(ds, orgId, filter, TODAY),
          models: await queryModelDashboard(ds, orgId, filter, TODAY),
          insights: await queryModelInsights(ds, orgId, filter, TODAY),
          workspaces: await queryWorkspaceDashboard(ds, orgId, filter, TODAY),
          byDay: {
            provider: await series('day', 'provider'),
            model: await series('day', 'model'),
            workspace: await series('day', 'workspace'),
          },
          byWeek: {
            provider: await series('week', 'provider'),
            model: await series('week', 'model'),
            workspace: await series('week', 'workspace'),
          },
        },
        (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
      ),
    ) as Record<string, unknown>;
  };

  beforeAll(async () => {
    ds = await openTestDataSource();
    orgId = (await ds.getRepository(Organization).save({ name: `Whole ${randomUUID()}` })).id;
    openai = await addAccount(ds, orgId, 'openai', 'OpenAI kappa');
    anthropic = await addAccount(ds, orgId, 'anthropic', 'Anthropic');
    // the admin names the workspace whose records carry "Storefront" after the term
    await ds.query(
      `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name, display_name)
      VALUES ($1, $2, 'ws_store', 'Storefront', 'Kappa store')`,
      [orgId, openai.id],
    );
    const next = createRandom(7).next;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    /** Random usage and image records of one account: each day, a record per place picked. */
    const write = async (
      account: ProviderAccount,
      places: readonly { workspaceId: string | null; workspaceName: string | null; hint: string }[],
      models: readonly string[],
    ) => {
      const days = Array.from({ length: DAYS }, (_, i) => addDays(FIRST_DAY, i));
      const records: CostRecord[] = days.flatMap((day) =>
        places
          .filter(() => next() < 0.8)
          .map((place, i) => {
            const image = next() < 0.2;
            return buildCostRecord({
              provider: account.provider as ProviderId,
              day,
              workspaceId: place.workspaceId,
              workspaceName: place.workspaceName,
              apiKeyId: `key_${i}`,
              apiKeyHint: place.hint,
              model: image ? 'image-model' : pick(models),
              cost: new Money(`${Math.floor(next() * 1e4)}.${Math.floor(next() * 1e6)}`),
              creditsApplied: new Money(pick(['0', '0.25'])),
              requests: account.provider === 'anthropic' ? null : pick([0, 3, 40]),
              inputTokens: image ? null : pick([null, 1000, 250_000]),
              outputTokens: image ? null : pick([null, 20]),
              unit: image ? 'image' : null,
              quantity: image ? new Money(String(1 + Math.floor(next() * 9))) : null,
              mix: image ? { size: { '1024x1024': 1 }, source: { 'image.generation': 1 } } : null,
            });
          }),
      );
      await replacePartition(ds, {
        organizationId: orgId,
        providerAccountId: account.id,
        provider: account.provider as ProviderId,
        days,
        records,
      });
    };
    await write(
      openai,
      [
        { workspaceId: 'ws_one', workspaceName: 'Kappa one', hint: 'sk-...aaaa' },
        { workspaceId: 'ws_two', workspaceName: 'Kappa two', hint: 'sk-...bbbb' },
        { workspaceId: 'ws_store', workspaceName: 'Storefront', hint: 'sk-...cccc' },
        { workspaceId: null, workspaceName: null, hint: 'sk-kappa...dddd' },
      ],
      ['gpt-4o', 'gpt-kilo'],
    );
    await write(
      anthropic,
      [
        { workspaceId: 'wrk_t', workspaceName: 'Team three', hint: 'sk-ant-...eeee' },
        { workspaceId: 'wrk_o', workspaceName: 'Other', hint: 'sk-ant-...ffff' },
      ],
      ['claude-kappa', 'claude-sonnet'],
    );
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('reads which accounts the term holds wholly: by record names, hints and the directory, never by a model', async () => {
    const accounts = async (term: string) => {
      const { wholeAccounts, partAccounts } = await readSearchMatches(ds, orgId, term);
      return { whole: wholeAccounts, part: partAccounts };
    };
    // and in part: Anthropic by a model alone (`search_key_models`)
    expect(await accounts('kappa')).toEqual({ whole: [openai.id], part: [anthropic.id] });
    // "Kappa t" names one of OpenAI's workspaces; "claude" only models (with no account held
    // wholly, nothing reads the accounts held in part: they are not read)
    expect(await accounts('KAPPA T')).toEqual({ whole: [], part: undefined });
    expect(await accounts('claude')).toEqual({ whole: [], part: undefined });
    expect(await accounts('sk-')).toEqual({ whole: [openai.id, anthropic.id].sort(), part: [] });
    expect(await accounts('nothing-like-it')).toEqual({ whole: [], part: undefined });
  });

  it('gives every dashboard and chart the figures the search grain gives, over whole months, edge days and presets', async () => {
    for (const term of TERMS) {
      for (const period of PERIODS) {
        const { matches, whole, grain, wholeOnly } = await filtersOf({ period, search: term });
        const [viaWhole, viaGrain] = [await everything(whole), await everything(grain)];
        expect({ term, period, ...viaWhole }).toEqual({ term, period, ...viaGrain });
        expect({ term, period, ...(await everything(wholeOnly)) }).toEqual({ term, period, ...viaGrain });
        if (matches.wholeAccounts!.length === 0) continue;
        // the accounts held wholly are read from the account rollup: the statement is not the search grain's
        const options = ZCostSeriesOptions.parse({ granularity: 'week', groupBy: 'provider' });
        expect(buildCostSeriesStatement(orgId, whole, options, TODAY).text).not.toBe(
          buildCostSeriesStatement(orgId, grain, options, TODAY).text,
        );
      }
    }
  });

  it('totals exactly the records the term matches, with the provider filter too', async () => {
    const period = { start: '2025-04-09', end: '2025-06-08' };
    for (const [term, providers] of [
      ['kappa', []],
      ['kappa', ['openai']],
      ['kappa', ['anthropic']],
      ['sk-', []],
    ] as const) {
      const { whole } = await filtersOf({ period, search: term, providers: [...providers] });
      const [row] = (await ds.query(
        `SELECT coalesce(sum(c.cost), 0)::text AS cost FROM cost_records c
        LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
        WHERE c.organization_id = $1 AND c.day >= $2 AND c.day < $3 AND (cardinality($5::text[]) = 0 OR c.provider = ANY($5))
          AND (c.model ILIKE $4 OR c.api_key_hint ILIKE $4 OR c.workspace_name ILIKE $4
            OR coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id) ILIKE $4
            OR w.provider_name ILIKE $4)`,
        [orgId, period.start, period.end, containsPattern(term), providers],
      )) as { cost: string }[];
      const want = new Money(row!.cost).toString();
      const sum = (costs: readonly string[]) => costs.reduce((s, c) => s.plus(new Money(c)), new Money('0')).toString();
      const providerRows = (await queryProviderDashboard(ds, orgId, whole, TODAY)).rows;
      const weekly = await queryCostSeries(ds, orgId, whole, ZCostSeriesOptions.parse({ granularity: 'week' }), TODAY);
      expect({ term, providers, dashboard: sum(providerRows.map((r) => r.spend.toString())) }).toEqual({
        term,
        providers,
        dashboard: want,
      });
      expect({ term, providers, chart: sum(weekly.map((p) => p.cost)) }).toEqual({ term, providers, chart: want });
      expect(new Money(want).gt(0)).toBe(providers.length === 0 || term === 'kappa');
    }
  });

  it('stops holding an account wholly once a workspace of it is shown by two names, until the directory names it', async () => {
    const day: Day = '2025-06-02';
    const renamed = ['Kappa old', 'Kappa new'].map((workspaceName, i) =>
      buildCostRecord({
        day,
        workspaceId: 'ws_renamed',
        workspaceName,
        apiKeyId: `key_r${i}`,
        model: `gpt-r${i}`,
        cost: new Money('1.5'),
      }),
    );
    const before = await ds.query(`SELECT * FROM cost_records WHERE provider_account_id = $1 AND day = $2`, [
      openai.id,
      day,
    ]);
    expect(before.length).toBeGreaterThan(0);
    const kept = before.map((row: Record<string, unknown>) =>
      buildCostRecord({
        day,
        workspaceId: row.workspace_external_id as string | null,
        workspaceName: row.workspace_name as string | null,
        apiKeyId: row.api_key_external_id as string | null,
        apiKeyHint: row.api_key_hint as string | null,
        model: row.model as string,
        unit: row.unit as string | null,
        quantity: row.quantity === null ? null : new Money(row.quantity as string),
        mix: row.mix as CostRecord['mix'],
        cost: new Money(row.cost as string),
        creditsApplied: new Money(row.credits_applied as string),
        inputTokens: row.input_tokens === null ? null : Number(row.input_tokens),
        outputTokens: row.output_tokens === null ? null : Number(row.output_tokens),
        cachedInputTokens: row.cached_input_tokens === null ? null : Number(row.cached_input_tokens),
        requests: row.requests === null ? null : Number(row.requests),
      }),
    );
    await replacePartition(ds, {
      organizationId: orgId,
      providerAccountId: openai.id,
      provider: 'openai',
      days: [day],
      records: [...kept, ...renamed],
    });
    expect((await readSearchMatches(ds, orgId, 'kappa')).wholeAccounts).toEqual([]);
    // read wholly, the workspace rollup would show one name for both: the chart by workspace would differ
    const renamedPeriod = { start: '2025-05-01', end: '2025-06-08' };
    const first = await filtersOf({ period: renamedPeriod, search: 'kappa' });
    expect(await everything(first.whole)).toEqual(await everything(first.grain));
    await ds.query(
      `INSERT INTO workspaces (organization_id, provider_account_id, external_id, provider_name, display_name)
      VALUES ($1, $2, 'ws_renamed', NULL, 'Kappa renamed')`,
      [orgId, openai.id],
    );
    expect((await readSearchMatches(ds, orgId, 'kappa')).wholeAccounts).toEqual([openai.id]);
    const { whole, grain } = await filtersOf({ period: renamedPeriod, search: 'kappa' });
    expect(await everything(whole)).toEqual(await everything(grain));
  });
});
