import type { DayRange } from '@spendsync/domain';
import type { AdapterDeps } from '../../adapter';
import type { HttpClient } from '../../http';
import { createHttpClient } from '../../http-client';
import type { Logger } from '../../logger';
import { classifyFalError } from './classify-error';
import { ZFalBilling, ZFalKeysPage, ZFalUsagePage, type FalBilling, type FalKeysPage, type FalUsagePage } from './raw';

/** fal's Platform API host; paths carry the `/v1` version, so a simulator URL works as a base URL as is. */
export const FAL_BASE_URL = 'https://api.fal.ai';

/** Usage lines asked for per page; fal caps it lower when it must ("actual maximum depends on query"). */
export const FAL_USAGE_PAGE_LIMIT = 1000;
const KEYS_PAGE_LIMIT = 100;

/** The calls the fal adapter makes; nothing else. */
export type FalClient = {
  /** `GET /v1/account/billing?expand=credits`: cheap, and admin-only like usage. */
  getBilling(signal?: AbortSignal): Promise<FalBilling>;
  /** One page of `GET /v1/models/usage`, daily UTC buckets for `[range.start, range.end)`. */
  getUsagePage(range: DayRange, cursor: string | undefined, signal?: AbortSignal): Promise<FalUsagePage>;
  /** One page of `GET /v1/keys`. */
  getKeysPage(cursor: string | undefined, signal?: AbortSignal): Promise<FalKeysPage>;
  readonly http: HttpClient;
};

/** Builds the fal client; `Authorization: Key <key_id:key_secret>`. */
export function createFalClient(
  apiKey: string,
  secrets: readonly string[],
  deps: AdapterDeps,
  logger: Logger,
): FalClient {
  const http = createHttpClient({
    provider: 'fal',
    label: 'fal.ai',
    baseUrl: deps.baseUrl ?? FAL_BASE_URL,
    fetch: deps.fetch,
    headers: { authorization: `Key ${apiKey}` },
    secrets,
    logger,
    retry: deps.retry,
    classifyError: classifyFalError,
  });
  return {
    http,
    getBilling: (signal) =>
      http.requestJson({ path: '/v1/account/billing', query: { expand: 'credits' }, signal }, ZFalBilling),
    getUsagePage: (range, cursor, signal) =>
      http.requestJson(
        {
          path: '/v1/models/usage',
          query: {
            start: range.start,
            end: range.end,
            timezone: 'UTC',
            timeframe: 'day',
            bound_to_timeframe: 'true',
            expand: 'time_series',
            limit: FAL_USAGE_PAGE_LIMIT,
            cursor,
          },
          signal,
        },
        ZFalUsagePage,
      ),
    getKeysPage: (cursor, signal) =>
      http.requestJson({ path: '/v1/keys', query: { limit: KEYS_PAGE_LIMIT, cursor }, signal }, ZFalKeysPage),
  };
}
