import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:https';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMoney, parseMoney, sumMoney } from '@spendsync/domain';
import { buildCostQuery } from '@spendsync/adapters/wire/azure';
import { startAzureSimulator, type AzureSimulator } from './simulator';

/** What the simulator's answers hold (each test reads the part its endpoint sends). */
type AnswerBody = {
  access_token: string;
  properties: { columns: { name: string }[]; rows: unknown[][]; nextLink: string | null };
  error: { code: string; message: string };
};
type Answer = { status: number; headers: Record<string, unknown>; body: AnswerBody };
let sim: AzureSimulator;
let token: string;

/** A raw HTTPS call that trusts the simulator's per-run CA. */
function call(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${sim.url}${path}`, { method, ca: sim.ca, headers: options.headers }, (res) => {
      let text = '';
      res
        .on('data', (chunk) => (text += chunk))
        .on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? (JSON.parse(text) as AnswerBody) : ({} as AnswerBody),
          }),
        );
    });
    req.on('error', reject).end(options.body);
  });
}

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const tokenPath = () => `/${sim.credentials.tenantId}/oauth2/v2.0/token`;
const queryPath = (apiVersion = '2022-10-01') =>
  `/subscriptions/${sim.credentials.subscriptionId}/providers/Microsoft.CostManagement/query${apiVersion ? `?api-version=${apiVersion}` : ''}`;
const query = (body: unknown, path = queryPath(), auth = `Bearer ${token}`) =>
  call('POST', path, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
  });

/** Every row of a query, following nextLink, summed over its cost column. */
async function totalOf(body: unknown): Promise<string> {
  const amounts = [];
  for (let path: string | null = queryPath(); path;) {
    const answer = await query(body, path);
    expect(answer.status).toBe(200);
    const { columns, rows, nextLink } = answer.body.properties;
    const cost = columns.findIndex((c: { name: string }) => c.name === 'Cost');
    amounts.push(...rows.map((row: unknown[]) => parseMoney(row[cost])));
    path = nextLink ? nextLink.slice(sim.url.length) : null;
  }
  return formatMoney(sumMoney(amounts));
}

beforeAll(async () => {
  sim = await startAzureSimulator({ seed: 3, start: '2026-03-01', days: 10, workspaces: 2, models: 3, pageSize: 7 });
  const { credentials: c } = sim;
  const answer = await call(
    'POST',
    tokenPath(),
    form({
      grant_type: 'client_credentials',
      client_id: String(c.clientId),
      client_secret: String(c.clientSecret),
      scope: 'https://management.azure.com/.default',
    }),
  );
  token = answer.body.access_token;
});
afterAll(() => sim.close());

describe('Azure simulator: Entra ID', () => {
  it('serves OpenID metadata whose token endpoint points back at itself', async () => {
    const answer = await call('GET', `/${sim.credentials.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(answer.body).toMatchObject({
      token_endpoint: `${sim.url}${tokenPath()}`,
      issuer: `${sim.url}/${sim.credentials.tenantId}/v2.0`,
    });
  });

  it.each([
    [{ grant_type: 'password' }, 400, 70003],
    [{ grant_type: 'client_credentials', client_id: 'nobody' }, 400, 700016],
    [{ grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' }, 400, 70011],
  ])('answers %j with Entra error %s AADSTS%s', async (fields, status, code) => {
    const c = sim.credentials as Record<string, string>;
    const answer = await call(
      'POST',
      tokenPath(),
      form({
        client_id: c.clientId!,
        client_secret: c.clientSecret!,
        scope: 'https://management.azure.com/.default',
        ...fields,
      }),
    );
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({
      error_codes: [code],
      error_description: expect.stringMatching(new RegExp(`^AADSTS${code}: `)),
    });
  });
});

