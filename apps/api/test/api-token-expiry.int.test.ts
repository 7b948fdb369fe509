import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';

const CREATE = `mutation($name: String!, $days: Int) {
  createApiToken(name: $name, expiresInDays: $days) { token apiToken { id createdAt expiresAt lastUsedAt } }
}`;
const DAY = 86_400_000;

describe('API token expiry and last use', () => {
  let api: TestApi;
  let tenant: Tenant;
  let clock = Date.now();
  beforeAll(async () => {
    api = await startTestApi({ now: () => new Date(clock) });
    tenant = await createTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  const create = async (days?: number) =>
    await api.gql(CREATE, { name: `token ${Math.random()}`, days }, tenant.admin.token);

  it('expires in 90 days by default, or in the days asked for, between 1 and 365', async () => {
    const created = (await create()).data.createApiToken.apiToken;
    expect(Date.parse(created.expiresAt) - clock).toBe(90 * DAY);
    expect(Date.parse((await create(7)).data.createApiToken.apiToken.expiresAt) - clock).toBe(7 * DAY);
    for (const days of [0, -1, 366]) {
      expect((await create(days)).errors?.[0]).toMatchObject({
        message: 'Let the token expire in 1 to 365 days.',
        extensions: { code: 'BAD_USER_INPUT', field: 'expiresInDays' },
      });
    }
    const listed = (await api.gql('{ apiTokens { id expiresAt } }', {}, tenant.admin.token)).data.apiTokens;
    expect(listed.find((t: { id: string }) => t.id === created.id).expiresAt).toBe(created.expiresAt);
  });

  it('records when a token was last used, and refuses it once expired with a message that says so', async () => {
    const { token, apiToken } = (await create(2)).data.createApiToken;
    expect(apiToken.lastUsedAt).toBeNull();
    expect((await api.gql('{ me { role } }', {}, token)).data).toEqual({ me: { role: 'VIEWER' } });
    const used = (await api.gql('{ apiTokens { id lastUsedAt } }', {}, tenant.admin.token)).data.apiTokens.find(
      (t: { id: string }) => t.id === apiToken.id,
    );
    expect(used.lastUsedAt).toBe(new Date(clock).toISOString());
    clock += 2 * DAY + 1_000;
    const refused = await api.gql('{ me { role } }', {}, token);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]).toMatchObject({
      message: `This API token expired on ${new Date(Date.parse(apiToken.expiresAt)).toISOString().slice(0, 10)}; an admin can create a new one.`,
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // REST routes refuse it too.
    const csv = await fetch(api.url.replace('/graphql', '/export/providers.csv?period=last_7_days'), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.status).toBe(401);
  });
});
