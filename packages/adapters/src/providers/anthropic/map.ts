import {
  ZERO,
  allocateCost,
  createCostRecord,
  parseCents,
  type CostRecord,
  type Day,
  type Money,
} from '@spendsync/domain';
import { AdapterError } from '../../errors';
import {
  CONSOLE_KEY_NAME,
  DEFAULT_WORKSPACE_ID,
  DEFAULT_WORKSPACE_NAME,
  apiKeyBucketId,
  isConsoleKeyId,
  workspaceBucketId,
} from './buckets';
import type { CostItem, UsageItem } from './raw';

/** Names and hints from the workspace and API key listings. */
export type Directory = {
  readonly workspaces: ReadonlyMap<string, string | null>;
  readonly keys: ReadonlyMap<string, { readonly name: string | null; readonly hint: string | null }>;
};

/** One day of both reports, as {@link mapAnthropicDay} takes it. */
export type AnthropicDay = { day: Day; usage: readonly UsageItem[]; cost: readonly CostItem[]; directory: Directory };

type KeyUsage = { workspaceId: string; apiKeyId: string; model: string; tokens: Tokens; cost: Money };
type Tokens = { uncached: number; cacheRead: number; write1h: number; write5m: number; output: number };

const SEP = '\u001f';

/** Tokens of one usage row that a cost row's `token_type` is priced on; unknown types weigh all tokens. */
function tokensFor(t: Tokens, tokenType: string | null | undefined): number {
  switch (tokenType) {
    case 'uncached_input_tokens':
      return t.uncached;
    case 'cache_read_input_tokens':
      return t.cacheRead;
    case 'cache_creation.ephemeral_1h_input_tokens':
      return t.write1h;
    case 'cache_creation.ephemeral_5m_input_tokens':
      return t.write5m;
    case 'output_tokens':
      return t.output;
    default:
      return t.uncached + t.cacheRead + t.write1h + t.write5m + t.output;
  }
}

/** Sums usage rows per (workspace, key, model); a row split across pages counts once. */
function collectUsage(items: readonly UsageItem[]): Map<string, KeyUsage> {
  const rows = new Map<string, KeyUsage>();
  for (const item of items) {
    const workspaceId = workspaceBucketId(item.workspace_id);
    const apiKeyId = apiKeyBucketId(item.api_key_id, workspaceId);
    const model = item.model ?? 'unknown';
    const key = [workspaceId, apiKeyId, model].join(SEP);
    const row = rows.get(key) ?? {
      workspaceId,
      apiKeyId,
      model,
      cost: ZERO,
      tokens: { uncached: 0, cacheRead: 0, write1h: 0, write5m: 0, output: 0 },
    };
    const t = row.tokens;
    row.tokens = {
      uncached: t.uncached + item.uncached_input_tokens,
      cacheRead: t.cacheRead + item.cache_read_input_tokens,
      write1h: t.write1h + item.cache_creation.ephemeral_1h_input_tokens,
      write5m: t.write5m + item.cache_creation.ephemeral_5m_input_tokens,
      output: t.output + item.output_tokens,
    };
    rows.set(key, row);
  }
  return rows;
}

/** Adds `amount` to the entry `key` of `sums`. */
function addTo(sums: Map<string, Money>, key: string, amount: Money): void {
  sums.set(key, (sums.get(key) ?? ZERO).add(amount));
}

function dollars(item: CostItem): Money {
  if (item.currency && item.currency !== 'USD') {
    throw new AdapterError(
      'anthropic',
      'INVALID_RESPONSE',
      `Anthropic: the cost report is in ${item.currency}; only USD is supported`,
    );
  }
  return parseCents(item.amount);
}

/**
 * Splits a day's cost rows: token costs per (workspace, model, token type), to be allocated to
 * keys, and every other cost type (web search, code execution, sessions) per (workspace, type).
 */
