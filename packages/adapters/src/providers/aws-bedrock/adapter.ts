import {
  credentialSecrets,
  dayOf,
  splitDayRange,
  addDays,
  rangeContains,
  type AwsBedrockCredentials,
  type CostRecord,
} from '@spendsync/domain';
import type { AdapterCapabilities, AdapterDeps, BillingAdapter } from '../../adapter';
import { AdapterError, isAdapterError } from '../../errors';
import { createRedactingLogger } from '../../logger';
import { LABEL } from './classify-error';
import { createCeClient } from './client';
import { createBedrockAccumulator, type BedrockAccumulator, type RecordKind } from './map';
import type { GetCostAndUsageOutput } from './raw';

/** What Cost Explorer gives for Bedrock. */
export const AWS_BEDROCK_CAPABILITIES: AdapterCapabilities = {
  requestCounts: false,
  credits: true,
  units: [],
  perKeyCost: false,
  // Cost Explorer marks recent days `Estimated` and revises them for 24–48 h.
  dataDelayHours: 48,
  maxDaysPerCall: 31,
};

const KINDS: readonly RecordKind[] = ['usage', 'credit', 'refund', 'discount'];

function addPage(acc: BedrockAccumulator, service: string, kind: RecordKind, page: GetCostAndUsageOutput): void {
  try {
    acc.add(service, kind, page);
  } catch (error) {
    if (isAdapterError(error)) throw error;
    throw new AdapterError(
      'aws-bedrock',
      'INVALID_RESPONSE',
      `${LABEL}: unreadable GetCostAndUsage figures (${(error as Error).message})`,
    );
  }
}

/** Groups records by day, in order, so each yielded page is one day. */
function byDay(records: CostRecord[]): CostRecord[][] {
  const days = new Map<string, CostRecord[]>();
  for (const r of records) {
    const list = days.get(r.day);
    if (list) list.push(r);
    else days.set(r.day, [r]);
  }
  return [...days.values()];
}

/**
 * The AWS Bedrock adapter. Per window of at most 31 days: find the Bedrock services with data
 * (GetDimensionValues), then for each service read daily Usage, Credit and Refund records grouped
 * by LINKED_ACCOUNT × USAGE_TYPE and the discount record types grouped by LINKED_ACCOUNT ×
 * RECORD_TYPE, merge them into one record per (day, account, model) and yield them a day at a
 * time. Refunds reduce cost; credits and discounts are creditsApplied (discounts also apart).
 */
export function createAwsBedrockAdapter(credentials: AwsBedrockCredentials, deps: AdapterDeps): BillingAdapter {
  const secrets = credentialSecrets('aws-bedrock', credentials);
  const logger = createRedactingLogger(deps.logger, secrets);
  const ce = createCeClient(credentials, { ...deps, logger });
  return {
    provider: 'aws-bedrock',
    capabilities: AWS_BEDROCK_CAPABILITIES,
    async verify(signal) {
      await ce.probe(dayOf(deps.now()), signal);
      return { detail: 'full', accountName: null };
    },
    async *listCostRecords(range, signal) {
      for (const window of splitDayRange(range, AWS_BEDROCK_CAPABILITIES.maxDaysPerCall)) {
        const services = await ce.bedrockServices(window, signal);
        logger.debug(`${LABEL}: ${services.length} Bedrock services with data from ${window.start} to ${window.end}`);
        const acc = createBedrockAccumulator();
        for (const service of services) {
          for (const kind of KINDS)
            for await (const page of ce.costPages(window, service, kind, signal)) addPage(acc, service, kind, page);
        }
        const records = acc.records();
        for (const [unit, groups] of acc.unknownUnits()) {
          logger.warn(
            `${LABEL}: ${groups} token usage group(s) from ${window.start} to ${window.end} came with UsageQuantity unit "${unit}", which is not a token unit spendsync knows; their token counts are left unknown (cost is kept)`,
          );
        }
        const outside = records.filter((r) => !rangeContains(window, r.day));
        if (outside.length > 0)
          logger.warn(
            `${LABEL}: dropped ${outside.length} records dated outside ${window.start}..${addDays(window.end, -1)}`,
          );
        for (const day of byDay(records.filter((r) => rangeContains(window, r.day)))) yield day;
      }
    },
    async listWorkspaces(signal) {
      const today = dayOf(deps.now());
      return ce.linkedAccounts({ start: addDays(today, -90), end: today }, signal);
    },
  };
}
