import type { CostRecord, Money } from '@spendsync/domain';

/** Target columns of the COPY, in the order {@link toCopyLine} writes them. */
export const COPY_COLUMNS = [
  'organization_id',
  'provider_account_id',
  'provider',
  'day',
  'workspace_external_id',
  'api_key_external_id',
  'model',
  'charge_kind',
  'unit',
  'cost',
  'credits_applied',
  'currency',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'requests',
  'quantity',
  'mix',
  'workspace_name',
  'api_key_hint',
  'api_key_name',
  'refunds',
  'discounts',
  'discount_kinds',
  'billing_currency',
  'billing_cost',
] as const;

const NULL = '\\N';
const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A text-format COPY field: backslash, newline, CR and tab escaped; null as `\N`. */
export function copyField(value: string | null): string {
  return value === null ? NULL : value.replace(SPECIAL, (c) => ESCAPES[c]!);
}

const count = (n: number | null) => (n === null ? NULL : String(n));
const decimal = (m: Money | null) => (m === null ? NULL : m.toFixed()); // exact digits, never an exponent

/** The account a batch of records belongs to. */
export type CopyOwner = { organizationId: string; providerAccountId: string };

/** One line (with its newline) of `COPY cost_records (COPY_COLUMNS) FROM STDIN` in text format. */
export function toCopyLine(owner: CopyOwner, r: CostRecord): string {
  return (
    [
      copyField(owner.organizationId),
      copyField(owner.providerAccountId),
      copyField(r.provider),
      r.day,
      copyField(r.workspaceId),
      copyField(r.apiKeyId),
      copyField(r.model),
      r.chargeKind,
      copyField(r.unit),
      decimal(r.cost),
      decimal(r.creditsApplied),
      r.currency,
      count(r.inputTokens),
      count(r.outputTokens),
      count(r.cachedInputTokens),
      count(r.cacheWriteTokens),
      count(r.requests),
      decimal(r.quantity),
      r.mix === null ? NULL : copyField(JSON.stringify(r.mix)),
      copyField(r.workspaceName),
      copyField(r.apiKeyHint),
      copyField(r.apiKeyName),
      r.refunds ? decimal(r.refunds) : '0',
      r.discounts ? decimal(r.discounts) : '0',
      copyField(r.discountKinds ?? null),
      copyField(r.billingCurrency ?? null),
      decimal(r.billingCost ?? null),
    ].join('\t') + '\n'
  );
}
