import type { Day } from '@spendsync/domain';
import { UNITS_PER_USD, type LiteLlmSimKey, type SpendRow } from './dataset';

/**
 * The simulator's JSON in the proxy's shapes (`common_daily_activity.py`, `key_management_endpoints.py`,
 * `spend_management_endpoints.py`), each with fields the adapter does not read.
 */

/** Integer 1e-8 USD as the float the proxy writes (≤ 15 digits, so it prints exactly). */
export const usd = (units: number): number => units / UNITS_PER_USD;

/** `ProxyException` as the proxy renders it: `code` is a string, `param` often the string "None". */
export function proxyErrorBody(status: number, message: string, type = 'None'): unknown {
  return { error: { message, type, param: 'None', code: String(status) } };
}

/** A plain FastAPI `HTTPException(detail={"error": …})`, as several spend handlers raise. */
export const detailErrorBody = (message: string): unknown => ({ detail: { error: message } });

type Sum = {
  spend: number;
  prompt: number;
  completion: number;
  cacheRead: number;
  cacheWrite: number;
  requests: number;
  failed: number;
};
const emptySum = (): Sum => ({
  spend: 0,
  prompt: 0,
  completion: 0,
  cacheRead: 0,
  cacheWrite: 0,
  requests: 0,
  failed: 0,
});
function add(sum: Sum, row: SpendRow): Sum {
  sum.spend += row.spend;
  sum.prompt += row.prompt;
  sum.completion += row.completion;
  sum.cacheRead += row.cacheRead;
  sum.cacheWrite += row.cacheWrite;
  sum.requests += row.requests;
  sum.failed += row.failed;
  return sum;
}

/** `SpendMetrics`, including newer fields the adapter ignores. */
export const metricsJson = (s: Sum) => ({
  spend: usd(s.spend),
  prompt_tokens: s.prompt,
  completion_tokens: s.completion,
  total_tokens: s.prompt + s.completion,
  cache_read_input_tokens: s.cacheRead,
  cache_creation_input_tokens: s.cacheWrite,
  api_requests: s.requests,
  successful_requests: s.requests - s.failed,
  failed_requests: s.failed,
  compression_saved_tokens: 0,
  prompt_caching_savings_spend: 0,
});

const keyMetadata = (key: LiteLlmSimKey) => ({
  key_alias: key.alias,
  team_id: key.team?.id ?? null,
  user_id: key.userId,
  user_email: null,
  key_exists: key.kind !== 'deleted',
});

/**
 * Aggregates table rows into `results[]` (newest day first) the way the proxy does per page.
 * `keyLimit` keeps only the top keys (by spend) in the per-key breakdowns, as the aggregated
 * endpoint does; 0 leaves them out, as proxies before the per-model key breakdown did.
 */
export function dailyResults(rows: readonly SpendRow[], keyLimit: number | null): unknown[] {
  const byKey = new Map<LiteLlmSimKey, number>();
  for (const row of rows) byKey.set(row.key, (byKey.get(row.key) ?? 0) + row.spend);
  const shown = new Set(
    [...byKey]
      .sort((a, b) => b[1] - a[1])
      .slice(0, keyLimit ?? byKey.size)
      .map(([k]) => k),
  );
  const days = new Map<
    Day,
    {
      total: Sum;
      models: Map<string, { sum: Sum; keys: Map<LiteLlmSimKey, Sum> }>;
      providers: Map<string, Sum>;
      keys: Map<LiteLlmSimKey, Sum>;
    }
  >();
  for (const row of rows) {
    const day = days.get(row.day) ?? { total: emptySum(), models: new Map(), providers: new Map(), keys: new Map() };
    days.set(row.day, day);
    add(day.total, row);
    if (shown.has(row.key)) day.keys.set(row.key, add(day.keys.get(row.key) ?? emptySum(), row));
    if (!row.model) continue;
    const model = day.models.get(row.model.model) ?? { sum: emptySum(), keys: new Map() };
    day.models.set(row.model.model, model);
    add(model.sum, row);
    if (shown.has(row.key)) model.keys.set(row.key, add(model.keys.get(row.key) ?? emptySum(), row));
    day.providers.set(row.model.provider, add(day.providers.get(row.model.provider) ?? emptySum(), row));
  }
  const keyBreakdown = (keys: Map<LiteLlmSimKey, Sum>) =>
    Object.fromEntries([...keys].map(([k, s]) => [k.token, { metrics: metricsJson(s), metadata: keyMetadata(k) }]));
  return [...days]
    .sort((a, b) => (a[0] < b[0] ? 1 : -1))
    .map(([date, d]) => ({
      date,
      metrics: metricsJson(d.total),
      breakdown: {
        models: Object.fromEntries(
          [...d.models].map(([m, e]) => [
            m,
            {
              metrics: metricsJson(e.sum),
              metadata: {},
              ...(keyLimit === 0 ? {} : { api_key_breakdown: keyBreakdown(e.keys) }),
            },
          ]),
        ),
        providers: Object.fromEntries([...d.providers].map(([p, s]) => [p, { metrics: metricsJson(s), metadata: {} }])),
        api_keys: keyBreakdown(d.keys),
        model_groups: {},
        mcp_servers: {},
        endpoints: {},
        entities: {},
      },
    }));
}

/** `metadata` of a daily activity answer: totals of the rows served, plus paging when paged. */
export function dailyMetadata(
  rows: readonly SpendRow[],
  paging: { page: number; totalPages: number; hasMore: boolean } | null,
): unknown {
  const s = rows.reduce(add, emptySum());
  return {
    total_spend: usd(s.spend),
    total_prompt_tokens: s.prompt,
    total_completion_tokens: s.completion,
    total_tokens: s.prompt + s.completion,
    total_api_requests: s.requests,
    total_successful_requests: s.requests - s.failed,
    total_failed_requests: s.failed,
    total_cache_read_input_tokens: s.cacheRead,
    total_cache_creation_input_tokens: s.cacheWrite,
    ...(paging ? { page: paging.page, total_pages: paging.totalPages, has_more: paging.hasMore } : {}),
  };
}

/** A full `/key/list` row. */
export const keyRowJson = (key: LiteLlmSimKey) => ({
  token: key.token,
  key_name: `sk-...${key.secret.slice(-4)}`,
  key_alias: key.alias,
  spend: 0,
  max_budget: null,
  expires: null,
  models: [],
  aliases: {},
  config: {},
  user_id: key.userId,
  team_id: key.team?.id ?? null,
  permissions: {},
  metadata: {},
  blocked: null,
  created_at: key.createdAt,
  updated_at: key.createdAt,
  litellm_budget_table: null,
  object_permission_id: null,
});
