import { addDays, startOfDay, type Day, type DayRange } from '@spendsync/domain';
import { UNITS_PER_USD, type ActivityPart, type OpenRouterDataset, type OpenRouterSimKey } from './dataset';

/**
 * The simulator's JSON, in OpenRouter's wire shapes (typescript-sdk OpenAPI spec), each with a
 * few fields the adapter does not know, as newer API revisions add them.
 */

/** Integer 1e-8 USD as the JSON number OpenRouter sends (≤ 15 digits, so it prints exactly). */
export const usd = (units: number): number => units / UNITS_PER_USD;

/** `{"error":{"code","message","metadata"}}`, OpenRouter's error envelope. */
export function openRouterErrorBody(status: number, message: string): unknown {
  const metadata = status === 429 ? { error_type: 'rate_limit_exceeded' } : null;
  return { error: { code: status, message, metadata }, user_id: 'user_2sim0penr0uter' };
}

/** Activity rows of one day: one per (model, provider endpoint), summed over the parts. */
export function activityRows(day: Day, parts: readonly ActivityPart[]): unknown[] {
  const rows = new Map<string, ActivityPart>();
  for (const p of parts) {
    const id = `${p.model.slug}\u0000${p.provider}`;
    const known = rows.get(id);
    rows.set(
      id,
      known
        ? {
            ...known,
            requests: known.requests + p.requests,
            prompt: known.prompt + p.prompt,
            completion: known.completion + p.completion,
            reasoning: known.reasoning + p.reasoning,
            usage: known.usage + p.usage,
            byok: known.byok + p.byok,
          }
        : p,
    );
  }
  return [...rows.values()].map((p) => ({
    date: day,
    model: p.model.slug,
    model_permaslug: p.model.permaslug,
    endpoint_id: `${p.model.permaslug}@${p.provider.toLowerCase().replace(/\W+/g, '-')}`,
    provider_name: p.provider,
    usage: usd(p.usage),
    byok_usage_inference: usd(p.byok),
    requests: p.requests,
    prompt_tokens: p.prompt,
    completion_tokens: p.completion,
    reasoning_tokens: p.reasoning,
    // Not in the adapter's schema: must be ignored.
    native_tokens_cached: 0,
    tool_calls: 0,
  }));
}

/** A key's usage over its lifetime, today so far, this week (from Monday) and this month, in USD. */
function usageSummary(dataset: OpenRouterDataset, key: OpenRouterSimKey | null) {
  const today = dataset.today;
  const weekday = startOfDay(today).getUTCDay();
  const since = (start: Day): number => (key ? usd(dataset.keyUsage(key.index, { start, end: addDays(today, 1) })) : 0);
  const lifetime: DayRange = { start: dataset.range.start, end: addDays(today, 1) };
  return {
    usage: key ? usd(dataset.keyUsage(key.index, lifetime)) : 0,
    usage_daily: since(today),
    usage_weekly: since(addDays(today, -((weekday + 6) % 7))),
    usage_monthly: since(`${today.slice(0, 8)}01`),
    byok_usage: 0,
    byok_usage_daily: 0,
    byok_usage_weekly: 0,
    byok_usage_monthly: 0,
  };
}

/** `GET /key` for the calling key (`null`: the management key). */
export function keyInfoBody(dataset: OpenRouterDataset, key: OpenRouterSimKey | null): unknown {
  const secret = key?.secret ?? dataset.managementSecret;
  const isManagement = key === null;
  return {
    data: {
      label: `${secret.slice(0, 12)}...${secret.slice(-3)}`,
      limit: null,
      limit_remaining: null,
      limit_reset: null,
      include_byok_in_limit: false,
      ...usageSummary(dataset, key),
      is_free_tier: false,
      is_management_key: isManagement,
      is_provisioning_key: isManagement,
      creator_user_id: 'user_2sim0penr0uter',
      expires_at: null,
      rate_limit: { requests: -1, interval: '10s', note: 'deprecated' },
    },
  };
}

/** One key of `GET /keys`. */
export function keyListItem(dataset: OpenRouterDataset, key: OpenRouterSimKey): unknown {
  return {
    hash: key.hash,
    name: key.name,
    label: key.label,
    disabled: key.disabled,
    limit: null,
    limit_remaining: null,
    limit_reset: null,
    include_byok_in_limit: false,
    ...usageSummary(dataset, key),
    created_at: key.createdAt,
    updated_at: null,
    expires_at: null,
    creator_user_id: 'user_2sim0penr0uter',
    workspace_id: key.workspaceId,
  };
}
