import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { silentLogger } from '../../logger';
import { startSimulatorServer, type SimRequest, type SimResponse, type SimulatorServer } from '@spendsync/simulators';
import { ZERO } from '@spendsync/domain';
import { catchAdapterError, collectRecords, TEST_RETRY_POLICY } from '../../testing/contract-helpers';
import errors from './fixtures/errors.json';
import serviceValues from './fixtures/dimension-values-service.json';
import usage from './fixtures/cost-and-usage-usage.json';
import { awsBedrockProvider } from './index';
import { DISCOUNT_RECORD_TYPES } from './map';

const CREDENTIALS = { accessKeyId: 'AKIAEXAMPLEKEY000001', secretAccessKey: 'exampleSecretAccessKey/abc+123' };
type Answer = (request: SimRequest) => SimResponse;

/** A bare Cost Explorer endpoint answering what each test says: the real SDK talks to it. */
/** The part of a GetCostAndUsage request the test reads. */
type CostQuery = { Filter: { And: { Dimensions: { Values: string[] } }[] } };

describe('Cost Explorer wire protocol through the real SDK', () => {
  let server: SimulatorServer;
  let answer: Answer;
  const seen: SimRequest[] = [];
  const adapter = () =>
    awsBedrockProvider.create(awsBedrockProvider.credentials.parse(CREDENTIALS), {
      fetch,
      now: () => new Date('2025-06-03T10:00:00Z'),
      logger: silentLogger,
      baseUrl: server.url,
      retry: { ...TEST_RETRY_POLICY, maxAttempts: 2 },
    });

  beforeAll(async () => {
    server = await startSimulatorServer({
      contentType: 'application/x-amz-json-1.1',
      errorBody: (_, message) => ({ __type: 'InternalFailure', Message: message }),
      groundTruth: () => ({ cost: ZERO, credits: ZERO }),
      handle: (request) => {
        seen.push(request);
        return answer(request);
      },
    });
  });
  afterAll(() => server.close());

  it('signs for us-east-1/ce, targets the operation and sends the Bedrock query', async () => {
    seen.length = 0;
    answer = (r) => ({
      status: 200,
      body: String(r.headers['x-amz-target']).endsWith('GetDimensionValues') ? serviceValues : usage,
    });
    const { records } = await collectRecords(adapter(), { start: '2025-06-01', end: '2025-06-03' });
    expect(records.length).toBeGreaterThan(0);
    const first = seen[0]!;
    expect(first.method).toBe('POST');
    expect(first.path).toBe('/');
    expect(first.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(String(first.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEKEY000001\/\d{8}\/us-east-1\/ce\/aws4_request, /,
    );
    expect(first.headers['x-amz-target']).toBe('AWSInsightsIndexService.GetDimensionValues');
    expect(first.body).toMatchObject({
      Dimension: 'SERVICE',
      SearchString: 'Bedrock',
      TimePeriod: { Start: '2025-06-01', End: '2025-06-03' },
    });
    const queries = seen
      .filter((r) => r.headers['x-amz-target'] === 'AWSInsightsIndexService.GetCostAndUsage')
      .map((r) => r.body as CostQuery);
    // Three model services (the AgentCore decoy is skipped), each read for Usage, Credit, Refund and the discount types.
    expect(
      queries.map((q) => `${q.Filter.And[0].Dimensions.Values[0]} ${q.Filter.And[1].Dimensions.Values.join('|')}`),
    ).toEqual(
      [
        'Amazon Bedrock',
        'Claude 3.5 Sonnet (Amazon Bedrock Edition)',
        'Claude Sonnet 4.6 (Amazon Bedrock Edition)',
      ].flatMap((service) => [
        `${service} Usage|SavingsPlanCoveredUsage`,
        `${service} Credit`,
        `${service} Refund`,
        `${service} ${DISCOUNT_RECORD_TYPES.join('|')}`,
      ]),
    );
    expect(queries[3]).toMatchObject({
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'RECORD_TYPE' },
      ],
    });
    expect(queries[0]).toMatchObject({
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost', 'UsageQuantity'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
      ],
    });
  });

  it.each([
    ['UnrecognizedClientException', 'AUTH_FAILED', /access key ID and secret access key/, 1],
    ['AccessDeniedException', 'CREDENTIAL_REJECTED', /ce:GetCostAndUsage/, 1],
    // Throttling is retried by us (the SDK's own retries are off), then reported.
    ['LimitExceededException', 'RATE_LIMITED', /throttling/, 2],
  ] as const)('maps the documented %s body to %s', async (name, code, message, attempts) => {
    seen.length = 0;
    answer = () => ({ status: 400, body: errors[name] });
    const error = await catchAdapterError(adapter().verify(), code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(CREDENTIALS.secretAccessKey);
    expect(seen).toHaveLength(attempts);
  });

  it('treats the documented DataUnavailableException as no data', async () => {
    answer = (r) =>
      String(r.headers['x-amz-target']).endsWith('GetDimensionValues')
        ? { status: 200, body: serviceValues }
        : { status: 400, body: errors.DataUnavailableException };
    await expect(adapter().verify()).resolves.toEqual({ detail: 'full', accountName: null });
    const { records } = await collectRecords(adapter(), { start: '2025-06-01', end: '2025-06-03' });
    expect(records).toEqual([]);
  });

  it('reports a token that repeats as INVALID_RESPONSE', async () => {
    answer = (r) =>
      String(r.headers['x-amz-target']).endsWith('GetDimensionValues')
        ? { status: 200, body: serviceValues }
        : { status: 200, body: { ...usage, NextPageToken: 'same' } };
    await catchAdapterError(collectRecords(adapter(), { start: '2025-06-01', end: '2025-06-03' }), 'INVALID_RESPONSE');
  });

  it('reports a response of the wrong shape as INVALID_RESPONSE', async () => {
    answer = () => ({ status: 200, body: { DimensionValues: 'not a list' } });
    await catchAdapterError(collectRecords(adapter(), { start: '2025-06-01', end: '2025-06-03' }), 'INVALID_RESPONSE');
  });
});