describe('Azure simulator: Cost Management query', () => {
  const adapterQuery = () => JSON.parse(JSON.stringify(buildCostQuery({ start: '2026-03-01', end: '2026-03-11' })));

  it('pages the adapter query to exactly the ground truth, excluding the VM the filter leaves out', async () => {
    const truth = formatMoney(sim.groundTruth({ start: '2026-03-01', end: '2026-03-11' }).cost);
    expect(await totalOf(adapterQuery())).toBe(truth);
    const unfiltered = adapterQuery();
    delete unfiltered.dataset.filter;
    expect(await totalOf(unfiltered)).not.toBe(truth);
  });

  it('puts the columns in an order that changes from query to query', async () => {
    const orders = new Set<string>();
    for (let day = 1; day <= 6; day++) {
      const answer = await query(
        JSON.parse(JSON.stringify(buildCostQuery({ start: `2026-03-0${day}`, end: `2026-03-0${day + 1}` }))),
      );
      orders.add(answer.body.properties.columns.map((c: { name: string }) => c.name).join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it.each([
    ['no api-version', () => query(adapterQuery(), queryPath('')), 400, 'MissingApiVersionParameter'],
    ['no bearer token', () => query(adapterQuery(), queryPath(), ''), 401, 'AuthenticationFailed'],
    ['an unknown token', () => query(adapterQuery(), queryPath(), 'Bearer forged'), 401, 'InvalidAuthenticationToken'],
    [
      'more than 31 days',
      () => query({ ...adapterQuery(), timePeriod: { from: '2026-03-01T00:00:00Z', to: '2026-04-15T23:59:59Z' } }),
      400,
      'BadRequest',
    ],
    [
      'an unknown dimension',
      () =>
        query({
          ...adapterQuery(),
          dataset: { ...adapterQuery().dataset, grouping: [{ type: 'Dimension', name: 'Meterr' }] },
        }),
      400,
      'BadRequest',
    ],
    [
      'three groupings',
      () =>
        query({
          ...adapterQuery(),
          dataset: { ...adapterQuery().dataset, grouping: [1, 2, 3].map(() => ({ type: 'Dimension', name: 'Meter' })) },
        }),
      400,
      'BadRequest',
    ],
  ])('refuses a query with %s', async (_, send, status, code) => {
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
  });

  it('refuses a nextLink replayed with another query body', async () => {
    const first = await query(adapterQuery());
    const other = JSON.parse(JSON.stringify(buildCostQuery({ start: '2026-03-02', end: '2026-03-03' })));
    const answer = await query(other, first.body.properties.nextLink!.slice(sim.url.length));
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/another query/);
  });

  it('answers 429 with the Cost Management retry-after headers only', async () => {
    sim.faults.set({ rateLimit: { count: 1, retryAfterSeconds: 4 }, path: /query$/ });
    const answer = await query(adapterQuery());
    sim.faults.clear();
    expect(answer.status).toBe(429);
    expect(answer.headers).toMatchObject({
      'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '4',
      'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after': '2',
    });
    expect(answer.headers['retry-after']).toBeUndefined();
    expect(answer.body).toEqual({ error: { code: '429', message: expect.any(String) } });
  });
});

describe('startAzureSimulator', () => {
  it('writes its CA to caFile for NODE_EXTRA_CA_CERTS, and serves the same data for the same seed', async () => {
    const caFile = join(await mkdtemp(join(tmpdir(), 'azure-sim-')), 'ca.pem');
    const twin = await startAzureSimulator({
      seed: 3,
      start: '2026-03-01',
      days: 10,
      workspaces: 2,
      models: 3,
      caFile,
    });
    try {
      expect(await readFile(caFile, 'utf8')).toBe(twin.ca);
      expect(twin.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(twin.ca).not.toBe(sim.ca);
      expect(formatMoney(twin.groundTruth(twin.dataRange).cost)).toBe(formatMoney(sim.groundTruth(sim.dataRange).cost));
    } finally {
      await twin.close();
    }
  });

  it('generates a large organization lazily', async () => {
    const big = await startAzureSimulator({ seed: 4, days: 365, workspaces: 100, models: 30 });
    try {
      expect(big.groundTruth({ start: big.dataRange.start, end: '2026-01-02' }).cost.isPositive()).toBe(true);
    } finally {
      await big.close();
    }
  });
});
