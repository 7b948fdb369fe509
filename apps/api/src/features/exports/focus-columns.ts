import type { FocusLine } from './focus-line';

/** The FOCUS version this export follows, as in the spec's "FocusVersion" metadata. */
export const FOCUS_VERSION = '1.3';

/** Tag key prefix of spendsync's provider-defined tags (FOCUS 1.3 Tags: provider-defined keys carry a documented prefix). */
export const FOCUS_TAG_PREFIX = 'spendsync/';

/**
 * How a column is written: `decimal` (NumericFormat: plain decimal text, `-` for negatives, no
 * exponent, never a float), `datetime` (DateTimeFormat: `YYYY-MM-DDTHH:mm:ssZ`), `text`
 * (StringHandling) or `json` (KeyValueFormat object). Null is an empty CSV cell / JSON null.
 */
export type FocusKind = 'decimal' | 'datetime' | 'text' | 'json';

/** A column's value: text (decimals and date/times are text too), a JSON object, or null. */
export type FocusValue = string | Readonly<Record<string, string | number | boolean>> | null;

/**
 * Feature level and nullability from the FOCUS 1.3 Cost and Usage dataset's column table:
 * `mandatory` columns must be present and, with `nullable: false`, never null;
 * `recommended` and `conditional` ones are present here because our data supports them.
 * Custom `x_` columns come after every FOCUS column (ColumnHandling).
 */
export type FocusColumn = {
  name: string;
  level: 'mandatory' | 'recommended' | 'conditional' | 'custom';
  nullable: boolean;
  kind: FocusKind;
  read(line: FocusLine): FocusValue;
};

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const isUsage = (l: FocusLine) => l.category === 'Usage';
/** A token or request count, only on the charge row (a credit row repeats no usage, so sums stay right). */
const countOf = (column: string) => (l: FocusLine) => (l.raw.is_credit_line === true ? null : text(l.raw[column]));

/** What a row is for, in words (ChargeDescription SHOULD NOT be null). */
function describe(l: FocusLine): string {
  const model = String(l.raw.model);
  if (l.raw.is_credit_line === true) return `Credits applied to ${model}`;
  switch (l.raw.charge_kind) {
    case 'credit':
      return `Credits: ${model}`;
    case 'tax_fee':
      return `Taxes and fees: ${model}`;
    case 'image':
      return `Image generation: ${model}`;
    case 'other':
      return `Other usage: ${model}`;
    default:
      return `Usage: ${model}`;
  }
}

/** SkuPriceId: the model and what it is priced by; null when nothing was measured (then PricingQuantity MUST be null too). */
const skuPriceId = (l: FocusLine) => (l.usage ? `${String(l.raw.model)}/${l.usage.unit}` : null);

const column = (
  name: string,
  level: FocusColumn['level'],
  nullable: boolean,
  kind: FocusKind,
  read: FocusColumn['read'],
): FocusColumn => ({ name, level, nullable, kind, read });

/**
 * The columns of `GET /export/focus.{csv,jsonl}`, FOCUS 1.3 Cost and Usage dataset. There are
 * no commitment discounts, negotiated prices or list prices in our data, so every cost column
 * equals BilledCost: ListCost and ContractedCost "MUST match BilledCost" for a charge with no
 * unit price, and EffectiveCost has nothing to amortize. ChargeClass is always null: a re-sync
 * replaces a day instead of adding corrections to a closed billing period.
 */
