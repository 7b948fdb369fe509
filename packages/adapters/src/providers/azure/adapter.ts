import {
  addDays,
  credentialSecrets,
  dayOf,
  rangeContains,
  type AzureCredentials,
  type CostRecord,
  type DayRange,
} from '@spendsync/domain';
import type { AdapterCapabilities, AdapterDeps, BillingAdapter } from '../../adapter';
import { AdapterError } from '../../errors';
import { DEFAULT_RETRY_POLICY } from '../../http';
import { createRedactingLogger, type Logger } from '../../logger';
import { createAzureCostClient, type AzureCostClient } from './client';
import { mapQueryPage, mergeRecords } from './map';
import { buildCostQuery, splitByMonth } from './query';

/** What the Cost Management Query API gives for Azure OpenAI / Foundry Models. */
export const AZURE_CAPABILITIES: AdapterCapabilities = {
  requestCounts: false,
  // Credits (Prepayment/MACC, sponsorship) apply at invoice level and are not in query rows.
  credits: false,
  units: [],
  perKeyCost: false,
  // EA/MCA data lands within 8–24 h, pay-as-you-go within up to 72 h.
  dataDelayHours: 72,
  maxDaysPerCall: 31,
};

const aborted = () => new AdapterError('azure', 'ABORTED', 'Azure: the request was aborted');

/** Records grouped by day, in day order, so each yielded page is one day. */
function byDay(records: readonly CostRecord[]): CostRecord[][] {
  const days = new Map<string, CostRecord[]>();
  for (const r of [...records].sort((a, b) => a.day.localeCompare(b.day))) {
    const list = days.get(r.day);
    if (list) list.push(r);
    else days.set(r.day, [r]);
  }
  return [...days.values()];
}

/** Reads every page of one month and merges the meters of a model into one record per grain. */
async function readMonth(
  client: AzureCostClient,
  month: DayRange,
  logger: Logger,
  signal?: AbortSignal,
): Promise<CostRecord[]> {
  const records: CostRecord[] = [];
  const unclassified = new Set<string>();
  let outside = 0;
  let pages = 0;
  for await (const page of client.pages(buildCostQuery(month), signal)) {
    pages++;
    const mapped = mapQueryPage(page);
    mapped.unclassifiedMeters.forEach((m) => unclassified.add(m));
    for (const record of mapped.records) {
      if (rangeContains(month, record.day)) records.push(record);
      else outside++;
    }
  }
  logger.debug(
    `Azure: cost query ${month.start}..${month.end} (end exclusive): ${pages} page(s), ${records.length + outside} row(s)`,
  );
  // Cost Management has been seen to shift dates; rows of days not asked for belong to another sync.
  if (outside > 0) logger.warn(`Azure: ignored ${outside} row(s) dated outside ${month.start}..${month.end}`);
  if (unclassified.size > 0)
    logger.info(`Azure: meters kept in the "other" bucket: ${[...unclassified].slice(0, 20).join('; ')}`);
  return mergeRecords(records);
}

/** Reads `deps.sdk.ca`: the PEM of an extra CA to trust (the simulator's per-run certificate). */
function readCa(deps: AdapterDeps): string | undefined {
  const ca = deps.sdk?.ca;
  return typeof ca === 'string' && ca.trim() !== '' ? ca : undefined;
}

function readBaseUrl(deps: AdapterDeps): string | undefined {
  if (deps.baseUrl === undefined) return undefined;
  const url = URL.canParse(deps.baseUrl) ? new URL(deps.baseUrl) : undefined;
  if (!url)
    throw new AdapterError(
      'azure',
      'BAD_REQUEST',
      'Azure: the base URL is not a URL; give one such as https://127.0.0.1:8443',
    );
  // The SDKs refuse plain http (bearer tokens only travel over TLS); say so before any call.
  if (url.protocol !== 'https:')
    throw new AdapterError(
      'azure',
      'BAD_REQUEST',
      `Azure: the base URL must use https (got ${url.protocol}//); the Azure SDKs refuse plain http`,
    );
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * The Azure adapter: a service principal signs in at Entra ID, then per calendar month the
 * Cost Management Query API gives daily actual cost grouped by resource and meter. Meters are
 * classified into models; each month's records are merged and yielded a day at a time.
 */
export function createAzureAdapter(credentials: AzureCredentials, deps: AdapterDeps): BillingAdapter {
  const logger = createRedactingLogger(deps.logger, credentialSecrets('azure', credentials));
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  const client = createAzureCostClient(credentials, { baseUrl: readBaseUrl(deps), ca: readCa(deps), policy, logger });
  return {
    provider: 'azure',
    capabilities: AZURE_CAPABILITIES,
    async verify(signal) {
      if (signal?.aborted) throw aborted();
      // One day of the real query: proves sign-in, role and subscription, and checks the columns and currency.
      const day = addDays(dayOf(deps.now()), -1);
      mapQueryPage(await client.firstPage(buildCostQuery({ start: day, end: addDays(day, 1) }), signal));
      return { detail: 'full', accountName: null };
    },
    async *listCostRecords(range, signal) {
      if (signal?.aborted) throw aborted();
      for (const month of splitByMonth(range)) {
        for (const day of byDay(await readMonth(client, month, logger, signal))) yield day;
      }
    },
  };
}
