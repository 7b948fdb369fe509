import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';
import { seedTenantData, type SeededData } from './seed-tenant-data';

describe('metered usage: recordMeteredUsage and POST /v1/metered-usage', () => {
  let api: TestApi;
  let tenant: Tenant;
  let seeded: SeededData;
  let meteringToken: string;
  let readToken: string;
  const url = () => api.url.replace('/graphql', '/v1/metered-usage');
  const post = (body: unknown, token?: string, raw?: string, headers: Record<string, string> = {}) =>
    fetch(url(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: raw ?? JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const stored = () =>
    api.ds.query(
      `SELECT provider, model, api_key_hint, api_key_id, day, input_tokens, output_tokens, requests, cost::text, source FROM metered_usage
     WHERE organization_id = $1 ORDER BY id`,
      [tenant.organizationId],
    );

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
    seeded = await seedTenantData(api.ds, tenant.organizationId, 'meter');
    const create = 'mutation($usage: Boolean!) { createApiToken(name: "app", canRecordUsage: $usage) { token } }';
    meteringToken = (await api.gql(create, { usage: true }, tenant.admin.token)).data.createApiToken.token;
    readToken = (await api.gql(create, { usage: false }, tenant.admin.token)).data.createApiToken.token;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('stores a GraphQL report exactly, matching keys by id and by hint', async () => {
    const record = `mutation($batch: MeteredUsageBatchInput!) {
      recordMeteredUsage(batch: $batch) { accepted matchedToKeys replayed } }`;
    const response = await api.gql(
      record,
      {
        batch: {
          source: 'checkout-service',
          entries: [
            {
              provider: 'OPENAI',
              model: 'gpt-meter',
              day: '2026-01-05',
              apiKeyId: seeded.apiKeyId,
              inputTokens: 3_000_000_000,
              outputTokens: 5,
              requests: 2,
              cost: '0.000123',
            },
            { provider: 'OPENAI', model: 'gpt-meter', day: '2026-01-06', apiKeyHint: seeded.apiKeyHint, requests: 1 },
            { provider: 'ANTHROPIC', model: 'claude', day: '2026-01-06', apiKeyHint: 'sk-ant-unknown' },
          ],
        },
      },
      meteringToken,
    );
    expect(response.data).toEqual({ recordMeteredUsage: { accepted: 3, matchedToKeys: 2, replayed: false } });
    expect(await stored()).toEqual([
      {
        provider: 'openai',
        model: 'gpt-meter',
        api_key_hint: seeded.apiKeyHint,
        api_key_id: seeded.apiKeyId,
        day: '2026-01-05',
        input_tokens: '3000000000',
        output_tokens: '5',
        requests: '2',
        cost: '0.000123',
        source: 'checkout-service',
      },
      {
        provider: 'openai',
        model: 'gpt-meter',
        api_key_hint: seeded.apiKeyHint,
        api_key_id: seeded.apiKeyId,
        day: '2026-01-06',
        input_tokens: null,
        output_tokens: null,
        requests: '1',
        cost: null,
        source: 'checkout-service',
      },
      {
        provider: 'anthropic',
        model: 'claude',
        api_key_hint: 'sk-ant-unknown',
        api_key_id: null,
        day: '2026-01-06',
        input_tokens: null,
        output_tokens: null,
        requests: null,
        cost: null,
        source: 'checkout-service',
      },
    ]);
  });

  it('accepts the same report as JSON over HTTP with a metering token (202)', async () => {
    const response = await post(
      {
        source: 'batch-job',
        entries: [{ provider: 'aws-bedrock', model: 'claude', day: '2026-01-07', requests: 4, cost: '1.5' }],
      },
      meteringToken,
    );
    expect(response).toEqual({ status: 202, body: { accepted: 1, matchedToKeys: 0, replayed: false } });
    expect((await stored()).at(-1)).toMatchObject({
      provider: 'aws-bedrock',
      source: 'batch-job',
      cost: '1.5',
      requests: '4',
    });
  });

  it('stores a batch retried with one idempotency key (header or field) once; another batch is refused', async () => {
    const entry = {
      provider: 'openai',
      model: 'gpt-meter',
      timestamp: '2026-01-08T10:00:00Z',
      apiKeyHint: seeded.apiKeyHint,
      inputTokens: 7,
      cost: '0.07',
    };
    const batch = { source: 'retry-job', entries: [entry] };
    const KEY = 'retry-job-2026-01-08';
    const keyed = { 'Idempotency-Key': KEY };
    const snapshot = async () => ({
      usage: await stored(),
      batches: await api.ds.query(
        'SELECT idempotency_key, accepted, matched_to_keys FROM metered_usage_batches WHERE organization_id = $1',
        [tenant.organizationId],
      ),
    });
    const first = await post(batch, meteringToken, undefined, keyed);
    expect(first).toEqual({ status: 202, body: { accepted: 1, matchedToKeys: 1, replayed: false } });
    const after = await snapshot();
    expect(after.usage.at(-1)).toMatchObject({
      day: '2026-01-08',
      source: 'retry-job',
      input_tokens: '7',
      api_key_id: seeded.apiKeyId,
    });
    expect(after.batches).toEqual([{ idempotency_key: KEY, accepted: 1, matched_to_keys: 1 }]);
    // The retry, as a header, as a body field, and over GraphQL: the first answer, nothing stored.
    expect(await post(batch, meteringToken, undefined, keyed)).toEqual({
      status: 200,
      body: { accepted: 1, matchedToKeys: 1, replayed: true },
    });
    expect((await post({ ...batch, idempotencyKey: KEY }, meteringToken)).body).toMatchObject({ replayed: true });
    const record = `mutation($batch: MeteredUsageBatchInput!) {
      recordMeteredUsage(batch: $batch) { accepted replayed } }`;
    const retried = { ...batch, idempotencyKey: KEY, entries: [{ ...entry, provider: 'OPENAI' }] };
    const viaGraphql = await api.gql(record, { batch: retried }, meteringToken);
    expect(viaGraphql.data).toEqual({ recordMeteredUsage: { accepted: 1, replayed: true } });
    expect(await snapshot()).toEqual(after);
    // The same key for different usage is a conflict, and changes nothing either.
    const other = await post({ ...batch, entries: [{ ...entry, inputTokens: 8 }] }, meteringToken, undefined, keyed);
    expect(other).toMatchObject({ status: 409, body: { code: 'CONFLICT', field: 'idempotencyKey' } });
    expect(await snapshot()).toEqual(after);
  });

  it('stores a batch sent twice at once with the same idempotency key once', async () => {
    const batch = {
      source: 'race',
      idempotencyKey: 'race-1',
      entries: [{ provider: 'openai', model: 'm', day: '2026-01-10', requests: 1 }],
    };
    const before = (await stored()).length;
    const answers = await Promise.all([
      post(batch, meteringToken),
      post(batch, meteringToken),
      post(batch, meteringToken),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 202]);
    expect(answers.map((a) => (a.body as { accepted: number }).accepted)).toEqual([1, 1, 1]);
    expect((await stored()).length).toBe(before + 1);
  });

  it('stores units and refuses a batch whose key is unknown to the provider, naming the entry', async () => {
    const image = { provider: 'fal', model: 'flux', day: '2026-01-09', units: '12', cost: '0.3' };
    const images = { source: 'images', entries: [image] };
    expect((await post(images, meteringToken)).status).toBe(202);
    const units = `SELECT units::text FROM metered_usage WHERE organization_id = $1 AND source = 'images'`;
    expect(await api.ds.query(units, [tenant.organizationId])).toEqual([{ units: '12' }]);
    const before = (await stored()).length;
    const entries = [{ provider: 'anthropic', model: 'm', day: '2026-01-09', apiKeyId: seeded.apiKeyId }];
    const wrong = await post({ source: 's', entries }, meteringToken);
    expect(wrong).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT', field: 'entries.0.apiKeyId' } });
    expect((await stored()).length).toBe(before);
  });

  it.each([
    ['no token', undefined, { source: 's', entries: [] }, 401, 'UNAUTHENTICATED'],
    [
      'a read-only token',
      'read',
      { source: 's', entries: [{ provider: 'openai', model: 'm', day: '2026-01-01' }] },
      403,
      'FORBIDDEN',
    ],
    ['no entries', 'meter', { source: 's', entries: [] }, 400, 'BAD_USER_INPUT'],
    [
      'a bad day',
      'meter',
      { source: 's', entries: [{ provider: 'openai', model: 'm', day: '2026-02-30' }] },
      400,
      'BAD_USER_INPUT',
    ],
    [
      'negative tokens',
      'meter',
      { source: 's', entries: [{ provider: 'openai', model: 'm', day: '2026-01-01', inputTokens: -1 }] },
      400,
      'BAD_USER_INPUT',
    ],
    [
      'a float cost',
      'meter',
      { source: 's', entries: [{ provider: 'openai', model: 'm', day: '2026-01-01', cost: 0.1 }] },
      400,
      'BAD_USER_INPUT',
    ],
    [
      'an unknown provider',
      'meter',
      { source: 's', entries: [{ provider: 'acme', model: 'm', day: '2026-01-01' }] },
      400,
      'BAD_USER_INPUT',
    ],
  ])('refuses a report with %s', async (_case, token, body, status, code) => {
    const bearer = token === 'read' ? readToken : token === 'meter' ? meteringToken : undefined;
    const before = (await stored()).length;
    const response = await post(body, bearer);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code, error: expect.any(String) });
    expect((await stored()).length).toBe(before);
  });

  it('names the bad field of a refused report', async () => {
    const response = await post(
      {
        source: 's',
        entries: [
          { provider: 'openai', model: 'm', day: '2026-01-01' },
          { provider: 'openai', model: '', day: '2026-01-01' },
        ],
      },
      meteringToken,
    );
    expect(response.body).toMatchObject({
      field: 'entries.1.model',
      issues: [{ field: 'entries.1.model', message: 'model is required' }],
    });
  });

  it('answers 400 to a body that is not JSON', async () => {
    expect(await post(undefined, meteringToken, '{"source":')).toEqual({
      status: 400,
      body: { error: 'The body must be JSON.', code: 'BAD_USER_INPUT' },
    });
  });
});
