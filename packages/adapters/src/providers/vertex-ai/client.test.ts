import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ZERO, formatMoney, sumMoney } from '@spendsync/domain';
import { OAuth2Client } from 'google-auth-library';
import { silentLogger, type Logger } from '../../logger';
import { startSimulatorServer, type SimRequest, type SimResponse, type SimulatorServer } from '@spendsync/simulators';
import {
  TEST_RETRY_POLICY,
  catchAdapterError,
  collectRecords,
  createCapturingLogger,
} from '../../testing/contract-helpers';
import errors from './fixtures/errors.json';
import page1 from './fixtures/query-response-page-1.json';
import page2 from './fixtures/query-results-page-2.json';
import { vertexAiProvider } from './index';

process.env.METADATA_SERVER_DETECTION = 'none';

const TABLE = 'billing-proj.billing_ds.gcp_billing_export_v1_010101_F0FFF0_10X10X';
const KEY = {
  type: 'service_account',
  project_id: 'sa-proj',
  private_key_id: '0123456789abcdef0123456789abcdef01234567',
  client_email: 'reader@sa-proj.iam.gserviceaccount.com',
  private_key:
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7placeholder\n-----END PRIVATE KEY-----\n',
};
type Answer = (request: SimRequest) => SimResponse;
/** What BigQuery answers a dry run: no job, no rows, the bytes the query would scan. */
const DRY_RUN = {
  status: 200,
  body: { kind: 'bigquery#queryResponse', jobComplete: true, totalBytesProcessed: '1073741824', cacheHit: false },
};
const isDryRun = (r: SimRequest) => (r.body as { dryRun?: boolean } | undefined)?.dryRun === true;