export const FOCUS_COLUMNS: readonly FocusColumn[] = [
  column('BilledCost', 'mandatory', false, 'decimal', (l) => l.billed),
  column('EffectiveCost', 'mandatory', false, 'decimal', (l) => l.billed),
  column('ListCost', 'mandatory', false, 'decimal', (l) => l.billed),
  column('ContractedCost', 'mandatory', false, 'decimal', (l) => l.billed),
  // ISO 4217 code; every record is stored in USD.
  column('BillingCurrency', 'mandatory', false, 'text', (l) => String(l.raw.currency)),
  column('BillingPeriodStart', 'mandatory', false, 'datetime', (l) => l.billingPeriod.start),
  column('BillingPeriodEnd', 'mandatory', false, 'datetime', (l) => l.billingPeriod.end),
  column('ChargePeriodStart', 'mandatory', false, 'datetime', (l) => l.chargePeriod.start),
  column('ChargePeriodEnd', 'mandatory', false, 'datetime', (l) => l.chargePeriod.end),
  column('ChargeCategory', 'mandatory', false, 'text', (l) => l.category),
  column('ChargeClass', 'mandatory', true, 'text', () => null),
  column('ChargeDescription', 'mandatory', true, 'text', describe),
  column('ChargeFrequency', 'recommended', false, 'text', () => 'Usage-Based'),
  column('ServiceName', 'mandatory', false, 'text', (l) => l.provider.serviceName),
  column('ServiceCategory', 'mandatory', false, 'text', () => 'AI and Machine Learning'),
  column('ServiceSubcategory', 'recommended', false, 'text', () => 'Generative AI'),
  column('ServiceProviderName', 'mandatory', false, 'text', (l) => l.provider.serviceProviderName),
  column('HostProviderName', 'mandatory', false, 'text', (l) => l.provider.hostProviderName),
  column('InvoiceIssuerName', 'mandatory', false, 'text', (l) => l.provider.invoiceIssuerName),
  // Deprecated in 1.3 (replaced by ServiceProviderName) but still Mandatory until 1.4 removes them.
  column('ProviderName', 'mandatory', false, 'text', (l) => l.provider.serviceProviderName),
  column('PublisherName', 'mandatory', false, 'text', (l) => l.provider.serviceProviderName),
  column('BillingAccountId', 'mandatory', false, 'text', (l) => String(l.raw.provider_account_id)),
  column('BillingAccountName', 'mandatory', true, 'text', (l) => text(l.raw.account_label)),
  column('SubAccountId', 'conditional', true, 'text', (l) => text(l.raw.workspace_external_id)),
  column('SubAccountName', 'conditional', true, 'text', (l) =>
    l.raw.workspace_external_id == null ? null : text(l.raw.workspace_name),
  ),
  column('ResourceId', 'conditional', true, 'text', (l) => text(l.raw.api_key_external_id)),
  column('ResourceName', 'conditional', true, 'text', (l) =>
    l.raw.api_key_external_id == null ? null : text(l.raw.api_key_name),
  ),
  // SkuId: null on Tax (MUST) and Credit rows (MAY); MUST NOT be null on Usage rows.
  column('SkuId', 'conditional', true, 'text', (l) => (isUsage(l) ? String(l.raw.model) : null)),
  column('SkuPriceId', 'conditional', true, 'text', skuPriceId),
  column('SkuMeter', 'conditional', true, 'text', (l) => l.usage?.unit ?? null),
  // ConsumedQuantity / PricingQuantity: null unless Usage with a measured quantity; the unit is null exactly when the quantity is.
  column('ConsumedQuantity', 'conditional', true, 'decimal', (l) => l.usage?.quantity ?? null),
  column('ConsumedUnit', 'conditional', true, 'text', (l) => l.usage?.unit ?? null),
  column('PricingQuantity', 'mandatory', true, 'decimal', (l) => l.usage?.quantity ?? null),
  column('PricingUnit', 'mandatory', true, 'text', (l) => l.usage?.unit ?? null),
  column('Tags', 'conditional', true, 'json', (l) => ({
    [`${FOCUS_TAG_PREFIX}chargeKind`]: String(l.raw.charge_kind),
  })),
  column('x_InputTokens', 'custom', true, 'decimal', countOf('input_tokens')),
  column('x_OutputTokens', 'custom', true, 'decimal', countOf('output_tokens')),
  column('x_CachedInputTokens', 'custom', true, 'decimal', countOf('cached_input_tokens')),
  column('x_CacheWriteTokens', 'custom', true, 'decimal', countOf('cache_write_tokens')),
  column('x_Requests', 'custom', true, 'decimal', countOf('requests')),
];
