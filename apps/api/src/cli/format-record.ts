import { formatMoney, type CostRecord } from '@spendsync/domain';

/** The keys of every `fetch` output line, in this order (a stable interface for scripts). */
export const RECORD_FIELDS = [
  'provider',
  'day',
  'workspaceId',
  'workspaceName',
  'apiKeyId',
  'apiKeyHint',
  'model',
  'chargeKind',
  'cost',
  'creditsApplied',
  'currency',
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
  'requests',
  'unit',
  'quantity',
] as const;

/** One record as a JSON line: money as exact decimal strings (USD), unknown values as null. */
export function formatRecordLine(r: CostRecord): string {
  return JSON.stringify({
    provider: r.provider,
    day: r.day,
    workspaceId: r.workspaceId,
    workspaceName: r.workspaceName,
    apiKeyId: r.apiKeyId,
    apiKeyHint: r.apiKeyHint,
    model: r.model,
    chargeKind: r.chargeKind,
    cost: formatMoney(r.cost),
    creditsApplied: formatMoney(r.creditsApplied),
    currency: r.currency,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cachedInputTokens: r.cachedInputTokens,
    cacheWriteTokens: r.cacheWriteTokens,
    requests: r.requests,
    unit: r.unit,
    quantity: r.quantity === null ? null : formatMoney(r.quantity),
  } satisfies Record<(typeof RECORD_FIELDS)[number], unknown>);
}
