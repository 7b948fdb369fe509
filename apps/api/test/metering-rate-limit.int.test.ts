import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';

// POST /v1/metered-usage is limited per token, so one runaway client cannot flood the database.
describe('POST /v1/metered-usage rate limit', () => {
  let api: TestApi;
  let tenant: Tenant;
  let origin: string;
  beforeAll(async () => {
    api = await startTestApi({ meteringPerMinute: 3 });
    tenant = await createTenant(api);
    origin = new URL(api.url).origin;
  });
  afterAll(async () => {
    await api?.close();
  });

  const token = async (name: string) =>
    (
      await api.gql<{ createApiToken: { token: string } }>(
        'mutation($n: String!) { createApiToken(name: $n, canRecordUsage: true) { token } }',
        { n: name },
        tenant.admin.token,
      )
    ).data!.createApiToken.token;
  const report = (bearer: string) =>
    fetch(`${origin}/v1/metered-usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({
        source: 'rate test',
        entries: [{ provider: 'openai', model: 'gpt-4o', day: '2026-01-05', cost: '0.01' }],
      }),
    });

  it('answers 429 with Retry-After past the limit, for that token only', async () => {
    const first = await token('busy client');
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await report(first)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const limited = await report(first);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await report(await token('quiet client'))).status).toBe(202);
  });
});
