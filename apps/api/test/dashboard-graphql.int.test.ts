import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Money } from '@spendsync/domain';
import { parse } from 'csv-parse/sync';
import { createTenant, startTestApi, type Tenant, type TestApi, type TestUser } from './api-harness';
import { seedOrganizationA, seedOrganizationB, TODAY, type SeededOrganization } from './dashboard-seed';

const PROVIDERS = `query($filter: DashboardFilterInput) { providerDashboard(filter: $filter) { total rows {
  providerAccountId provider label spend previousSpend spendChange credits net metered coverage status lastError expectedDelayHours
  providerAccount { id label }
} } }`;

// Decimals arrive exact and normalized ("2.9", never "2.90000" or a float).
const round = (text: string | null, places = 6) =>
  text === null ? null : new Money(text).toDecimalPlaces(places).toFixed();

describe('dashboards over GraphQL (seeded organization, today 2025-06-11)', () => {
  let api: TestApi;
  let seeded: SeededOrganization;
  let admin: TestUser;
  let outsider: Tenant;
  beforeAll(async () => {
    api = await startTestApi({ now: () => new Date(`${TODAY}T12:00:00Z`) });
    seeded = await seedOrganizationA(api.ds);
    await seedOrganizationB(api.ds);
    // A signed-in admin of the seeded organization.
    await api.services.users.create(seeded.org.id, {
      email: `dash-${seeded.org.id}@example.com`,
      password: 'correct horse battery staple',
      role: 'admin',
    });
    const login = await api.services.auth.login(
      `dash-${seeded.org.id}@example.com`,
      'correct horse battery staple',
      'test',
    );
    admin = {
      id: login.user.id,
      email: login.user.email,
      token: login.token,
      caller: (await api.services.auth.authenticate(login.token))!,
    };
    outsider = await createTenant(api, 'Outsider');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves the Providers dashboard with exact decimals, previous period, change and coverage', async () => {
    const { data, errors } = await api.gql(
      PROVIDERS,
      { filter: { preset: 'LAST_7_DAYS', sort: { field: 'spend' } } },
      admin.token,
    );
    expect(errors).toBeUndefined();
    expect(data.providerDashboard.total).toBe(3);
    const openai = data.providerDashboard.rows.find((r: { provider: string }) => r.provider === 'OPENAI');
    // 1.25 + 0.75 + 0.30 + 0.48 + 0.12 this week; 1.00 + 0.50 the week before; metered 1.50 of it.
    expect(openai).toMatchObject({
      label: 'OpenAI main',
      spend: '2.9',
      previousSpend: '1.5',
      credits: null,
      net: null,
      metered: '1.5',
      status: 'ACTIVE',
      providerAccount: { id: seeded.openai.id, label: 'OpenAI main' },
    });
    expect(round(openai.spendChange)).toBe('93.333333');
    expect(round(openai.coverage)).toBe('0.517241');
    expect(data.providerDashboard.rows.map((r: { spend: string }) => r.spend)).toEqual(['4', '3.0004', '2.9']);
  });

  it('pages, filters by provider and by cost range, and takes a custom range', async () => {
    const page = await api.gql(
      PROVIDERS,
      { filter: { preset: 'LAST_7_DAYS', sort: { field: 'label', direction: 'ASC' }, offset: 1, limit: 1 } },
      admin.token,
    );
    expect(page.data.providerDashboard).toMatchObject({ total: 3, rows: [{ label: 'OpenAI main' }] });
    const anthropic = await api.gql(
      PROVIDERS,
      { filter: { preset: 'LAST_7_DAYS', providers: ['ANTHROPIC'] } },
      admin.token,
    );
    expect(anthropic.data.providerDashboard.rows).toEqual([
      expect.objectContaining({
        provider: 'ANTHROPIC',
        status: 'ERROR',
        lastError: 'The Admin key was revoked; link a new one.',
      }),
    ]);
    const costly = await api.gql(
      PROVIDERS,
      { filter: { preset: 'LAST_7_DAYS', costMin: '3.0001', costMax: '3.5' } },
      admin.token,
    );
    expect(costly.data.providerDashboard.rows.map((r: { spend: string }) => r.spend)).toEqual(['3.0004']);
    const range = await api.gql(
      PROVIDERS,
      { filter: { range: { start: '2025-06-01', end: '2025-06-02' }, providers: ['OPENAI'] } },
      admin.token,
    );
    expect(range.data.providerDashboard.rows[0]).toMatchObject({ spend: '1.5' });
  });

  it('serves models, API keys, workspaces and cost over time', async () => {
    const { data, errors } = await api.gql(
      `query($f: DashboardFilterInput) {
      modelDashboard(filter: $f) { total rows { modelId unit cost requests costPerMillionTokens isMostEfficient images { count costPerImage mix } } }
      apiKeyDashboard(filter: $f) { rows { hint cost isIdle isUninstrumented hasMeteredTraffic apiKey { id } } }
      workspaceDashboard(filter: $f) { rows { displayName providers cost members { externalId cost workspace { id } } } }
      costSeries(filter: $f, granularity: DAY, groupBy: PROVIDER) { bucket key cost }
    }`,
      { f: { preset: 'LAST_7_DAYS' } },
      admin.token,
    );
    expect(errors).toBeUndefined();
    const image = data.modelDashboard.rows.find((r: { modelId: string }) => r.modelId === 'openai:gpt-image-1');
    expect(image).toMatchObject({
      unit: 'images',
      cost: '0.6',
      images: { count: '15', costPerImage: '0.04', mix: { size: { '1024x1024': 13, '512x512': 2 } } },
    });
    expect(
      data.modelDashboard.rows.find((r: { modelId: string }) => r.modelId === 'anthropic:claude-sonnet-4').requests,
    ).toBeNull();
    const keyA = data.apiKeyDashboard.rows.find((r: { hint: string }) => r.hint === 'sk-proj-Aa1...aaaa');
    expect(keyA).toMatchObject({
      cost: '2',
      hasMeteredTraffic: true,
      isUninstrumented: false,
      apiKey: { id: seeded.keyA.id },
    });
    const web = data.workspaceDashboard.rows.find((r: { displayName: string }) => r.displayName === 'Web');
    expect(web.providers.sort()).toEqual(['ANTHROPIC', 'OPENAI']);
    expect(new Money(web.cost).toFixed(2)).toBe('5.00');
    expect(web.members.find((m: { externalId: string }) => m.externalId === 'proj_web').workspace).toEqual({
      id: seeded.projWeb.id,
    });
    expect(data.costSeries.filter((p: { key: string }) => p.key === 'openai')).toEqual([
      { bucket: '2025-06-05', key: 'openai', cost: '2.03' },
      { bucket: '2025-06-06', key: 'openai', cost: '0.87' },
    ]);
  });

  it.each([
    [
      'an unknown sort field',
      { sort: { field: 'password', direction: 'ASC' } },
      'filter.sort.field',
      /Cannot sort by "password"/,
    ],
    [
      'a preset and a range at once',
      { preset: 'LAST_7_DAYS', range: { start: '2025-06-01', end: '2025-06-02' } },
      'filter.range',
      /either a preset or a range/,
    ],
    [
      'a range ending before it starts',
      { range: { start: '2025-06-02', end: '2025-06-01' } },
      'filter.range.end',
      /ends before it starts/,
    ],
    [
      'a range longer than three years',
      { range: { start: '2000-01-01', end: '2025-06-01' } },
      'filter.range.end',
      /longer than 1096 days/,
    ],
    ['costMin above costMax', { costMin: '5', costMax: '1' }, 'filter.costMax', /costMin is above costMax/],
    ['a page too large', { limit: 501 }, 'filter.limit', /500/],
  ])('refuses %s (BAD_USER_INPUT, naming the field)', async (_case, filter, field, message) => {
    const response = await api.gql(PROVIDERS, { filter }, admin.token);
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(message),
      extensions: { code: 'BAD_USER_INPUT', field },
    });
  });

  it('refuses 240 aliased dashboards in one request before running any, and serves 10', async () => {
    const aliased = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `d${i}: providerDashboard(filter: { range: { start: "2000-01-01", end: "2002-12-31" } }) { total }`).join(' ')} }`;
    const refused = await api.gql(aliased(240), {}, admin.token);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/more than 10 dashboards/),
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    expect(refused.data).toBeUndefined();
    const served = await api.gql(aliased(10), {}, admin.token);
    expect(served.errors).toBeUndefined();
    expect(Object.keys(served.data)).toHaveLength(10);
  });

  it("prices one budget's status like a dashboard: 11 aliased lookups are refused before any runs", async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const lookup = (i: number) => `b${i}: budget(id: "${id}") { id }`;
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => lookup(i)).join(' ')} }`;
    const refused = await api.gql(aliased(11), {}, admin.token);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(refused.data).toBeUndefined();
    expect((await api.gql(aliased(10), {}, admin.token)).errors).toBeUndefined();
  });

  it('shows another organization nothing of this one', async () => {
    const response = await api.gql(
      `{ providerDashboard(filter: { preset: LAST_7_DAYS }) { total rows { label } }
      workspaceDashboard(filter: { preset: LAST_7_DAYS }) { total } costSeries { key } }`,
      {},
      outsider.admin.token,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      providerDashboard: { total: 0, rows: [] },
      workspaceDashboard: { total: 0 },
      costSeries: [],
    });
  });

  it('exports the same rows as CSV for a bearer token, and refuses without one', async () => {
    const url = api.url.replace('/graphql', '/export/providers.csv?period=last_7_days&sort=spend&direction=desc');
    const response = await fetch(url, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(response.status).toBe(200);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.spend)).toEqual(['4', '3.0004', '2.9']);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer sss_nope' } })).status).toBe(401);
  });
});
