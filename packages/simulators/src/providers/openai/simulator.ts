import { ZERO } from '@spendsync/domain';
import type { ProviderSimulator, SimRoute, SimulatorOptions } from '../../simulator/provider-simulator';
import { startSimulatorServer, type SimRequest, type SimResponse } from '../../simulator/simulator-server';
import type { FaultState } from '../../simulator/faults';
import { COSTS_PAGE_LIMIT, USAGE_PAGE_LIMIT } from '@spendsync/adapters/wire/openai';
import { createOpenAiDataset, type CostRow, type OpenAiDataset, type UsageRow } from './dataset';
import { arrayParam, checkAuth, groupRows, openAiError, pageBuckets, pageList, type BucketPage } from './sim-wire';

const USAGE_GROUPS = {
  completions: ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'],
  embeddings: ['project_id', 'user_id', 'api_key_id', 'model'],
  images: ['project_id', 'user_id', 'api_key_id', 'model', 'size', 'source'],
} as const;
type UsageEndpoint = keyof typeof USAGE_GROUPS;

// Fields the adapter does not read, as newer API versions send them; the adapter must ignore them.
const EXTRA_RESULT_FIELDS = { input_audio_tokens: 0, output_audio_tokens: 0, sim_trace: { shard: 'a' } };

const USAGE_SUMS: Record<UsageEndpoint, (r: UsageRow) => Record<string, number | undefined>> = {
  completions: (r) => ({
    input_tokens: r.input_tokens,
    output_tokens: r.output_tokens,
    input_cached_tokens: r.input_cached_tokens,
    input_cache_write_tokens: r.input_cache_write_tokens,
    input_uncached_tokens: (r.input_tokens ?? 0) - (r.input_cached_tokens ?? 0) - (r.input_cache_write_tokens ?? 0),
    num_model_requests: r.num_model_requests,
  }),
  embeddings: (r) => ({ input_tokens: r.input_tokens, num_model_requests: r.num_model_requests }),
  images: (r) => ({ images: r.images, num_model_requests: r.num_model_requests }),
};

function bucketsBody(page: BucketPage, results: (day: string) => Record<string, unknown>[]): SimResponse {
  const data = page.buckets.map((b) => ({
    object: 'bucket',
    start_time: b.start,
    end_time: b.end,
    results: results(b.day),
    sim_partial: false,
  }));
  return {
    status: 200,
    body: { object: 'page', data, has_more: page.hasMore, next_page: page.nextPage, sim_region: 'us' },
  };
}

function badGroups(query: URLSearchParams, allowed: readonly string[]): SimResponse | string[] {
  const groupBy = arrayParam(query, 'group_by');
  const bad = groupBy.find((g) => !allowed.includes(g));
  return bad
    ? openAiError(400, `Invalid value for 'group_by': '${bad}'.`, 'invalid_request_error', null, 'group_by')
    : groupBy;
}

/** Keeps rows whose `field` is in the filter `name` (repeated or `[]`), when the filter is given. */
function filterBy<R>(rows: R[], query: URLSearchParams, name: string, field: keyof R): R[] {
  const wanted = arrayParam(query, name);
  return wanted.length === 0 ? rows : rows.filter((r) => wanted.includes(String(r[field])));
}

