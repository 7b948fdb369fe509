import { credentialSecrets, formatMoney, parseMoney, splitDayRange, type FalCredentials } from '@spendsync/domain';
import type { AdapterCapabilities, AdapterDeps, ApiKeyRef, BillingAdapter } from '../../adapter';
import { createRedactingLogger } from '../../logger';
import { paginate } from '../../paginate';
import { createFalClient, type FalClient } from './client';
import { createFalUsageAggregate } from './map';
import { nextFalCursor } from './raw';

/**
 * Days per usage query. Rows of one query are summed before they become records (a page can
 * split a day), so a window bounds the memory that takes; 31 days also keeps daily buckets
 * well inside fal's "auto" range for `timeframe=day`.
 */
export const FAL_WINDOW_DAYS = 31;

/** What fal's usage API gives: cost and quantity per endpoint, unit and day; no request counts. */
export const FAL_CAPABILITIES: AdapterCapabilities = {
  requestCounts: false,
  credits: false,
  // fal's units pass through verbatim; these are the ones its endpoints commonly bill in.
  units: ['image', 'megapixels', 'seconds', 'video', 'characters', 'tokens', 'requests', 'compute_seconds'],
  perKeyCost: false,
  dataDelayHours: 1,
  maxDaysPerCall: FAL_WINDOW_DAYS,
};

export function createFalAdapter(credentials: FalCredentials, deps: AdapterDeps): BillingAdapter {
  const secrets = credentialSecrets('fal', credentials);
  const logger = createRedactingLogger(deps.logger, secrets);
  const client: FalClient = createFalClient(credentials.apiKey, secrets, deps, logger);
  const maxPages = client.http.policy.maxPages;

  return {
    provider: 'fal',
    capabilities: FAL_CAPABILITIES,
    async verify(signal) {
      const billing = await client.getBilling(signal);
      const balance = billing.credits?.current_balance;
      return {
        accountName: billing.username ?? null,
        detail: 'full',
        message:
          balance === null || balance === undefined
            ? undefined
            : `ADMIN key accepted; credit balance ${formatMoney(parseMoney(balance))} ${billing.credits?.currency ?? 'USD'}`,
      };
    },
    async *listCostRecords(range, signal) {
      for (const window of splitDayRange(range, FAL_WINDOW_DAYS)) {
        const aggregate = createFalUsageAggregate(window);
        const pages = paginate({
          provider: 'fal',
          label: 'fal.ai',
          fetchPage: (cursor) => client.getUsagePage(window, cursor, signal),
          nextCursor: nextFalCursor,
          maxPages,
        });
        for await (const page of pages) aggregate.add(page.time_series ?? []);
        const records = aggregate.records();
        logger.debug(`fal.ai: ${records.length} records for ${window.start}..${window.end}`);
        if (records.length > 0) yield records;
      }
    },
    async listApiKeys(signal) {
      const keys: ApiKeyRef[] = [];
      const pages = paginate({
        provider: 'fal',
        label: 'fal.ai',
        fetchPage: (cursor) => client.getKeysPage(cursor, signal),
        nextCursor: nextFalCursor,
        maxPages,
      });
      for await (const page of pages) {
        // The key id is the public half of a fal key, so it doubles as the hint.
        for (const key of page.keys)
          keys.push({ id: key.key_id, workspaceId: null, name: key.alias ?? null, hint: key.key_id, status: null });
      }
      return keys;
    },
  };
}