function collectCost(items: readonly CostItem[]): { tokens: Map<string, Money>; other: Map<string, Money> } {
  const tokens = new Map<string, Money>();
  const other = new Map<string, Money>();
  for (const item of items) {
    const workspaceId = workspaceBucketId(item.workspace_id);
    const isTokens = item.cost_type === 'tokens' || (item.cost_type == null && item.model != null);
    if (isTokens) addTo(tokens, [workspaceId, item.model ?? 'unknown', item.token_type ?? ''].join(SEP), dollars(item));
    else addTo(other, [workspaceId, item.cost_type ?? item.description ?? 'other'].join(SEP), dollars(item));
  }
  return { tokens, other };
}

/**
 * Gives each key its share of a token cost, in proportion to its tokens of that token type
 * (all its tokens when none has that type). Returns false when no key used the model that day.
 */
function allocateToKeys(total: Money, keys: readonly KeyUsage[], tokenType: string): boolean {
  const weigh = (type: string | null) => keys.map((k) => ({ key: k.apiKeyId, weight: tokensFor(k.tokens, type) }));
  let parts = allocateCost(total, weigh(tokenType));
  if (parts.length === 0) parts = allocateCost(total, weigh(null));
  parts.forEach((part, i) => {
    const key = keys[i] as KeyUsage;
    key.cost = key.cost.add(part.amount);
  });
  return parts.length > 0;
}

/**
 * Maps one day of the cost report (per workspace and description) and the messages usage report
 * (per workspace, API key and model) to records per (workspace, key, model). Token costs are
 * allocated to keys by their tokens; costs no key can carry stay at workspace level
 * (`apiKeyId: null`). Anthropic gives no request counts, so `requests` is always null.
 */
export function mapAnthropicDay({ day, usage, cost, directory }: AnthropicDay): CostRecord[] {
  const keys = [...collectUsage(usage).values()];
  const byModel = new Map<string, KeyUsage[]>();
  for (const k of keys) {
    const group = byModel.get(k.workspaceId + SEP + k.model);
    if (group) group.push(k);
    else byModel.set(k.workspaceId + SEP + k.model, [k]);
  }
  const costs = collectCost(cost);
  const unallocated = new Map<string, Money>();
  for (const [key, total] of costs.tokens) {
    const [workspaceId, model, tokenType] = key.split(SEP) as [string, string, string];
    if (!allocateToKeys(total, byModel.get(workspaceId + SEP + model) ?? [], tokenType))
      addTo(unallocated, workspaceId + SEP + model, total);
  }
  const record = (
    workspaceId: string,
    apiKeyId: string | null,
    model: string,
    chargeKind: 'usage' | 'other',
    amount: Money,
    t: Tokens | null,
  ): CostRecord => {
    const listed = apiKeyId === null ? undefined : directory.keys.get(apiKeyId);
    return createCostRecord({
      provider: 'anthropic',
      day,
      workspaceId,
      workspaceName:
        workspaceId === DEFAULT_WORKSPACE_ID ? DEFAULT_WORKSPACE_NAME : (directory.workspaces.get(workspaceId) ?? null),
      apiKeyId,
      apiKeyHint: listed?.hint ?? null,
      apiKeyName: apiKeyId !== null && isConsoleKeyId(apiKeyId) ? CONSOLE_KEY_NAME : (listed?.name ?? null),
      model,
      chargeKind,
      cost: amount,
      inputTokens: t && t.uncached + t.cacheRead + t.write1h + t.write5m,
      outputTokens: t && t.output,
      cachedInputTokens: t && t.cacheRead,
      cacheWriteTokens: t && t.write1h + t.write5m,
    });
  };
  // A row of zeros (possible when grouping) carries nothing worth a record.
  const used = keys.filter((k) => !k.cost.isZero() || tokensFor(k.tokens, null) > 0);
  const records = used.map((k) => record(k.workspaceId, k.apiKeyId, k.model, 'usage', k.cost, k.tokens));
  for (const [key, total] of unallocated) {
    const [workspaceId, model] = key.split(SEP) as [string, string];
    records.push(record(workspaceId, null, model, 'usage', total, null));
  }
  for (const [key, total] of costs.other) {
    const [workspaceId, costType] = key.split(SEP) as [string, string];
    records.push(record(workspaceId, null, costType, 'other', total, null));
  }
  return records;
}
