import { formatMoney, type Money } from '@spendsync/domain';
import type { SimCost, SimUsage } from './dataset';

/** Group fields whose value the simulator knows for every row (the rest are constant). */
const CONSTANT_GROUPS: Record<string, string | null> = {
  service_tier: 'standard',
  context_window: '0-200k',
  inference_geo: 'global',
  speed: 'standard',
  account_id: null,
  service_account_id: null,
};

/** Reads an array query parameter sent either way: `group_by[]=a&group_by[]=b` or `group_by=a&group_by=b`. */
export function readArray(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(`${name}[]`), ...query.getAll(name)];
}

const pick = (group: readonly string[], field: string, value: string | null) => (group.includes(field) ? value : null);

/** One usage result: the token counts summed here, and the grouped fields (null unless grouped by). */
type UsageResult = {
  uncached_input_tokens: number;
  cache_creation: { ephemeral_1h_input_tokens: number; ephemeral_5m_input_tokens: number };
  cache_read_input_tokens: number;
  output_tokens: number;
  server_tool_use: { web_search_requests: number };
  [field: string]: unknown;
};

/** Usage results of one bucket, summed over the fields not grouped by (they come back null). */
export function usageResults(cells: readonly SimUsage[], groupBy: readonly string[]): Record<string, unknown>[] {
  const rows = new Map<string, UsageResult>();
  for (const c of cells) {
    const ids = {
      api_key_id: pick(groupBy, 'api_key_id', c.apiKeyId),
      workspace_id: pick(groupBy, 'workspace_id', c.workspaceId),
      model: pick(groupBy, 'model', c.model),
    };
    const key = JSON.stringify(ids);
    const row = rows.get(key) ?? {
      uncached_input_tokens: 0,
      cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
      cache_read_input_tokens: 0,
      output_tokens: 0,
      server_tool_use: { web_search_requests: 0 },
      ...ids,
      ...Object.fromEntries(Object.entries(CONSTANT_GROUPS).map(([f, v]) => [f, pick(groupBy, f, v)])),
    };
    row.uncached_input_tokens += c.uncached;
    row.cache_creation.ephemeral_1h_input_tokens += c.write1h;
    row.cache_creation.ephemeral_5m_input_tokens += c.write5m;
    row.cache_read_input_tokens += c.cacheRead;
    row.output_tokens += c.output;
    row.server_tool_use.web_search_requests += c.webSearches;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** Cost results of one bucket: amounts in cents as decimal strings, fields null unless grouped by. */
export function costResults(rows: readonly SimCost[], groupBy: readonly string[]): Record<string, unknown>[] {
  const byDescription = groupBy.includes('description');
  const out = new Map<string, { fields: Record<string, unknown>; cents: Money }>();
  for (const r of rows) {
    const fields = {
      workspace_id: pick(groupBy, 'workspace_id', r.workspaceId),
      description: byDescription ? r.description : null,
      cost_type: byDescription ? r.costType : null,
      context_window: byDescription && r.tokenType ? '0-200k' : null,
      model: byDescription ? r.model : null,
      service_tier: byDescription && r.tokenType ? 'standard' : null,
      token_type: byDescription ? r.tokenType : null,
      inference_geo: null,
    };
    const key = JSON.stringify(fields);
    const sum = out.get(key);
    out.set(key, { fields, cents: sum ? sum.cents.add(r.cents) : r.cents });
  }
  return [...out.values()].map(({ fields, cents }) => ({ currency: 'USD', amount: formatMoney(cents), ...fields }));
}
