import { dayToUnixSeconds, rangeLength, type DayRange } from '@spendsync/domain';
import type { AdapterDeps } from '../../adapter';
import { createHttpClient } from '../../http-client';
import type { HttpClient } from '../../http';
import { paginate } from '../../paginate';
import type { UsageKind } from './aggregate';
import { classifyOpenAiError } from './classify-error';
import {
  ZCostsPage,
  ZProjectApiKeyList,
  ZProjectList,
  ZUsagePage,
  type CostsBucket,
  type Project,
  type ProjectApiKey,
  type UsageBucket,
} from './raw';

/** OpenAI's API root; the Admin API lives under it. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Most 1d buckets one costs page may hold. */
export const COSTS_PAGE_LIMIT = 180;
/** Most 1d buckets one usage page may hold. */
export const USAGE_PAGE_LIMIT = 31;
const LIST_LIMIT = 100;

/** Usage group-by per endpoint: per key and model, images also by size and source. */
const USAGE_GROUP_BY: Record<UsageKind, string[]> = {
  completions: ['project_id', 'api_key_id', 'model'],
  embeddings: ['project_id', 'api_key_id', 'model'],
  images: ['project_id', 'api_key_id', 'model', 'size', 'source'],
};

/** The calls the OpenAI adapter makes; nothing else. */
export type OpenAiClient = {
  /** Every costs bucket of `range`, grouped by project and line item, across pages. */
  costs(range: DayRange, signal?: AbortSignal): Promise<CostsBucket[]>;
  /** Every usage bucket of one endpoint for `range`, across pages. */
  usage(kind: UsageKind, range: DayRange, signal?: AbortSignal): Promise<UsageBucket[]>;
  /** One cheap costs call (one bucket) that proves the key can read usage and costs. */
  probe(range: DayRange, signal?: AbortSignal): Promise<void>;
  projects(signal?: AbortSignal): Promise<Project[]>;
  projectKeys(projectId: string, signal?: AbortSignal): Promise<ProjectApiKey[]>;
};

const window = (range: DayRange) => ({
  start_time: dayToUnixSeconds(range.start),
  end_time: dayToUnixSeconds(range.end),
  bucket_width: '1d',
});

export function createOpenAiClient(apiKey: string, secrets: readonly string[], deps: AdapterDeps): OpenAiClient {
  const http: HttpClient = createHttpClient({
    provider: 'openai',
    label: 'OpenAI',
    baseUrl: deps.baseUrl ?? OPENAI_BASE_URL,
    fetch: deps.fetch,
    headers: { authorization: `Bearer ${apiKey}` },
    secrets,
    logger: deps.logger,
    retry: deps.retry,
    classifyError: classifyOpenAiError,
  });
  const label = 'OpenAI';

  async function bucketsOf<P extends { data: B[]; has_more?: boolean | null; next_page?: string | null }, B>(
    fetchPage: (page: string | undefined) => Promise<P>,
  ): Promise<B[]> {
    const buckets: B[] = [];
    const pages = paginate({
      provider: 'openai',
      label,
      fetchPage,
      nextCursor: (p) => (p.has_more ? p.next_page : null),
      maxPages: http.policy.maxPages,
    });
    for await (const page of pages) buckets.push(...page.data);
    return buckets;
  }

  async function listAll<T>(
    path: string,
    schema: typeof ZProjectList | typeof ZProjectApiKeyList,
    query: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    const fetchPage = (after: string | undefined) =>
      http.requestJson({ path, query: { ...query, limit: LIST_LIMIT, after }, signal }, schema);
    const pages = paginate({
      provider: 'openai',
      label,
      fetchPage,
      nextCursor: (p) => (p.has_more ? p.last_id : null),
      maxPages: http.policy.maxPages,
    });
    for await (const page of pages) items.push(...(page.data as T[]));
    return items;
  }

  return {
    costs: (range, signal) =>
      bucketsOf((page) =>
        http.requestJson(
          {
            path: '/organization/costs',
            query: {
              ...window(range),
              group_by: ['project_id', 'line_item'],
              limit: Math.min(COSTS_PAGE_LIMIT, rangeLength(range)),
              page,
            },
            signal,
          },
          ZCostsPage,
        ),
      ),
    usage: (kind, range, signal) =>
      bucketsOf((page) =>
        http.requestJson(
          {
            path: `/organization/usage/${kind}`,
            query: {
              ...window(range),
              group_by: USAGE_GROUP_BY[kind],
              limit: Math.min(USAGE_PAGE_LIMIT, rangeLength(range)),
              page,
            },
            signal,
          },
          ZUsagePage,
        ),
      ),
    probe: async (range, signal) => {
      await http.requestJson(
        { path: '/organization/costs', query: { ...window(range), limit: 1 }, signal },
        ZCostsPage,
      );
    },
    // Archived projects still own past costs, so their names are wanted too.
    projects: (signal) => listAll('/organization/projects', ZProjectList, { include_archived: 'true' }, signal),
    projectKeys: (projectId, signal) =>
      listAll(
        `/organization/projects/${encodeURIComponent(projectId)}/api_keys`,
        ZProjectApiKeyList,
        { owner_project_access: 'any' },
        signal,
      ),
  };
}
