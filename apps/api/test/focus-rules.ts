import { Money } from '@spendsync/domain';
import { FOCUS_COLUMNS } from '../src/features/exports/focus-columns';

/** One exported row as read back: CSV cells (empty → null) or a JSON Lines object. */
export type FocusRow = Record<string, unknown>;

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** NumericFormat: an integer or decimal, `-` only for negatives; no `+`, exponent, commas or units. */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'];
const SERVICE_CATEGORIES = [
  'AI and Machine Learning',
  'Analytics',
  'Business Applications',
  'Compute',
  'Databases',
  'Developer Tools',
  'Multicloud',
  'Identity',
  'Integration',
  'Internet of Things',
  'Management and Governance',
  'Media',
  'Migration',
  'Mobile',
  'Networking',
  'Security',
  'Storage',
  'Web',
  'Other',
];
/** ServiceSubcategory values that belong to "AI and Machine Learning" (FOCUS 1.2+). */
const AI_SUBCATEGORIES = [
  'AI Platforms',
  'Bots',
  'Generative AI',
  'Machine Learning',
  'Natural Language Processing',
  'Other (AI and Machine Learning)',
];

const isNull = (v: unknown) => v === null;
const dec = (v: unknown) => new Money(String(v));

/**
 * Every FOCUS 1.3 rule the export claims (focus-columns.ts), checked on one row; returns the
 * broken ones as `Column: rule` strings. Levels and nullability come from the spec's Cost and
 * Usage column table; the conditional rules from each column's requirements section.
 */
export function brokenFocusRules(row: FocusRow): string[] {
  const broken: string[] = [];
  const rule = (ok: boolean, text: string) => {
    if (!ok) broken.push(text);
  };
  for (const c of FOCUS_COLUMNS) {
    const v = row[c.name];
    rule(v !== undefined, `${c.name}: present`);
    if (!c.nullable) rule(!isNull(v) && v !== '', `${c.name}: ${c.level}, not null`);
    if (isNull(v)) continue;
    rule(v !== '', `${c.name}: NullHandling, no empty string for absent values`);
    if (c.kind === 'decimal') rule(typeof v === 'string' && DECIMAL.test(v), `${c.name}: NumericFormat (${String(v)})`);
    if (c.kind === 'datetime')
      rule(typeof v === 'string' && DATETIME.test(v), `${c.name}: DateTimeFormat (${String(v)})`);
  }
  const category = row.ChargeCategory;
  rule(CHARGE_CATEGORIES.includes(String(category)), 'ChargeCategory: allowed value');
  rule(isNull(row.ChargeClass) || row.ChargeClass === 'Correction', 'ChargeClass: null or "Correction"');
  rule(SERVICE_CATEGORIES.includes(String(row.ServiceCategory)), 'ServiceCategory: allowed value');
  rule(
    row.ServiceCategory === 'AI and Machine Learning' && AI_SUBCATEGORIES.includes(String(row.ServiceSubcategory)),
    'ServiceSubcategory: belongs to its category',
  );
  rule(/^[A-Z]{3}$/.test(String(row.BillingCurrency)), 'BillingCurrency: ISO 4217 code');
  rule(
    row.ChargeFrequency === 'Usage-Based' || row.ChargeFrequency === 'One-Time' || row.ChargeFrequency === 'Recurring',
    'ChargeFrequency: allowed value',
  );
  // Periods: start inclusive before end exclusive; the charge period lies within the billing period.
  const [cs, ce, bs, be] = [
    row.ChargePeriodStart,
    row.ChargePeriodEnd,
    row.BillingPeriodStart,
    row.BillingPeriodEnd,
  ].map((v) => Date.parse(String(v)));
  rule(cs! < ce! && bs! < be! && bs! <= cs! && ce! <= be!, 'ChargePeriod within BillingPeriod, start before end');
  rule(String(row.BillingPeriodStart).slice(8) === '01T00:00:00Z', 'BillingPeriodStart: first of a month');
  // No unit prices, commitments or negotiated rates: every cost MUST match BilledCost.
  for (const cost of ['EffectiveCost', 'ListCost', 'ContractedCost'])
    rule(dec(row[cost]).eq(dec(row.BilledCost)), `${cost}: matches BilledCost`);
  rule(
    row.ProviderName === row.ServiceProviderName && row.PublisherName === row.ServiceProviderName,
    'ProviderName/PublisherName (deprecated): equal ServiceProviderName',
  );
  // Quantities and SKUs.
  rule(isNull(row.PricingQuantity) === isNull(row.PricingUnit), 'PricingUnit: null exactly when PricingQuantity is');
  rule(
    isNull(row.ConsumedQuantity) === isNull(row.ConsumedUnit),
    'ConsumedUnit: null exactly when ConsumedQuantity is',
  );
  rule(!isNull(row.PricingQuantity) || isNull(row.ConsumedQuantity), 'ConsumedQuantity: null when PricingQuantity is');
  rule(!isNull(row.SkuPriceId) || isNull(row.PricingQuantity), 'PricingQuantity: null when SkuPriceId is null');
  rule(!isNull(row.SkuId) || isNull(row.SkuMeter), 'SkuMeter: null when SkuId is null');
  rule(!isNull(row.SubAccountId) || isNull(row.SubAccountName), 'SubAccountName: null when SubAccountId is null');
  rule(!isNull(row.ResourceId) || isNull(row.ResourceName), 'ResourceName: null when ResourceId is null');
  if (category === 'Usage') rule(!isNull(row.SkuId), 'SkuId: not null on Usage rows');
  if (category !== 'Usage')
    rule(isNull(row.ConsumedQuantity), 'ConsumedQuantity: null when ChargeCategory is not "Usage"');
  if (category === 'Tax') {
    for (const c of ['SkuId', 'SkuPriceId', 'PricingQuantity', 'PricingUnit'])
      rule(isNull(row[c]), `${c}: null on Tax rows`);
  }
  const tags = typeof row.Tags === 'string' ? (JSON.parse(row.Tags) as unknown) : row.Tags;
  rule(typeof tags === 'object' && tags !== null && !Array.isArray(tags), 'Tags: JSON object');
  for (const [key, value] of Object.entries(tags as object)) {
    rule(key.startsWith('spendsync/'), `Tags: provider-defined key "${key}" has the documented prefix`);
    rule(
      ['string', 'number', 'boolean'].includes(typeof value),
      `Tags: value of "${key}" is a string, number or boolean`,
    );
  }
  const names = Object.keys(row);
  rule(
    names.findIndex((n) => n.startsWith('x_')) > names.findLastIndex((n) => !n.startsWith('x_')),
    'Custom x_ columns after the FOCUS columns',
  );
  return broken;
}
