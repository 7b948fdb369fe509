import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { silentLogger } from '../../logger';
import { startSimulatorServer, type SimRequest, type SimResponse, type SimulatorServer } from '@spendsync/simulators';
import { catchAdapterError, collectRecords } from '../../testing/contract-helpers';
import { ZERO } from '@spendsync/domain';
import { azureProvider } from './index';
import { createSimulatorCertificate } from '@spendsync/simulators/providers/azure/sim-certificate';

const TENANT = '33333333-3333-4333-8333-333333333333';
const credentials = azureProvider.credentials.parse({
  tenantId: TENANT,
  clientId: '11111111-1111-4111-8111-111111111111',
  clientSecret: 'Abc8Q~hand-written-server-secret_0123456',
  subscriptionId: '00000000-0000-4000-8000-000000000000',
});
const COLUMNS = ['Cost', 'UsageDate', 'ResourceId', 'Meter', 'Currency'].map((name) => ({ name, type: 'String' }));

/** What the query route answers next; each test sets it. */
let answerQuery: (request: SimRequest, baseUrl: string) => SimResponse;
let server: SimulatorServer;
let ca: string;

beforeAll(async () => {
  const certificate = await createSimulatorCertificate();
  ca = certificate.cert;
  server = await startSimulatorServer({
    tls: certificate,
    errorBody: (_, message) => ({ error: { code: 'Error', message } }),
    groundTruth: () => ({ cost: ZERO, credits: ZERO }),
    handle: (request, { baseUrl }) => {
      if (request.path.endsWith('/openid-configuration')) {
        return {
          status: 200,
          body: {
            token_endpoint: `${baseUrl}/${TENANT}/oauth2/v2.0/token`,
            issuer: `${baseUrl}/${TENANT}/v2.0`,
            authorization_endpoint: `${baseUrl}/a`,
            jwks_uri: `${baseUrl}/k`,
          },
        };
      }
      if (request.path.endsWith('/token'))
        return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: 'token' } };
      return answerQuery(request, baseUrl);
    },
  });
});
afterAll(() => server.close());

const adapter = () =>
  azureProvider.create(credentials, {
    fetch,
    now: () => new Date('2026-02-03T00:00:00Z'),
    logger: silentLogger,
    baseUrl: server.url,
    sdk: { ca },
    retry: { maxAttempts: 1 },
  });
const range = { start: '2026-02-01', end: '2026-02-03' };

describe('Azure client against a hand-written server', () => {
  it('refuses to follow a nextLink to another origin, which would receive the bearer token', async () => {
    answerQuery = () => ({
      status: 200,
      body: {
        properties: {
          nextLink: 'https://attacker.example/subscriptions/x/providers/Microsoft.CostManagement/query?$skiptoken=1',
          columns: COLUMNS,
          rows: [],
        },
      },
    });
    const error = await catchAdapterError(collectRecords(adapter(), range), 'INVALID_RESPONSE');
    expect(error.message).toMatch(
      /nextLink points to https:\/\/attacker\.example, not https:\/\/127\.0\.0\.1:\d+; refused/,
    );
  });

  it('never follows a redirect of the query: the target is never called and the call fails', async () => {
    const asked: string[] = [];
    answerQuery = (request, baseUrl) => {
      asked.push(request.path);
      return request.path.startsWith('/elsewhere')
        ? { status: 200, body: { properties: { nextLink: null, columns: COLUMNS, rows: [] } } }
        : { status: 307, headers: { location: `${baseUrl}/elsewhere` } };
    };
    const error = await catchAdapterError(collectRecords(adapter(), range));
    expect(error.status).toBe(307);
    expect(asked.filter((path) => path.startsWith('/elsewhere'))).toEqual([]);
  });

  it('reads a 204 as a page without data', async () => {
    answerQuery = () => ({ status: 204 });
    expect(await collectRecords(adapter(), range)).toEqual({ records: [], pages: 0 });
  });

  it('reads a nextLink page from the raw wire body, where rows sit under properties', async () => {
    answerQuery = (request, baseUrl) =>
      request.query.has('$skiptoken')
        ? {
            status: 200,
            body: {
              properties: {
                nextLink: null,
                columns: COLUMNS,
                rows: [[0.5, 20260202, '/s/r/accounts/a', 'R1 Inp glbl Tokens', 'USD']],
              },
            },
          }
        : {
            status: 200,
            body: {
              properties: {
                nextLink: `${baseUrl}${request.path}?api-version=2021-10-01&$skiptoken=2`,
                columns: COLUMNS,
                rows: [[0.25, 20260201, '/s/r/accounts/a', 'R1 Outp glbl Tokens', 'USD']],
              },
            },
          };
    const { records } = await collectRecords(adapter(), range);
    expect(records.map((r) => [r.day, r.model, r.cost.toFixed()])).toEqual([
      ['2026-02-01', 'deepseek-r1', '0.25'],
      ['2026-02-02', 'deepseek-r1', '0.5'],
    ]);
  });

  it('gives INVALID_RESPONSE for rows that are not arrays', async () => {
    answerQuery = () => ({ status: 200, body: { properties: { nextLink: null, columns: COLUMNS, rows: 'none' } } });
    await catchAdapterError(collectRecords(adapter(), range), 'INVALID_RESPONSE');
  });

  it('refuses at verify a subscription billed in another currency when no USD column comes back', async () => {
    answerQuery = () => ({
      status: 200,
      body: {
        properties: {
          nextLink: null,
          columns: COLUMNS,
          rows: [[9.5, 20260202, '/s/r/accounts/a', 'R1 Inp glbl Tokens', 'EUR']],
        },
      },
    });
    const error = await catchAdapterError(adapter().verify(), 'INVALID_RESPONSE');
    expect(error.message).toMatch(
      /billed in "EUR" and the cost query answered without a CostUSD or PreTaxCostUSD column/,
    );
  });
});
