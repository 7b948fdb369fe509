import type { DayRange } from '@spendsync/domain';
import type { AdapterDeps } from '../../adapter';
import type { ErrorClassifier, HttpClient } from '../../http';
import { createHttpClient } from '../../http-client';
import type { Logger } from '../../logger';
import { ZRunwayErrorBody, ZRunwayOrganization, ZRunwayUsage, type RunwayOrganization, type RunwayUsage } from './raw';

/** Runway's Developer API host. */
export const RUNWAY_BASE_URL = 'https://api.dev.runwayml.com';

/** The API version every call must name (`X-Runway-Version`). */
export const RUNWAY_API_VERSION = '2024-11-06';

/** Maps Runway's `{error, issues?}` answers to codes with a message the user can act on. */
export const classifyRunwayError: ErrorClassifier = (response) => {
  const parsed = ZRunwayErrorBody.safeParse(response.body);
  const issues = parsed.success ? (parsed.data.issues ?? []).map((i) => [i.path?.join('.'), i.message].filter(Boolean).join(': ')) : [];
  const said = parsed.success ? `${parsed.data.error}${issues.length > 0 ? ` (${issues.join('; ')})` : ''}` : undefined;
  const quoted = said ? ` (Runway said: "${said}")` : '';
  if (response.status === 401) {
    return { code: 'AUTH_FAILED', message: `the API key was not accepted${quoted}; check that it is a current key (key_…) from dev.runwayml.com → API Keys` };
  }
  if (response.status === 429) {
    return { code: 'RATE_LIMITED', message: `too many requests${quoted}; Runway's limits are daily, the next sync retries` };
  }
  if (response.status === 400) return { code: 'BAD_REQUEST', message: `the usage query was refused${quoted}` };
  return undefined;
};

/** The calls the Runway adapter makes; nothing else. */
export type RunwayClient = {
  /** `GET /v1/organization`: credit balance and tier, a cheap authenticated call. */
  getOrganization(signal?: AbortSignal): Promise<RunwayOrganization>;
  /** `POST /v1/organization/usage` for `[range.start, range.end)`, at most 90 days. */
  getUsage(range: DayRange, signal?: AbortSignal): Promise<RunwayUsage>;
  readonly http: HttpClient;
};

/** Builds the Runway client: `Authorization: Bearer key_…` plus the required version header. */
export function createRunwayClient(apiKey: string, deps: AdapterDeps, logger: Logger): RunwayClient {
  const http = createHttpClient({
    provider: 'runway',
    label: 'Runway',
    baseUrl: deps.baseUrl ?? RUNWAY_BASE_URL,
    fetch: deps.fetch,
    headers: { authorization: `Bearer ${apiKey}`, 'x-runway-version': RUNWAY_API_VERSION },
    secrets: [apiKey],
    logger,
    retry: deps.retry,
    classifyError: classifyRunwayError,
  });
  return {
    http,
    getOrganization: (signal) => http.requestJson({ path: '/v1/organization', signal }, ZRunwayOrganization),
    getUsage: (range, signal) =>
      http.requestJson({ method: 'POST', path: '/v1/organization/usage', body: { startDate: range.start, beforeDate: range.end }, signal }, ZRunwayUsage),
  };
}
