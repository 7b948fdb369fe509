import {
  credentialSecrets,
  formatCents,
  formatMoney,
  parseCredits,
  parseMoney,
  splitDayRange,
  type RunwayCredentials,
} from '@spendsync/domain';
import type { AdapterCapabilities, AdapterDeps, BillingAdapter } from '../../adapter';
import { createRedactingLogger } from '../../logger';
import { createRunwayClient } from './client';
import { RUNWAY_USD_PER_CREDIT, mapRunwayUsage } from './map';

/** Runway answers at most 90 days per usage call (`beforeDate` ≤ `startDate` + 90). */
export const RUNWAY_MAX_DAYS = 90;

/** Credits per model and day; no tokens and no request counts. */
export const RUNWAY_CAPABILITIES: AdapterCapabilities = {
  requestCounts: false,
  credits: false,
  units: ['credits'],
  perKeyCost: false,
  // Not documented; usage of a day is complete once the day is over.
  dataDelayHours: 24,
  maxDaysPerCall: RUNWAY_MAX_DAYS,
};

export function createRunwayAdapter(credentials: RunwayCredentials, deps: AdapterDeps): BillingAdapter {
  const secrets = credentialSecrets('runway', credentials);
  const logger = createRedactingLogger(deps.logger, secrets);
  const client = createRunwayClient(credentials.apiKey, secrets, deps, logger);
  return {
    provider: 'runway',
    capabilities: RUNWAY_CAPABILITIES,
    async verify(signal) {
      const organization = await client.getOrganization(signal);
      const balance = organization.creditBalance;
      const message =
        balance === null || balance === undefined
          ? undefined
          : `Credit balance: ${formatMoney(parseMoney(balance))} credits ($${formatCents(parseCredits(balance, RUNWAY_USD_PER_CREDIT))})`;
      return { accountName: null, detail: 'full', message };
    },
    async readBalance(signal) {
      // `creditBalance` is what is left, in credits ($0.01 each); Runway reports no lifetime totals.
      const balance = (await client.getOrganization(signal)).creditBalance;
      if (balance === null || balance === undefined) return null;
      return { remaining: parseCredits(balance, RUNWAY_USD_PER_CREDIT), granted: null, used: null };
    },
    async *listCostRecords(range, signal) {
      // One call per window of at most 90 days; the API has no paging within a window.
      for (const window of splitDayRange(range, RUNWAY_MAX_DAYS)) {
        const records = mapRunwayUsage(await client.getUsage(window, signal), window);
        logger.debug(`Runway: ${records.length} records for ${window.start}..${window.end}`);
        if (records.length > 0) yield records;
      }
    },
  };
}
