import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi, type TestUser } from './api-harness';
import { seedOrganizationA, TODAY, type SeededOrganization } from './dashboard-seed';

const SERIES = `query($filter: DashboardFilterInput, $groupBy: SeriesDimension, $apiKey: ApiKeyRefInput) {
  costSeries(filter: $filter, groupBy: $groupBy, apiKey: $apiKey) { bucket key cost net } }`;

describe('costSeries of one API key (the key drill-down)', () => {
  let api: TestApi;
  let seeded: SeededOrganization;
  let admin: TestUser;
  let outsider: Tenant;
  beforeAll(async () => {
    api = await startTestApi({ now: () => new Date(`${TODAY}T12:00:00Z`) });
    seeded = await seedOrganizationA(api.ds);
    const email = `series-${seeded.org.id}@example.com`;
    await api.services.users.create(seeded.org.id, { email, password: 'correct horse battery staple', role: 'admin' });
    const login = await api.services.auth.login(email, 'correct horse battery staple', 'test');
    admin = {
      id: login.user.id,
      email: login.user.email,
      token: login.token,
      caller: (await api.services.auth.authenticate(login.token))!,
    };
    outsider = await createTenant(api, 'Series outsider');
  });
  afterAll(async () => {
    await api?.close();
  });

  const keyA = () => ({ providerAccountId: seeded.openai.id, externalId: 'key_a' });

  it.each([
    // key_a this week: gpt-4o 1.25 (credits 0.25) on 06-05 and 0.75 on 06-06; key_b's spend is left out.
    ['MODEL', 'openai:gpt-4o'],
    ['PROVIDER', 'openai'],
    ['WORKSPACE', 'Web'],
  ])("gives only that key's cost per day, grouped by %s", async (groupBy, key) => {
    const { data, errors } = await api.gql(
      SERIES,
      { filter: { preset: 'LAST_7_DAYS' }, groupBy, apiKey: keyA() },
      admin.token,
    );
    expect(errors).toBeUndefined();
    expect(data.costSeries).toEqual([
      // OpenAI reports no credits: net is not captured
      { bucket: '2025-06-05', key, cost: '1.25', net: null },
      { bucket: '2025-06-06', key, cost: '0.75', net: null },
    ]);
  });

  it('keeps the filter: a search that misses the key leaves nothing', async () => {
    const { data } = await api.gql(
      SERIES,
      { filter: { preset: 'LAST_7_DAYS', search: 'mini' }, apiKey: keyA() },
      admin.token,
    );
    expect(data.costSeries).toEqual([]);
  });

  it('shows another organization nothing of the key', async () => {
    const { data, errors } = await api.gql(
      SERIES,
      { filter: { preset: 'LAST_7_DAYS' }, apiKey: keyA() },
      outsider.admin.token,
    );
    expect(errors).toBeUndefined();
    expect(data.costSeries).toEqual([]);
  });

  it('refuses an account id that is not one (BAD_USER_INPUT, naming the field)', async () => {
    const { errors } = await api.gql(
      SERIES,
      { apiKey: { providerAccountId: 'nope', externalId: 'key_a' } },
      admin.token,
    );
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'apiKey.providerAccountId' } });
  });
});
