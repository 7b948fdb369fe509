import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';
import { seedTenantData, type SeededData } from './seed-tenant-data';

describe('metered usage: recordMeteredUsage and POST /v1/metered-usage', () => {
  let api: TestApi;
  let tenant: Tenant;
  let seeded: SeededData;
  let meteringToken: string;
  let readToken: string;
  const post = (body: unknown, token?: string, raw?: string) => fetch(api.url.replace('/graphql', '/v1/metered-usage'), {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw ?? JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const stored = () => api.ds.query(
    `SELECT provider, model, api_key_hint, api_key_id, day, input_tokens, output_tokens, requests, cost::text, source FROM metered_usage
     WHERE organization_id = $1 ORDER BY id`, [tenant.organizationId]);

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
    seeded = await seedTenantData(api.ds, tenant.organizationId, 'meter');
    const create = 'mutation($usage: Boolean!) { createApiToken(name: "app", canRecordUsage: $usage) { token } }';
    meteringToken = (await api.gql(create, { usage: true }, tenant.admin.token)).data.createApiToken.token;
    readToken = (await api.gql(create, { usage: false }, tenant.admin.token)).data.createApiToken.token;
  });
  afterAll(async () => { await api?.close(); });

  it('stores a GraphQL report exactly, matching keys by id and by hint', async () => {
    const response = await api.gql(`mutation($batch: MeteredUsageBatchInput!) { recordMeteredUsage(batch: $batch) { accepted matchedToKeys } }`, {
      batch: {
        source: 'checkout-service',
        entries: [
          { provider: 'OPENAI', model: 'gpt-meter', day: '2026-01-05', apiKeyId: seeded.apiKeyId, inputTokens: 3_000_000_000, outputTokens: 5, requests: 2, cost: '0.000123' },
          { provider: 'OPENAI', model: 'gpt-meter', day: '2026-01-06', apiKeyHint: seeded.apiKeyHint, requests: 1 },
          { provider: 'ANTHROPIC', model: 'claude', day: '2026-01-06', apiKeyHint: 'sk-ant-unknown' },
        ],
      },
    }, meteringToken);
    expect(response.data).toEqual({ recordMeteredUsage: { accepted: 3, matchedToKeys: 2 } });
    expect(await stored()).toEqual([
      { provider: 'openai', model: 'gpt-meter', api_key_hint: seeded.apiKeyHint, api_key_id: seeded.apiKeyId, day: '2026-01-05', input_tokens: '3000000000', output_tokens: '5', requests: '2', cost: '0.000123', source: 'checkout-service' },
      { provider: 'openai', model: 'gpt-meter', api_key_hint: seeded.apiKeyHint, api_key_id: seeded.apiKeyId, day: '2026-01-06', input_tokens: null, output_tokens: null, requests: '1', cost: null, source: 'checkout-service' },
      { provider: 'anthropic', model: 'claude', api_key_hint: 'sk-ant-unknown', api_key_id: null, day: '2026-01-06', input_tokens: null, output_tokens: null, requests: null, cost: null, source: 'checkout-service' },
    ]);
  });

  it('accepts the same report as JSON over HTTP with a metering token (202)', async () => {
    const response = await post({ source: 'batch-job', entries: [{ provider: 'aws-bedrock', model: 'claude', day: '2026-01-07', requests: 4, cost: '1.5' }] }, meteringToken);
    expect(response).toEqual({ status: 202, body: { accepted: 1, matchedToKeys: 0 } });
    expect((await stored()).at(-1)).toMatchObject({ provider: 'aws-bedrock', source: 'batch-job', cost: '1.5', requests: '4' });
  });

  it.each([
    ['no token', undefined, { source: 's', entries: [] }, 401, 'UNAUTHENTICATED'],
    ['a read-only token', 'read', { source: 's', entries: [{ provider: 'openai', model: 'm', day: '2026-01-01' }] }, 403, 'FORBIDDEN'],
    ['no entries', 'meter', { source: 's', entries: [] }, 400, 'BAD_USER_INPUT'],
    ['a bad day', 'meter', { source: 's', entries: [{ provider: 'openai', model: 'm', day: '2026-02-30' }] }, 400, 'BAD_USER_INPUT'],
    ['negative tokens', 'meter', { source: 's', entries: [{ provider: 'openai', model: 'm', day: '2026-01-01', inputTokens: -1 }] }, 400, 'BAD_USER_INPUT'],
    ['a float cost', 'meter', { source: 's', entries: [{ provider: 'openai', model: 'm', day: '2026-01-01', cost: 0.1 }] }, 400, 'BAD_USER_INPUT'],
    ['an unknown provider', 'meter', { source: 's', entries: [{ provider: 'acme', model: 'm', day: '2026-01-01' }] }, 400, 'BAD_USER_INPUT'],
  ])('refuses a report with %s', async (_case, token, body, status, code) => {
    const bearer = token === 'read' ? readToken : token === 'meter' ? meteringToken : undefined;
    const before = (await stored()).length;
    const response = await post(body, bearer);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code, error: expect.any(String) });
    expect((await stored()).length).toBe(before);
  });

  it('names the bad field of a refused report', async () => {
    const response = await post({ source: 's', entries: [{ provider: 'openai', model: 'm', day: '2026-01-01' }, { provider: 'openai', model: '', day: '2026-01-01' }] }, meteringToken);
    expect(response.body).toMatchObject({ field: 'entries.1.model', issues: [{ field: 'entries.1.model', message: 'model is required' }] });
  });

  it('answers 400 to a body that is not JSON', async () => {
    expect(await post(undefined, meteringToken, '{"source":')).toEqual({ status: 400, body: { error: 'The body must be JSON.', code: 'BAD_USER_INPUT' } });
  });
});
