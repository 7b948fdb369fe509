import { startOfDay, type DayRange } from '@spendsync/domain';
import type { AdapterDeps } from '../../adapter';
import { AdapterError } from '../../errors';
import type { z } from 'zod';
import { createHttpClient } from '../../http-client';
import type { ErrorClassifier, HttpClient } from '../../http';
import { createRedactingLogger } from '../../logger';
import { paginate } from '../../paginate';
import {
  ZApiKeysPage,
  ZCostPage,
  ZOrganization,
  ZUsagePage,
  ZWorkspacesPage,
  type ApiKey,
  type CostItem,
  type ListPage,
  type Organization,
  type ReportPage,
  type UsageItem,
  type Workspace,
} from './raw';
import { classifyAnthropicError } from './classify-error';

/** Anthropic's public endpoint. */
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
/** The API version every Admin API call must name. */
export const ANTHROPIC_VERSION = '2023-06-01';
/** Most daily buckets one report page may hold (the API's own maximum for `1d`). */
export const MAX_BUCKETS_PER_PAGE = 31;
const LIST_LIMIT = 1000;
const LABEL = 'Anthropic';

/** The next cursor; `has_more` without one would silently drop the rest, so it is an error. */
function nextCursor(hasMore: boolean, cursor: string | null | undefined): string | null {
  if (!hasMore) return null;
  if (!cursor)
    throw new AdapterError('anthropic', 'INVALID_RESPONSE', `${LABEL}: a page said has_more but gave no cursor`);
  return cursor;
}

/** Calls of the Admin API (usage and cost, workspaces, keys); no mapping happens here. */
export type AnthropicClient = {
  me(signal?: AbortSignal): Promise<Organization>;
  workspaces(signal?: AbortSignal): Promise<Workspace[]>;
  apiKeys(signal?: AbortSignal): Promise<ApiKey[]>;
  usagePages(range: DayRange, signal?: AbortSignal): AsyncGenerator<ReportPage<UsageItem>>;
  costPages(range: DayRange, signal?: AbortSignal): AsyncGenerator<ReportPage<CostItem>>;
};

/** Builds the client; `apiKey` is sent as `x-api-key`; `secrets` (the credential's) are redacted from every message. */
export function createAnthropicClient(apiKey: string, secrets: readonly string[], deps: AdapterDeps): AnthropicClient {
  const classify: ErrorClassifier = (response) => classifyAnthropicError(response, apiKey);
  const http: HttpClient = createHttpClient({
    provider: 'anthropic',
    label: LABEL,
    baseUrl: deps.baseUrl ?? ANTHROPIC_BASE_URL,
    fetch: deps.fetch,
    headers: {
      'x-api-key': apiKey,
      'anthropic-version': ANTHROPIC_VERSION,
      'user-agent': 'spendsync/0.1 (self-hosted FinOps)',
    },
    secrets,
    logger: createRedactingLogger(deps.logger, secrets),
    retry: deps.retry,
    classifyError: classify,
    arrayFormat: 'brackets',
  });

  async function list<T>(
    path: string,
    schema: z.ZodType<ListPage<T>>,
    query: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    const pages = paginate({
      provider: 'anthropic',
      label: LABEL,
      maxPages: http.policy.maxPages,
      fetchPage: (after) =>
        http.requestJson({ path, query: { ...query, limit: LIST_LIMIT, after_id: after }, signal }, schema),
      nextCursor: (page) => nextCursor(page.has_more, page.last_id),
    });
    for await (const page of pages) items.push(...page.data);
    return items;
  }

  function report<T>(
    path: string,
    schema: z.ZodType<ReportPage<T>>,
    range: DayRange,
    groupBy: string[],
    signal?: AbortSignal,
  ) {
    const query = {
      starting_at: startOfDay(range.start).toISOString(),
      ending_at: startOfDay(range.end).toISOString(),
      bucket_width: '1d',
      limit: MAX_BUCKETS_PER_PAGE,
      group_by: groupBy,
    };
    return paginate({
      provider: 'anthropic',
      label: LABEL,
      maxPages: http.policy.maxPages,
      fetchPage: (page) => http.requestJson({ path, query: { ...query, page }, signal }, schema),
      nextCursor: (page) => nextCursor(page.has_more, page.next_page),
    });
  }

  return {
    me: (signal) => http.requestJson({ path: '/v1/organizations/me', signal }, ZOrganization),
    workspaces: (signal) =>
      list<Workspace>('/v1/organizations/workspaces', ZWorkspacesPage, { include_archived: 'true' }, signal),
    apiKeys: (signal) => list<ApiKey>('/v1/organizations/api_keys', ZApiKeysPage, {}, signal),
    usagePages: (range, signal) =>
      report<UsageItem>(
        '/v1/organizations/usage_report/messages',
        ZUsagePage,
        range,
        ['api_key_id', 'workspace_id', 'model'],
        signal,
      ),
    costPages: (range, signal) =>
      report<CostItem>('/v1/organizations/cost_report', ZCostPage, range, ['workspace_id', 'description'], signal),
  };
}
