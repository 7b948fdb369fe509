import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sealCredentials } from '../src/features/provider-accounts/provider-account-credentials';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';
import { TEST_CIPHER } from './support/test-cipher';

// Issue 17: billed (cost records) vs metered (reports through POST /v1/metered-usage), through
// the real GraphQL server and CSV route, on data built so every cause of the gap appears once.
const RANGE = { start: '2026-03-01', end: '2026-03-04' };
const QUERY = `query($filter: DashboardFilterInput, $scope: ReconciliationScopeInput) {
  spendsyncReconciliation(filter: $filter, scope: $scope) {
    period { start end } billed credits net metered gap coverage meteredLinesWithoutCost
    causes { cause amount entityCount entities { kind provider apiKeyId keyLabel model day amount } }
    days { day billed credits metered gap provisional causes { cause amount } }
  }
}`;

describe('reconciliation over GraphQL and CSV', () => {
  let api: TestApi;
  let tenant: Tenant;
  let other: Tenant;
  let token: string;
  const ids: Record<string, string> = {};

  async function seed(t: Tenant) {
    const one = async (sql: string, values: unknown[]) =>
      ((await api.ds.query(sql, values)) as { id: string }[])[0]!.id;
    const accountId = randomUUID();
    await api.ds.query(
      `INSERT INTO provider_accounts
         (id, organization_id, provider, label, credentials_encrypted, key_hint, settled_through)
       VALUES ($1, $2, 'openai', 'OpenAI', $3, 'sk-admin...wxyz', '2026-03-03')`,
      [
        accountId,
        t.organizationId,
        sealCredentials(
          TEST_CIPHER,
          { organizationId: t.organizationId, id: accountId, provider: 'openai' },
          { apiKey: 'sk-admin-secret' },
        ),
      ],
    );
    const key = (external: string, hint: string) =>
      one(
        `INSERT INTO api_keys (organization_id, provider_account_id, external_id, name, hint)
       VALUES ($1, $2, $3, $3, $4) RETURNING id`,
        [t.organizationId, accountId, external, hint],
      );
    const [a, u] = [await key('key_a', 'sk-...aaaa'), await key('key_u', 'sk-...uuuu')];
    const record = (
      day: string,
      external: string,
      model: string,
      cost: string,
      credits: string,
      tokens: number | null,
      quantity: string | null = null,
    ) =>
      api.ds.query(
        `INSERT INTO cost_records (organization_id, provider_account_id, provider, day, api_key_external_id, model,
         charge_kind, cost, credits_applied, input_tokens, quantity, unit)
       VALUES ($1, $2, 'openai', $3, $4, $5, 'usage', $6, $7, $8, $9, $10)`,
        [t.organizationId, accountId, day, external, model, cost, credits, tokens, quantity, quantity && 'image'],
      );
    await record('2026-03-01', 'key_a', 'gpt-4o', '10.00', '1.5', 1000); // price difference 0.75, credits
    await record('2026-03-01', 'key_u', 'gpt-4o', '0.3', '0', 30); // uninstrumented key
    await record('2026-03-02', 'key_u', 'gpt-4o', '3.8', '0', 380);
    await record('2026-03-01', 'key_a', 'dall-e-3', '2.2', '0', null, '4'); // unmetered model
    await record('2026-03-02', 'key_a', 'gpt-4o', '5', '0', 500); // unexplained: metered 400 tokens
    await record('2026-03-03', 'key_a', 'gpt-4o', '1.05', '0', 100); // provisional (settled through 03-03, excluded)
    return { accountId, a, u };
  }

  const post = (body: unknown, key: string) =>
    fetch(api.url.replace('/graphql', '/v1/metered-usage'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  const csvUrl = () => api.url.replace('/graphql', '/export/reconciliation.csv');
  const csv = (query: string, bearer = tenant.admin.token) =>
    fetch(`${csvUrl()}?${query}`, {
      headers: { authorization: `Bearer ${bearer}` },
    }).then(async (r) => ({ status: r.status, text: await r.text() }));

  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api, 'Recon');
    other = await createTenant(api, 'Other');
    Object.assign(ids, await seed(tenant));
    await seed(other); // another organization's identical data must not leak in
    const create = 'mutation { createApiToken(name: "meter", canRecordUsage: true) { token } }';
    const created = await api.gql(create, {}, tenant.admin.token);
    token = created.data.createApiToken.token;
    const gpt = { provider: 'openai', model: 'gpt-4o' };
    const batch = {
      source: 'checkout',
      entries: [
        { ...gpt, day: '2026-03-01', apiKeyHint: 'sk-...aaaa', inputTokens: 1000, cost: '9.25' },
        { ...gpt, day: '2026-03-02', apiKeyId: ids.a, inputTokens: 400, cost: '3.3' },
        { ...gpt, timestamp: '2026-03-03T12:00:00Z', apiKeyHint: 'sk-...aaaa', inputTokens: 180, cost: '2.00' },
        { ...gpt, day: '2026-03-02', apiKeyHint: 'sk-...ghst', inputTokens: 60, cost: '0.6' },
        { ...gpt, model: 'phantom-model', day: '2026-03-02', apiKeyId: ids.a, inputTokens: 25, cost: '0.25' },
      ],
    };
    expect((await post(batch, 'checkout-2026-03')).status).toBe(202);
    expect((await post(batch, 'checkout-2026-03')).status).toBe(200); // a retry: counted once
  });
  afterAll(async () => {
    await api?.close();
  });

  it('explains the gap by cause, naming keys and models, summing exactly to the gap', async () => {
    const { data, errors } = await api.gql(QUERY, { filter: { range: RANGE } }, tenant.viewer.token);
    expect(errors).toBeUndefined();
    const r = data.spendsyncReconciliation;
    expect([r.period, r.billed, r.credits, r.net, r.metered, r.gap, r.meteredLinesWithoutCost]).toEqual([
      RANGE,
      '22.35',
      '1.5',
      '20.85',
      '15.4',
      '5.45',
      0,
    ]);
    expect(Object.fromEntries(r.causes.map((c: { cause: string; amount: string }) => [c.cause, c.amount]))).toEqual({
      UNINSTRUMENTED_KEYS: '4.1',
      UNMETERED_MODELS: '2.2',
      UNMATCHED_METERED: '-0.85',
      PROVISIONAL_DAYS: '-0.95',
      PRICE_DIFFERENCES: '0.75',
      CREDITS: '-1.5',
      UNEXPLAINED: '1.7',
    });
    const entities = (cause: string) => r.causes.find((c: { cause: string }) => c.cause === cause).entities;
    expect(entities('UNINSTRUMENTED_KEYS')).toEqual([
      {
        kind: 'API_KEY',
        provider: 'OPENAI',
        apiKeyId: ids.u,
        keyLabel: 'sk-...uuuu',
        model: null,
        day: null,
        amount: '4.1',
      },
    ]);
    expect(entities('UNMETERED_MODELS').map((e: { model: string }) => e.model)).toEqual(['dall-e-3']);
    type Entity = { kind: string; keyLabel: string | null; model: string | null; amount: string };
    expect(entities('UNMATCHED_METERED').map((e: Entity) => [e.kind, e.keyLabel ?? e.model, e.amount])).toEqual([
      ['API_KEY', 'sk-...ghst', '-0.6'],
      ['MODEL', 'phantom-model', '-0.25'],
    ]);
    expect(entities('PROVISIONAL_DAYS').map((e: { day: string }) => e.day)).toEqual(['2026-03-03']);
    expect(
      r.days.map((d: { day: string; gap: string; provisional: boolean }) => [d.day, d.gap, d.provisional]),
    ).toEqual([
      ['2026-03-01', '1.75', false],
      ['2026-03-02', '4.65', false],
      ['2026-03-03', '-0.95', true],
    ]);
  });

  it('narrows by key and model scope, and by search, with the same arithmetic', async () => {
    const run = async (variables: Record<string, unknown>) =>
      (await api.gql(QUERY, variables, tenant.admin.token)).data.spendsyncReconciliation;
    const byKey = await run({ filter: { range: RANGE }, scope: { apiKeyIds: [ids.u] } });
    expect([byKey.billed, byKey.metered, byKey.gap, byKey.causes[0].amount]).toEqual(['4.1', '0', '4.1', '4.1']);
    const byModel = await run({ filter: { range: RANGE }, scope: { models: ['dall-e-3'] } });
    expect([byModel.billed, byModel.gap, byModel.causes[1].cause, byModel.causes[1].amount]).toEqual([
      '2.2',
      '2.2',
      'UNMETERED_MODELS',
      '2.2',
    ]);
    const searched = await run({ filter: { range: RANGE, search: 'phantom' } });
    expect([searched.billed, searched.metered, searched.gap]).toEqual(['0', '0.25', '-0.25']);
  });

  it('refuses a bad scope or sort field by name', async () => {
    const badScope = await api.gql(QUERY, { scope: { apiKeyIds: ['key_u'] } }, tenant.admin.token);
    expect(badScope.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope.apiKeyIds.0' });
    const badSort = await api.gql(QUERY, { filter: { sort: { field: 'cost' } } }, tenant.admin.token);
    expect(badSort.errors?.[0]).toMatchObject({
      message: expect.stringContaining('day, billed'),
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.sort.field' },
    });
  });

  it('exports the days as CSV in the requested order, and the entities behind each cause', async () => {
    const days = await csv(`start=${RANGE.start}&end=${RANGE.end}&sort=gap&direction=desc`);
    expect(days.status).toBe(200);
    expect(days.text.trim().split('\n')).toEqual([
      'day,billed,credits,net,metered,gap,provisional,uninstrumented_keys,unmetered_models,unmatched_metered,' +
        'provisional_days,price_differences,credits,unexplained',
      '2026-03-02,8.8,0,8.8,4.15,4.65,false,3.8,0,-0.85,0,0,0,1.7',
      '2026-03-01,12.5,1.5,11,9.25,1.75,false,0.3,2.2,0,0,0.75,-1.5,0',
      '2026-03-03,1.05,0,1.05,2,-0.95,true,0,0,0,-0.95,0,0,0',
    ]);
    const causes = await csv(`start=${RANGE.start}&end=${RANGE.end}&rows=causes&apiKeys=${ids.u}`);
    expect(causes.text.trim().split('\n')).toEqual([
      'cause,causeAmount,kind,provider,apiKeyId,providerAccountId,externalId,keyLabel,model,day,amount',
      `uninstrumented_keys,4.1,api_key,openai,${ids.u},${ids.accountId},key_u,sk-...uuuu,,,4.1`,
    ]);
  });

  it('answers 400 naming a bad CSV parameter, and 401 without a sign-in', async () => {
    const refused = (field: string) => ({ status: 400, text: expect.stringContaining(`"field":"${field}"`) });
    expect(await csv('rows=everything')).toMatchObject(refused('rows'));
    expect(await csv('sort=cost')).toMatchObject(refused('sort.field'));
    expect(await csv('apiKeys=nope')).toMatchObject(refused('apiKeys'));
    expect((await csv('', 'not-a-token')).status).toBe(401);
  });
});
