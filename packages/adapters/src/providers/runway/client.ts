import type { DayRange } from '@spendsync/domain';
import type { AdapterDeps } from '../../adapter';
import type { HttpClient } from '../../http';
import { createHttpClient } from '../../http-client';
import type { Logger } from '../../logger';
import { classifyRunwayError } from './classify-error';
import { ZRunwayOrganization, ZRunwayUsage, type RunwayOrganization, type RunwayUsage } from './raw';

/** Runway's Developer API host. */
export const RUNWAY_BASE_URL = 'https://api.dev.runwayml.com';

/** The API version every call must name (`X-Runway-Version`). */
export const RUNWAY_API_VERSION = '2024-11-06';

/** The calls the Runway adapter makes; nothing else. */
export type RunwayClient = {
  /** `GET /v1/organization`: credit balance and tier, a cheap authenticated call. */
  getOrganization(signal?: AbortSignal): Promise<RunwayOrganization>;
  /** `POST /v1/organization/usage` for `[range.start, range.end)`, at most 90 days. */
  getUsage(range: DayRange, signal?: AbortSignal): Promise<RunwayUsage>;
  readonly http: HttpClient;
};

/** Builds the Runway client: `Authorization: Bearer key_…` plus the required version header. */
export function createRunwayClient(
  apiKey: string,
  secrets: readonly string[],
  deps: AdapterDeps,
  logger: Logger,
): RunwayClient {
  const http = createHttpClient({
    provider: 'runway',
    label: 'Runway',
    baseUrl: deps.baseUrl ?? RUNWAY_BASE_URL,
    fetch: deps.fetch,
    headers: { authorization: `Bearer ${apiKey}`, 'x-runway-version': RUNWAY_API_VERSION },
    secrets,
    logger,
    retry: deps.retry,
    classifyError: classifyRunwayError,
  });
  return {
    http,
    getOrganization: (signal) => http.requestJson({ path: '/v1/organization', signal }, ZRunwayOrganization),
    getUsage: (range, signal) =>
      http.requestJson(
        {
          method: 'POST',
          path: '/v1/organization/usage',
          body: { startDate: range.start, beforeDate: range.end },
          signal,
        },
        ZRunwayUsage,
      ),
  };
}
