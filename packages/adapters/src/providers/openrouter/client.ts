import type { Day } from '@spendsync/domain';
import type { AdapterDeps } from '../../adapter';
import { AdapterError } from '../../errors';
import { createHttpClient } from '../../http-client';
import { createRedactingLogger } from '../../logger';
import { paginate } from '../../paginate';
import { classifyOpenRouterError, type OpenRouterKeyRole } from './classify-error';
import {
  ZActivity,
  ZCredits,
  ZKeyInfo,
  ZKeysPage,
  type ActivityRow,
  type ApiKey,
  type Credits,
  type KeyInfo,
} from './raw';

/** OpenRouter's public endpoint. */
export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';
const LABEL = 'OpenRouter';

/** Calls any key may make. */
export type OpenRouterKeyClient = {
  /** `GET /key`: usage and type of the calling key. */
  keyInfo(signal?: AbortSignal): Promise<KeyInfo>;
};

/** Filters of `GET /activity`; without `date` the answer covers the whole 30-day window. */
export type ActivityQuery = { date?: Day; apiKeyHash?: string };

/** Calls that need a management key. */
export type OpenRouterManagementClient = {
  credits(signal?: AbortSignal): Promise<Credits>;
  activity(query: ActivityQuery, signal?: AbortSignal): Promise<ActivityRow[]>;
  /** Every key of the account, disabled ones included (they may have spent in the window). */
  keys(signal?: AbortSignal): Promise<ApiKey[]>;
};

function createOpenRouterHttp(key: string, role: OpenRouterKeyRole, secrets: readonly string[], deps: AdapterDeps) {
  return createHttpClient({
    provider: 'openrouter',
    label: LABEL,
    baseUrl: deps.baseUrl ?? OPENROUTER_BASE_URL,
    fetch: deps.fetch,
    headers: { authorization: `Bearer ${key}`, 'user-agent': 'spendsync/0.1 (self-hosted FinOps)' },
    secrets,
    logger: createRedactingLogger(deps.logger, secrets),
    retry: deps.retry,
    classifyError: (response) => classifyOpenRouterError(response, role),
  });
}

/** A client that sends `key` (any type); `secrets` holds every credential value to redact. */
export function createOpenRouterKeyClient(
  key: string,
  secrets: readonly string[],
  deps: AdapterDeps,
): OpenRouterKeyClient {
  const http = createOpenRouterHttp(key, 'API key', secrets, deps);
  return { keyInfo: async (signal) => (await http.requestJson({ path: '/key', signal }, ZKeyInfo)).data };
}

/**
 * The next offset of `GET /keys`, which has no `has_more`: the listing ends with an empty page or
 * one shorter than an earlier page (the API's page size is 100, but is not promised anywhere).
 * A page of keys already seen means the offset was ignored, which would never end.
 */
function nextOffset(page: ApiKey[], state: { offset: number; largest: number; seen: Set<string> }): string | null {
  if (page.length === 0) return null;
  if (page.every((k) => state.seen.has(k.hash))) {
    throw new AdapterError(
      'openrouter',
      'INVALID_RESPONSE',
      `${LABEL}: the key list repeated a page at offset ${state.offset}; stopped to avoid an endless loop`,
    );
  }
  page.forEach((k) => state.seen.add(k.hash));
  const short = page.length < state.largest;
  state.largest = Math.max(state.largest, page.length);
  state.offset += page.length;
  return short ? null : String(state.offset);
}

/** A client for the management endpoints, sending the management key. */
export function createOpenRouterManagementClient(
  key: string,
  secrets: readonly string[],
  deps: AdapterDeps,
): OpenRouterManagementClient {
  const http = createOpenRouterHttp(key, 'management key', secrets, deps);

  async function keys(signal?: AbortSignal): Promise<ApiKey[]> {
    const state = { offset: 0, largest: 0, seen: new Set<string>() };
    const found = new Map<string, ApiKey>();
    const pages = paginate({
      provider: 'openrouter',
      label: LABEL,
      maxPages: http.policy.maxPages,
      fetchPage: async (cursor) =>
        (
          await http.requestJson(
            { path: '/keys', query: { offset: cursor ?? '0', include_disabled: 'true' }, signal },
            ZKeysPage,
          )
        ).data,
      nextCursor: (page) => nextOffset(page, state),
    });
    // Keys created or deleted while paging shift the offsets; a key seen twice is kept once.
    for await (const page of pages) for (const key of page) if (!found.has(key.hash)) found.set(key.hash, key);
    return [...found.values()];
  }

  return {
    credits: async (signal) => (await http.requestJson({ path: '/credits', signal }, ZCredits)).data,
    activity: async (query, signal) =>
      (
        await http.requestJson(
          { path: '/activity', query: { date: query.date, api_key_hash: query.apiKeyHash }, signal },
          ZActivity,
        )
      ).data,
    keys,
  };
}
