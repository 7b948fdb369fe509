import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money, ZERO, type CostRecord, type ProviderId } from '@spendsync/domain';
import { buildCostRecord } from '@spendsync/domain/testing';
import { parse } from 'csv-parse/sync';
import { ApiKey } from '../src/features/api-keys/api-key.entity';
import { ProviderAccount } from '../src/features/provider-accounts/provider-account.entity';
import { replacePartition } from '../src/features/sync/replace-partition';
import { startTestApi, TEST_PASSWORD, type TestApi } from './api-harness';
import { seedOrganizationA, TODAY, type SeededOrganization } from './dashboard-seed';

/**
 * The dashboards tell the truth (issue 11): unknown credits are null, not $0; every tab adds up
 * to the Providers total; metered usage that matches no key stays unattributed; calendar presets
 * compare with the previous calendar period; counts past 2^53 survive; the Models cards read
 * every row. Organization A of dashboard-seed, plus an AWS Bedrock account (credits, no keys)
 * and a second OpenAI account.
 */

const m = (text: string) => new Money(text);

/** A record with no tokens, requests or key (Bedrock's shape). */
const bare = (overrides: Partial<CostRecord>): CostRecord =>
  buildCostRecord({
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    cacheWriteTokens: null,
    requests: null,
    apiKeyId: null,
    apiKeyHint: null,
    apiKeyName: null,
    workspaceId: null,
    workspaceName: null,
    ...overrides,
  });

async function addAccount(
  api: TestApi,
  organizationId: string,
  provider: ProviderId,
  label: string,
  records: CostRecord[],
) {
  const account = await api.ds
    .getRepository(ProviderAccount)
    .save({ organizationId, provider, label, credentialsEncrypted: Buffer.from('x'), keyHint: 'x…1234' });
  const days = [...new Set(records.map((r) => r.day))];
  await replacePartition(api.ds, { organizationId, providerAccountId: account.id, provider, days, records });
  return account;
}

/** The sum of a column of decimal strings. */
const total = (values: (string | null)[]) => values.reduce((sum, v) => sum.add(v ?? '0'), new Money(0)).toFixed();

const PAGES = `query($f: DashboardFilterInput) {
  providerDashboard(filter: $f) { total rows { provider label spend previousSpend credits net metered } unattributedMetered { provider metered }
    period { start end previousStart previousEnd comparison } }
  modelDashboard(filter: $f) { total rows { provider model cost credits net inputTokens } period { comparison } }
  apiKeyDashboard(filter: $f) { total rows { provider externalId isUnattributed note cost credits net inputTokens outputTokens } period { comparison } }
  workspaceDashboard(filter: $f) { total rows { displayName providers cost credits net } period { comparison } }
}`;

