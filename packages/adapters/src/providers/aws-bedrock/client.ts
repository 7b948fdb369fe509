import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetDimensionValuesCommand,
  type Expression,
  type GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';
import { addDays, credentialSecrets, type DayRange } from '@spendsync/domain';
import type { AwsBedrockCredentials } from '@spendsync/domain';
import type { z } from 'zod';
import type { AdapterDeps, WorkspaceRef } from '../../adapter';
import { AdapterError } from '../../errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../http';
import { paginate } from '../../paginate';
import { callSdk, type SdkCallOptions } from '../../sdk-call';
import { classifyCeError, LABEL } from './classify-error';
import { ZGetCostAndUsageOutput, ZGetDimensionValuesOutput, type GetCostAndUsageOutput } from './raw';
import { DISCOUNT_RECORD_TYPES, type RecordKind } from './map';
import { BEDROCK_SERVICE, isBedrockModelService } from './usage-type';

/** The Cost Explorer calls the adapter makes; each retries per `deps.retry` and throws AdapterError. */
export type CeClient = {
  readonly policy: RetryPolicy;
  /** Bedrock service names with data in the range: "Amazon Bedrock" and every "… (Amazon Bedrock Edition)". */
  bedrockServices(range: DayRange, signal?: AbortSignal): Promise<string[]>;
  /**
   * Daily UnblendedCost (+ UsageQuantity for usage) of one service and record type, by
   * LINKED_ACCOUNT × USAGE_TYPE; discounts by LINKED_ACCOUNT × RECORD_TYPE (at most two group-bys,
   * and the discount's kind matters more than its usage type).
   */
  costPages(
    range: DayRange,
    service: string,
    kind: RecordKind,
    signal?: AbortSignal,
  ): AsyncGenerator<GetCostAndUsageOutput>;
  /** Linked accounts with cost in the range, named when Cost Explorer gives the name. */
  linkedAccounts(range: DayRange, signal?: AbortSignal): Promise<WorkspaceRef[]>;
  /** One cheap call (a day of Bedrock cost) that proves the key signs and may read Cost Explorer. */
  probe(today: string, signal?: AbortSignal): Promise<void>;
};

const EMPTY: GetCostAndUsageOutput = { ResultsByTime: [] };

function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new AdapterError('aws-bedrock', 'INVALID_RESPONSE', `${LABEL}: unexpected ${what} response (${where})`);
}

/**
 * RECORD_TYPE values of each call. Usage covered by a Savings Plan is read as usage
 * (`SavingsPlanCoveredUsage`, at the on-demand rate) because its `SavingsPlanNegation` is read as
 * a discount: read alone, the negation would push net below zero. The plan's own fees are
 * account-wide and not Bedrock's, so they are not read. Values that an account never has simply
 * match nothing [inferred: Cost Explorer does not validate filter values].
 */
const RECORD_TYPES: Record<RecordKind, string[]> = {
  usage: ['Usage', 'SavingsPlanCoveredUsage'],
  credit: ['Credit'],
  refund: ['Refund'],
  discount: [...DISCOUNT_RECORD_TYPES],
};

function filterFor(service: string, kind: RecordKind): Expression {
  return {
    And: [
      { Dimensions: { Key: 'SERVICE', Values: [service] } },
      { Dimensions: { Key: 'RECORD_TYPE', Values: RECORD_TYPES[kind] } },
    ],
  };
}

/**
 * Builds the Cost Explorer client. Cost Explorer is served from us-east-1 for every commercial
 * region; the SDK's own retries are off (`maxAttempts: 1`) because we retry with our policy, and
 * `ignoreConfiguredEndpointUrls` keeps a stray AWS_ENDPOINT_URL from redirecting production calls.
 */
export function createCeClient(credentials: AwsBedrockCredentials, deps: AdapterDeps): CeClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  const ce = new CostExplorerClient({
    region: 'us-east-1',
    endpoint: deps.baseUrl,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    maxAttempts: 1,
    ignoreConfiguredEndpointUrls: true,
  });
  const options: SdkCallOptions = {
    provider: 'aws-bedrock',
    label: LABEL,
    policy,
    logger: deps.logger,
    secrets: credentialSecrets('aws-bedrock', credentials),
    classify: classifyCeError,
  };

  const costAndUsage = (input: GetCostAndUsageCommandInput, signal?: AbortSignal) =>
    callSdk(
      'GetCostAndUsage',
      async (abortSignal) => {
        try {
          return await ce.send(new GetCostAndUsageCommand(input), { abortSignal });
        } catch (error) {
          // No data for the range (Cost Explorer just enabled, or the range too new/old) is an empty answer.
          if ((error as Error)?.name === 'DataUnavailableException') return EMPTY;
          throw error;
        }
      },
      options,
      signal,
    ).then((out) => validate(ZGetCostAndUsageOutput, out, 'GetCostAndUsage'));

  const dimensionValues = (
    range: DayRange,
    dimension: 'SERVICE' | 'LINKED_ACCOUNT',
    search: string | undefined,
    signal?: AbortSignal,
  ) =>
    paginate({
      provider: 'aws-bedrock',
      label: LABEL,
      maxPages: policy.maxPages,
      fetchPage: (token) =>
        callSdk(
          'GetDimensionValues',
          (abortSignal) =>
            ce.send(
              new GetDimensionValuesCommand({
                TimePeriod: { Start: range.start, End: range.end },
                Dimension: dimension,
                SearchString: search,
                Context: 'COST_AND_USAGE',
                NextPageToken: token,
              }),
              { abortSignal },
            ),
          options,
          signal,
        ).then((out) => validate(ZGetDimensionValuesOutput, out, 'GetDimensionValues')),
      nextCursor: (page) => page.NextPageToken,
    });

  return {
    policy,
    async bedrockServices(range, signal) {
      const names = new Set<string>();
      for await (const page of dimensionValues(range, 'SERVICE', 'Bedrock', signal)) {
        for (const v of page.DimensionValues) if (v.Value && isBedrockModelService(v.Value)) names.add(v.Value);
      }
      return [...names].sort();
    },
    async linkedAccounts(range, signal) {
      const accounts = new Map<string, string | null>();
      for await (const page of dimensionValues(range, 'LINKED_ACCOUNT', undefined, signal)) {
        for (const v of page.DimensionValues) if (v.Value) accounts.set(v.Value, v.Attributes?.description ?? null);
      }
      return [...accounts].map(([id, name]) => ({ id, name }));
    },
    costPages(range, service, kind, signal) {
      return paginate({
        provider: 'aws-bedrock',
        label: LABEL,
        maxPages: policy.maxPages,
        fetchPage: (token) =>
          costAndUsage(
            {
              TimePeriod: { Start: range.start, End: range.end },
              Granularity: 'DAILY',
              Metrics: kind === 'usage' ? ['UnblendedCost', 'UsageQuantity'] : ['UnblendedCost'],
              Filter: filterFor(service, kind),
              GroupBy: [
                { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
                { Type: 'DIMENSION', Key: kind === 'discount' ? 'RECORD_TYPE' : 'USAGE_TYPE' },
              ],
              NextPageToken: token,
            },
            signal,
          ),
        nextCursor: (page) => page.NextPageToken,
      });
    },
    async probe(today, signal) {
      await costAndUsage(
        {
          TimePeriod: { Start: addDays(today, -1), End: today },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          Filter: { Dimensions: { Key: 'SERVICE', Values: [BEDROCK_SERVICE] } },
        },
        signal,
      );
    },
  };
}