/** A bare BigQuery endpoint answering what each test says; the real SDK talks to it. */
describe('BigQuery wire protocol through the real SDK', () => {
  let server: SimulatorServer;
  let answer: Answer;
  const seen: SimRequest[] = [];
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'ya29.test-token', expiry_date: Date.now() + 3_600_000 });
  const adapter = (logger: Logger = silentLogger) =>
    vertexAiProvider.create(vertexAiProvider.credentials.parse({ serviceAccount: KEY, billingTable: TABLE }), {
      fetch,
      now: () => new Date('2025-06-03T10:00:00Z'),
      logger,
      baseUrl: server.url,
      sdk: { authClient: auth },
      retry: { ...TEST_RETRY_POLICY, maxAttempts: 2 },
    });

  beforeAll(async () => {
    server = await startSimulatorServer({
      errorBody: (status, message) => ({ error: { code: status, message } }),
      groundTruth: () => ({ cost: ZERO, credits: ZERO }),
      handle: (request) => {
        seen.push(request);
        return answer(request);
      },
    });
  });
  afterAll(() => server.close());

  it('runs the parameterised query in the table project, then pages with pageToken', async () => {
    seen.length = 0;
    answer = (r) => (isDryRun(r) ? DRY_RUN : { status: 200, body: r.method === 'POST' ? page1 : page2 });
    const logger = createCapturingLogger();
    const { records } = await collectRecords(adapter(logger), { start: '2025-06-01', end: '2025-06-03' });
    expect(formatMoney(sumMoney(records.map((r) => r.cost)))).toBe('1.31025');
    expect(formatMoney(sumMoney(records.map((r) => r.creditsApplied)))).toBe('0.21');
    const [dryRun, query, results] = seen;
    // First a dry run of the very same query, whose byte count goes to the sync log.
    expect(dryRun?.body).toMatchObject({ dryRun: true, query: (query?.body as { query: string }).query });
    expect(logger.lines).toContain(
      'info Google Vertex AI: the billing export query for 2025-06-01..2025-06-03 (vertex-ai, partner-models, gemini-api) will scan 1.0 GiB (1073741824 bytes; limit 100.0 GiB)',
    );
    expect(query?.method).toBe('POST');
    expect(query?.path).toBe('/bigquery/v2/projects/billing-proj/queries');
    expect(query?.headers.authorization).toBe('Bearer ya29.test-token');
    expect(query?.body).toMatchObject({
      location: 'US',
      parameterMode: 'NAMED',
      useLegacySql: false,
      queryParameters: [{ name: 'start' }, { name: 'end' }],
    });
    expect(results?.method).toBe('GET');
    expect(results?.path).toBe('/bigquery/v2/projects/billing-proj/queries/job_abc');
    expect(Object.fromEntries(results?.query ?? [])).toMatchObject({
      location: 'US',
      pageToken: page1.pageToken,
      'formatOptions.useInt64Timestamp': 'true',
    });
  });

  it('polls a job that is not complete yet, then pages', async () => {
    seen.length = 0;
    const pending = { kind: 'bigquery#queryResponse', jobReference: page1.jobReference, jobComplete: false };
    answer = (r) =>
      isDryRun(r)
        ? DRY_RUN
        : { status: 200, body: r.method === 'POST' ? pending : r.query.get('pageToken') ? page2 : page1 };
    const { records } = await collectRecords(adapter(), { start: '2025-06-01', end: '2025-06-03' });
    expect(records).toHaveLength(7);
    expect(
      seen.map((r) => `${r.method} ${r.query.get('pageToken') ?? '-'} ${r.query.get('timeoutMs') ?? '-'}`),
    ).toEqual(['POST - -', 'POST - -', 'GET - 10000', `GET ${page1.pageToken} -`]);
  });

  it('warns in the sync log when the dry run says the query would scan close to the byte limit', async () => {
    answer = (r) =>
      isDryRun(r)
        ? { ...DRY_RUN, body: { ...DRY_RUN.body, totalBytesProcessed: String(95 * 1024 ** 3) } }
        : { status: 200, body: r.method === 'POST' ? page1 : page2 };
    const logger = createCapturingLogger();
    await collectRecords(adapter(logger), { start: '2025-06-01', end: '2025-06-03' });
    expect(
      logger.lines.some(
        (l) =>
          l.startsWith('warn Google Vertex AI: the billing export query') &&
          /95\.0 GiB.*bytesBilledLimitExceeded/.test(l),
      ),
    ).toBe(true);
  });

  it.each([
    [
      'accessDenied',
      'CREDENTIAL_REJECTED',
      /BigQuery Data Viewer role on the billing export dataset \(billing-proj\.billing_ds\) and BigQuery Job User on project billing-proj/,
      1,
    ],
    ['notFound', 'NOT_FOUND', /Check the table name and location/, 1],
    ['invalidQuery', 'BAD_REQUEST', /Unrecognized name/, 1],
    ['unauthenticated', 'AUTH_FAILED', /service-account key/, 1],
    // Retried by us (the SDK's autoRetry is off), then reported.
    ['rateLimitExceeded', 'RATE_LIMITED', /quota/, 2],
    ['backendError', 'UPSTREAM_UNAVAILABLE', /unavailable/, 2],
  ] as const)('maps the documented %s error to %s', async (name, code, message, attempts) => {
    seen.length = 0;
    answer = () => errors[name];
    const error = await catchAdapterError(adapter().verify(), code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(KEY.private_key_id);
    expect(seen).toHaveLength(attempts);
  });

  it('says what to do when the export table has no _PARTITIONTIME (not ingestion-time partitioned)', async () => {
    const message = 'Unrecognized name: _PARTITIONTIME at [14:7]';
    answer = () => ({
      status: 400,
      body: {
        error: {
          code: 400,
          message,
          errors: [{ message, domain: 'global', reason: 'invalidQuery' }],
          status: 'INVALID_ARGUMENT',
        },
      },
    });
    const error = await catchAdapterError(
      collectRecords(adapter(), { start: '2025-06-01', end: '2025-06-03' }),
      'BAD_REQUEST',
    );
    expect(error.message).toMatch(/not partitioned by ingestion time.*Recreate the billing export/);
  });

  it('reports a result without a job to page from as INVALID_RESPONSE', async () => {
    answer = () => ({ status: 200, body: { ...page1, jobReference: undefined } });
    await catchAdapterError(collectRecords(adapter(), { start: '2025-06-01', end: '2025-06-03' }), 'INVALID_RESPONSE');
  });

  it('reports rows outside the window as INVALID_RESPONSE', async () => {
    answer = (r) => ({ status: 200, body: r.method === 'POST' ? page1 : page2 });
    await catchAdapterError(collectRecords(adapter(), { start: '2025-06-01', end: '2025-06-02' }), 'INVALID_RESPONSE');
  });
});