describe('dashboards that tell the truth (today 2025-06-11)', () => {
  let api: TestApi;
  let seeded: SeededOrganization;
  let token: string;
  let openaiTwo: ProviderAccount;
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await api.gql(query, variables, token);
    expect(response.errors).toBeUndefined();
    return response.data;
  };

  beforeAll(async () => {
    api = await startTestApi({ now: () => new Date(`${TODAY}T12:00:00Z`) });
    seeded = await seedOrganizationA(api.ds);
    const org = seeded.org.id;
    await addAccount(api, org, 'aws-bedrock', 'Bedrock', [
      bare({ provider: 'aws-bedrock', day: '2025-06-05', model: 'anthropic.claude-3-haiku', cost: m('5.00') }),
      // a credit AWS scopes to the service: the adapter's bedrock-general bucket, cost 0
      bare({
        provider: 'aws-bedrock',
        day: '2025-06-05',
        model: 'bedrock-general',
        chargeKind: 'credit',
        cost: ZERO,
        creditsApplied: m('1.50'),
      }),
      // a day with a credit and nothing else (regression: its key-rollup row had a NULL is_active and the sync failed)
      bare({
        provider: 'aws-bedrock',
        day: '2025-06-06',
        model: 'bedrock-general',
        chargeKind: 'credit',
        cost: ZERO,
        creditsApplied: m('0.50'),
      }),
      // for the calendar comparison: March 31 lies in the 31 days before May, not in April
      bare({ provider: 'aws-bedrock', day: '2025-03-31', model: 'anthropic.claude-3-haiku', cost: m('7.00') }),
      bare({ provider: 'aws-bedrock', day: '2025-04-15', model: 'anthropic.claude-3-haiku', cost: m('1.00') }),
      bare({ provider: 'aws-bedrock', day: '2025-05-10', model: 'anthropic.claude-3-haiku', cost: m('3.00') }),
    ]);
    const keyed = {
      provider: 'openai' as const,
      workspaceId: 'proj_two',
      workspaceName: 'Two',
      model: 'gpt-4.1',
      requests: 1,
    };
    openaiTwo = await addAccount(api, org, 'openai', 'OpenAI two', [
      // more output than input: sorted by input alone, k_out would come second
      buildCostRecord({
        ...keyed,
        day: '2025-06-05',
        apiKeyId: 'k_out',
        apiKeyHint: 'sk-proj-Ou1...oooo',
        cost: m('0.10'),
        inputTokens: 10,
        outputTokens: 1000,
      }),
      buildCostRecord({
        ...keyed,
        day: '2025-06-05',
        apiKeyId: 'k_in',
        apiKeyHint: 'sk-proj-In1...iiii',
        cost: m('0.10'),
        inputTokens: 100,
        outputTokens: 0,
      }),
      // two safe counts whose sum passes 2^53
      buildCostRecord({
        ...keyed,
        day: '2025-06-06',
        apiKeyId: 'k_big',
        apiKeyHint: 'sk-proj-Bg1...gggg',
        cost: m('0.01'),
        inputTokens: 6_000_000_000_000_000,
        outputTokens: 0,
      }),
      buildCostRecord({
        ...keyed,
        day: '2025-06-07',
        apiKeyId: 'k_big',
        apiKeyHint: 'sk-proj-Bg1...gggg',
        cost: m('0.01'),
        inputTokens: 6_000_000_000_000_000,
        outputTokens: 0,
      }),
    ]);
    await api.ds.getRepository(ApiKey).save({
      organizationId: org,
      providerAccountId: openaiTwo.id,
      externalId: 'k_out',
      hint: 'sk-proj-Ou1...oooo',
      status: 'active',
    });
    // an OpenAI report that matches no synced key: with two OpenAI accounts, it belongs to neither
    await api.ds.query(
      `INSERT INTO metered_usage (organization_id, provider, model, api_key_hint, day, cost, source)
      VALUES ($1, 'openai', 'gpt-4.1', 'sk-proj-Zz9...zzzz', '2025-06-05', 0.70, 'test-sdk')`,
      [org],
    );
    const email = `truth-${org}@example.com`;
    await api.services.users.create(org, { email, password: TEST_PASSWORD, role: 'admin' });
    token = (await api.services.auth.login(email, TEST_PASSWORD, 'test')).token;
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('unknown is not zero', () => {
    it('returns credits and net only where the provider reports credits, on every dashboard', async () => {
      const data = await gql(PAGES, { f: { preset: 'LAST_7_DAYS', limit: 500 } });
      const account = (label: string) => data.providerDashboard.rows.find((r: { label: string }) => r.label === label);
      expect(account('Bedrock')).toMatchObject({ spend: '5', credits: '2', net: '3' });
      // regression: OpenAI, Anthropic and Runway showed credits "0" and net = spend
      for (const label of ['OpenAI main', 'Anthropic', 'Runway'])
        expect(account(label)).toMatchObject({ credits: null, net: null });
      const general = data.modelDashboard.rows.find((r: { model: string }) => r.model === 'bedrock-general');
      expect(general).toMatchObject({ provider: 'AWS_BEDROCK', cost: '0', credits: '2', net: '-2' });
      expect(data.modelDashboard.rows.find((r: { model: string }) => r.model === 'gpt-4o')).toMatchObject({
        credits: null,
        net: null,
      });
      const bedrockKeys = data.apiKeyDashboard.rows.filter((r: { provider: string }) => r.provider === 'AWS_BEDROCK');
      expect(bedrockKeys).toEqual([
        expect.objectContaining({
          externalId: null,
          isUnattributed: true,
          cost: '5',
          credits: '2',
          net: '3',
          note: 'AWS Bedrock reports cost per account, not per API key.',
        }),
      ]);
      // the no-workspace row mixes Runway (no credits) and Bedrock: a partial sum would look whole
      const none = data.workspaceDashboard.rows.find((r: { displayName: string | null }) => r.displayName === null);
      expect(none).toMatchObject({ cost: '9', credits: null, net: null });
    });

    it('exports unknown credits and net as empty cells', async () => {
      const response = await fetch(
        api.url.replace('/graphql', '/export/providers.csv?period=last_7_days&sort=label&direction=asc'),
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => [r.label, r.credits, r.net])).toEqual([
        ['Anthropic', '', ''],
        ['Bedrock', '2', '3'],
        ['OpenAI main', '', ''],
        ['OpenAI two', '', ''],
        ['Runway', '', ''],
      ]);
    });
  });

  describe('totals that add up', () => {
    it.each<[string, Record<string, unknown>]>([
      ['no filter', { preset: 'LAST_7_DAYS' }],
      ['two providers', { preset: 'LAST_7_DAYS', providers: ['ANTHROPIC', 'AWS_BEDROCK'] }],
      ['a workspace', { preset: 'LAST_7_DAYS', workspaces: ['Web'] }],
      ['a search', { preset: 'LAST_7_DAYS', search: 'claude' }],
      ['a custom range', { range: { start: '2025-04-01', end: '2025-06-11' } }],
    ])('gives every tab the Providers total with %s', async (_name, filter) => {
      const data = await gql(PAGES, { f: { ...filter, limit: 500 } });
      const providers = total(data.providerDashboard.rows.map((r: { spend: string }) => r.spend));
      expect(Number(providers)).toBeGreaterThan(0);
      expect(total(data.modelDashboard.rows.map((r: { cost: string }) => r.cost))).toBe(providers);
      // regression: spend with no key (Bedrock, Runway, account-level charges) was left off the API Keys tab
      expect(total(data.apiKeyDashboard.rows.map((r: { cost: string }) => r.cost))).toBe(providers);
      expect(total(data.workspaceDashboard.rows.map((r: { cost: string }) => r.cost))).toBe(providers);
    });

    it('keeps metered usage that matches no key unattributed, per provider, instead of giving it to the first account', async () => {
      const data = await gql(PAGES, { f: { preset: 'LAST_7_DAYS' } });
      const metered = Object.fromEntries(
        data.providerDashboard.rows.map((r: { label: string; metered: string }) => [r.label, r.metered]),
      );
      expect(metered).toMatchObject({ 'OpenAI main': '1.5', 'OpenAI two': '0', Anthropic: '0' });
      expect(data.providerDashboard.unattributedMetered).toEqual([
        { provider: 'ANTHROPIC', metered: '0.6' },
        { provider: 'OPENAI', metered: '0.7' },
      ]);
    });

    it('sorts the Tokens column by input + output, as it shows', async () => {
      const data = await gql(
        `query($f: DashboardFilterInput) { apiKeyDashboard(filter: $f) { rows { externalId inputTokens outputTokens } } }`,
        {
          f: {
            preset: 'LAST_7_DAYS',
            search: 'sk-proj-',
            workspaces: ['Two'],
            sort: { field: 'tokens', direction: 'ASC' },
          },
        },
      );
      expect(data.apiKeyDashboard.rows.map((r: { externalId: string }) => r.externalId)).toEqual([
        'k_in',
        'k_out',
        'k_big',
      ]);
    });
  });

  describe('counts and insights', () => {
    it('carries a count past 2^53 exactly, as a string', async () => {
      const data = await gql(
        `query($f: DashboardFilterInput) {
        apiKeyDashboard(filter: $f) { rows { externalId inputTokens } } modelDashboard(filter: $f) { rows { model inputTokens } } }`,
        {
          f: { preset: 'LAST_7_DAYS', search: 'Bg1' },
        },
      );
      // regression: one such count made the whole dashboard fail
      expect(data.apiKeyDashboard.rows).toEqual([{ externalId: 'k_big', inputTokens: '12000000000000000' }]);
      expect(data.modelDashboard.rows).toEqual([{ model: 'gpt-4.1', inputTokens: '12000000000000000' }]);
    });

    it('computes the Models cards over every row, whatever page the table shows', async () => {
      const data = await gql(
        `query($f: DashboardFilterInput) { modelInsights(filter: $f) {
        mostEfficientTokenModel { model costPerMillionTokens } images { provider count cost costPerImage mix } } }`,
        {
          f: { preset: 'LAST_7_DAYS', limit: 1, offset: 0, sort: { field: 'cost', direction: 'DESC' } },
        },
      );
      expect(data.modelInsights.mostEfficientTokenModel).toEqual({
        model: 'gpt-4.1',
        costPerMillionTokens: expect.any(String),
      });
      expect(data.modelInsights.images).toEqual([
        {
          provider: 'OPENAI',
          count: '15',
          cost: '0.6',
          costPerImage: '0.04',
          mix: { size: { '1024x1024': 13, '512x512': 2 }, source: { 'image.edit': 2, 'image.generation': 13 } },
        },
      ]);
    });
  });

  describe('comparisons', () => {
    it('compares last month with the previous calendar month, and says so', async () => {
      const data = await gql(PAGES, { f: { preset: 'LAST_MONTH', providers: ['AWS_BEDROCK'] } });
      expect(data.providerDashboard.period).toEqual({
        start: '2025-05-01',
        end: '2025-06-01',
        previousStart: '2025-04-01',
        previousEnd: '2025-05-01',
        comparison: 'CALENDAR',
      });
      // regression: May was compared with the 31 days before it (March 31 – April 30), which counted March 31
      expect(data.providerDashboard.rows).toEqual([expect.objectContaining({ spend: '3', previousSpend: '1' })]);
    });

    it('compares month to date with the previous month up to the same date', async () => {
      const data = await gql(PAGES, { f: { preset: 'THIS_MONTH', providers: ['AWS_BEDROCK'] } });
      expect(data.providerDashboard.period).toEqual({
        start: '2025-06-01',
        end: '2025-06-12',
        previousStart: '2025-05-01',
        previousEnd: '2025-05-12',
        comparison: 'CALENDAR',
      });
      expect(data.providerDashboard.rows).toEqual([expect.objectContaining({ spend: '5', previousSpend: '3' })]);
    });

    it('keeps the equal-length rule for rolling presets and custom ranges', async () => {
      const rolling = await gql(PAGES, { f: { preset: 'LAST_30_DAYS' } });
      expect(rolling.providerDashboard.period).toMatchObject({
        start: '2025-05-12',
        previousStart: '2025-04-12',
        previousEnd: '2025-05-12',
        comparison: 'EQUAL_LENGTH',
      });
      const custom = await gql(PAGES, {
        f: { range: { start: '2025-05-01', end: '2025-06-01' }, providers: ['AWS_BEDROCK'] },
      });
      expect(custom.providerDashboard.period).toMatchObject({
        previousStart: '2025-03-31',
        previousEnd: '2025-05-01',
        comparison: 'EQUAL_LENGTH',
      });
      expect(custom.providerDashboard.rows).toEqual([expect.objectContaining({ spend: '3', previousSpend: '8' })]);
    });
  });
});