function createHandler(data: OpenAiDataset, options: SimulatorOptions) {
  let salt = 0;
  const paging = (faults: FaultState, path: string, maxLimit: number, defaultLimit: number) => ({
    maxLimit,
    defaultLimit,
    pageSize: options.pageSize,
    endless: faults.isEndless(path),
    salt: () => ++salt,
  });

  function costs(request: SimRequest, faults: FaultState): SimResponse {
    const groupBy = badGroups(request.query, ['project_id', 'line_item', 'api_key_id']);
    if (!Array.isArray(groupBy)) return groupBy;
    const page = pageBuckets(request.query, paging(faults, request.path, COSTS_PAGE_LIMIT, 7));
    if ('status' in page) return page;
    return bucketsBody(page, (day) => {
      const rows = filterBy(data.day(day).costs, request.query, 'project_ids', 'project_id');
      const byItem = groupBy.includes('line_item');
      return groupRows<CostRow>(rows, groupBy, ['project_id', 'line_item', 'api_key_id'], (r) => ({
        micros: r.micros,
        quantity: byItem ? (r.quantity ?? undefined) : undefined,
      })).map(({ micros, quantity, ...keys }) => ({
        object: 'organization.costs.result',
        amount: { value: Number(micros) / 1_000_000, currency: 'usd' },
        ...keys,
        quantity: quantity ?? null,
        quantity_unit: byItem ? (rows.find((r) => r.line_item === keys.line_item)?.quantity_unit ?? null) : null,
        sim_trace: { shard: 'b' },
      }));
    });
  }

  function usage(endpoint: UsageEndpoint, request: SimRequest, faults: FaultState): SimResponse {
    const groupBy = badGroups(request.query, USAGE_GROUPS[endpoint]);
    if (!Array.isArray(groupBy)) return groupBy;
    const page = pageBuckets(request.query, paging(faults, request.path, USAGE_PAGE_LIMIT, 7));
    if ('status' in page) return page;
    return bucketsBody(page, (day) => {
      let rows = data.day(day).usage.filter((r) => r.endpoint === endpoint);
      rows = filterBy(
        filterBy(
          filterBy(rows, request.query, 'project_ids', 'project_id'),
          request.query,
          'api_key_ids',
          'api_key_id',
        ),
        request.query,
        'models',
        'model',
      );
      rows = filterBy(filterBy(rows, request.query, 'sizes', 'size'), request.query, 'sources', 'source');
      return groupRows(rows, groupBy, USAGE_GROUPS[endpoint], USAGE_SUMS[endpoint]).map((r) => ({
        object: `organization.usage.${endpoint}.result`,
        ...r,
        ...EXTRA_RESULT_FIELDS,
      }));
    });
  }

  const projects = data.projects.map((p) => ({
    id: p.id,
    object: 'organization.project',
    name: p.name,
    created_at: p.createdAt,
    archived_at: null,
    status: 'active',
    external_key_id: null,
  }));
  const keysOf = new Map(
    data.projects.map((p) => [
      p.id,
      p.keys.map((k) => ({
        object: 'organization.project.api_key',
        redacted_value: k.redacted,
        name: k.name,
        created_at: k.createdAt,
        last_used_at: k.createdAt + 86_400,
        id: k.id,
        owner_project_access: 'active',
        owner: {
          type: 'service_account',
          service_account: {
            object: 'organization.project.service_account',
            id: `svc_acct_${k.id.slice(4)}`,
            name: k.name,
            role: 'member',
            created_at: k.createdAt,
          },
        },
      })),
    ]),
  );

  return (request: SimRequest, faults: FaultState): SimResponse => {
    const path = request.path.replace(/^\/v1/, '');
    const usageMatch = /^\/organization\/usage\/(completions|embeddings|images)$/.exec(path);
    const denied = checkAuth(request, data, usageMatch !== null);
    if (denied) return denied;
    if (request.method !== 'GET') return openAiError(405, `Method ${request.method} not allowed on ${path}.`);
    if (path === '/organization/costs') return costs(request, faults);
    if (usageMatch) return usage(usageMatch[1] as UsageEndpoint, request, faults);
    if (path === '/organization/projects')
      return pageList(projects, request.query, options.pageSize, faults.isEndless(request.path));
    const keys = /^\/organization\/projects\/([^/]+)\/api_keys$/.exec(path);
    if (keys) {
      const list = keysOf.get(decodeURIComponent(keys[1] ?? ''));
      return list
        ? pageList(list, request.query, options.pageSize, faults.isEndless(request.path))
        : openAiError(404, `No such project: '${keys[1]}'.`);
    }
    return openAiError(404, `Invalid URL (${request.method} ${request.path})`);
  };
}

/** The routes the simulator serves under `/v1`. */
export const OPENAI_SIM_ROUTES: readonly SimRoute[] = [
  { method: 'GET', path: /^\/v1\/organization\/costs$/ },
  { method: 'GET', path: /^\/v1\/organization\/usage\/completions$/ },
  { method: 'GET', path: /^\/v1\/organization\/usage\/embeddings$/ },
  { method: 'GET', path: /^\/v1\/organization\/usage\/images$/ },
  { method: 'GET', path: /^\/v1\/organization\/projects$/ },
  { method: 'GET', path: /^\/v1\/organization\/projects\/[^/]+\/api_keys$/ },
];

/**
 * Starts a local OpenAI Admin API (costs, usage, projects, keys) over a generated organization:
 * `workspaces` projects × `keysPerWorkspace` keys × `models` models × `days` days.
 */
export async function startOpenAiSimulator(options: SimulatorOptions = {}): Promise<ProviderSimulator> {
  const data = createOpenAiDataset(options);
  const handle = createHandler(data, options);
  const server = await startSimulatorServer({
    errorBody: (status, message) => ({
      error: {
        message,
        type: status === 429 ? 'requests' : 'server_error',
        param: null,
        code: status === 429 ? 'rate_limit_exceeded' : null,
      },
    }),
    handle: (request, { faults }) => handle(request, faults),
    groundTruth: (range) => ({ cost: data.totalCost(range), credits: ZERO }),
    host: options.host,
    port: options.port,
  });
  return {
    provider: 'openai',
    url: server.url,
    dataRange: data.range,
    credentials: { apiKey: data.adminKey },
    invalidCredentials: { apiKey: data.invalidKey },
    wrongTypeCredentials: { apiKey: data.scopelessKey },
    adapterDeps: () => ({ baseUrl: `${server.url}/v1` }),
    groundTruth: (range) => ({ cost: data.totalCost(range), credits: ZERO }),
    faults: server.faults,
    calls: server.calls,
    routes: OPENAI_SIM_ROUTES,
    close: () => server.close(),
  };
}
