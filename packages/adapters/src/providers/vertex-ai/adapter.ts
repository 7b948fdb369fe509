import {
  addDays,
  credentialSecrets,
  dayOf,
  rangeContains,
  splitDayRange,
  type CostRecord,
  type VertexAiCredentials,
} from '@spendsync/domain';
import type { AdapterCapabilities, AdapterDeps, BillingAdapter } from '../../adapter';
import { AdapterError, isAdapterError } from '../../errors';
import { createRedactingLogger } from '../../logger';
import { LABEL } from './classify-error';
import { createBigQueryClient } from './client';
import { createVertexAccumulator, type VertexAccumulator } from './map';
import type { QueryResultsPage } from './raw';
import { decodeRows } from './rows';
import { MAXIMUM_BYTES_BILLED } from './query';
import { VERTEX_UNITS } from './sku';

/** Bytes in the unit a person reads (binary multiples, as BigQuery's console shows them). */
export function formatBytes(bytes: bigint): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** What the billing export gives for Vertex AI. */
export const VERTEX_AI_CAPABILITIES: AdapterCapabilities = {
  requestCounts: false,
  credits: true,
  units: VERTEX_UNITS,
  perKeyCost: false,
  // Export rows land 24–48 h late and are corrected afterwards: syncs re-read two days.
  dataDelayHours: 48,
  maxDaysPerCall: 31,
};

/** Rows per result page asked of BigQuery. */
const PAGE_ROWS = 10_000;

function read(
  page: QueryResultsPage,
  acc: VertexAccumulator,
  window: { start: string; end: string },
): string | undefined {
  try {
    let last: string | undefined;
    for (const row of decodeRows(page)) {
      if (!rangeContains(window, row.usage_day))
        throw new TypeError(`a row dated ${row.usage_day}, outside the window`);
      if (last !== undefined && row.usage_day < last) throw new TypeError('rows out of day order');
      acc.add(row);
      last = row.usage_day;
    }
    return last;
  } catch (error) {
    if (isAdapterError(error)) throw error;
    throw new AdapterError(
      'vertex-ai',
      'INVALID_RESPONSE',
      `${LABEL}: unreadable query result (${(error as Error).message})`,
    );
  }
}

/**
 * The Vertex AI adapter: one parameterised query over the billing export per window of at most
 * 31 days, paged through jobs.getQueryResults. Rows come ordered by day, so each finished day is
 * yielded while later pages are still being read.
 */
export function createVertexAiAdapter(credentials: VertexAiCredentials, deps: AdapterDeps): BillingAdapter {
  const logger = createRedactingLogger(deps.logger, credentialSecrets('vertex-ai', credentials));
  const bq = createBigQueryClient(credentials, { ...deps, logger });
  /** Says in the sync log how much the window's query will scan (a free dry run), and warns near the cap. */
  const reportScan = async (window: { start: string; end: string }, signal?: AbortSignal) => {
    const bytes = await bq.bytesToScan(window, signal);
    const services = credentials.services.join(', ');
    if (bytes === null)
      return logger.info(
        `${LABEL}: the dry run of ${window.start}..${window.end} (${services}) did not say how many bytes it would scan`,
      );
    const line = `${LABEL}: the billing export query for ${window.start}..${window.end} (${services}) will scan ${formatBytes(bytes)} (${bytes} bytes; limit ${formatBytes(BigInt(MAXIMUM_BYTES_BILLED))})`;
    if (bytes * 5n > BigInt(MAXIMUM_BYTES_BILLED) * 4n)
      logger.warn(`${line}: close to or over the limit, the query may fail with bytesBilledLimitExceeded`);
    else logger.info(line);
  };
  return {
    provider: 'vertex-ai',
    capabilities: VERTEX_AI_CAPABILITIES,
    async verify(signal) {
      const today = dayOf(deps.now());
      // The real query over one day, one row: proves the key, the roles, the table and the location.
      for await (const page of bq.resultPages({ start: addDays(today, -1), end: today }, 1, signal)) {
        validateOnly(page);
        break;
      }
      return { detail: 'full', accountName: null };
    },
    async *listCostRecords(range, signal) {
      for (const window of splitDayRange(range, VERTEX_AI_CAPABILITIES.maxDaysPerCall)) {
        await reportScan(window, signal);
        const acc = createVertexAccumulator();
        let pages = 0;
        for await (const page of bq.resultPages(window, PAGE_ROWS, signal)) {
          pages++;
          const last = read(page, acc, window);
          const done: CostRecord[] = last ? acc.flushBefore(last) : [];
          if (done.length > 0) yield done;
        }
        const rest = acc.flushAll();
        logger.debug(`${LABEL}: ${window.start}..${window.end} read in ${pages} pages`);
        if (rest.length > 0) yield rest;
      }
    },
  };
}

function validateOnly(page: QueryResultsPage): void {
  try {
    decodeRows(page);
  } catch (error) {
    throw new AdapterError(
      'vertex-ai',
      'INVALID_RESPONSE',
      `${LABEL}: unreadable query result (${(error as Error).message})`,
    );
  }
}
