import { addDays, type Day } from '@spendsync/domain';
import type { RawRow } from '../dashboards/dashboard-db';
import { decimalText } from './decimal-text';
import { focusProviderOf, type FocusProvider } from './focus-providers';

/** FOCUS 1.3 ChargeCategory values this export produces (Purchase and Adjustment never arise). */
export type FocusChargeCategory = 'Usage' | 'Tax' | 'Credit';

/** A quantity and its unit, in FOCUS UnitFormat (`Tokens`, `Images`, `Requests`…). */
export type FocusQuantity = { quantity: string; unit: string };

/** Everything the FOCUS columns read from one query row, worked out once per row. */
export type FocusLine = {
  raw: RawRow;
  provider: FocusProvider;
  category: FocusChargeCategory;
  /** The row's BilledCost as exact decimal text. */
  billed: string;
  chargePeriod: { start: string; end: string };
  billingPeriod: { start: string; end: string };
  /** What the usage was measured in; null on Tax and Credit rows, and when the provider reports no quantity. */
  usage: FocusQuantity | null;
};

/** UnitFormat names for the units adapters report (plural, title case, no abbreviations). */
const UNIT_NAMES: Readonly<Record<string, string>> = {
  images: 'Images',
  image: 'Images',
  seconds: 'Seconds',
  second: 'Seconds',
  megapixels: 'Megapixels',
  credits: 'Credits',
  characters: 'Characters',
  requests: 'Requests',
  minutes: 'Minutes',
  videos: 'Videos',
  tokens: 'Tokens',
};

/** A provider unit in UnitFormat: a known one by name, anything else with its first letter capitalized. */
export function focusUnit(unit: string): string {
  const known = UNIT_NAMES[unit.toLowerCase()];
  return known ?? unit.charAt(0).toUpperCase() + unit.slice(1);
}

/**
 * A record's usage quantity, most specific first: its own unit and quantity (images, seconds,
 * credits…), else its tokens (input, which includes cached, plus output; both must be known),
 * else its requests. Null when the provider reported none of them: unknown is null, never 0.
 */
export function usageQuantity(raw: RawRow): FocusQuantity | null {
  const quantity = decimalText(raw.quantity);
  if (quantity !== null && typeof raw.unit === 'string') return { quantity, unit: focusUnit(raw.unit) };
  if (raw.input_tokens != null && raw.output_tokens != null) {
    return {
      quantity: (BigInt(String(raw.input_tokens)) + BigInt(String(raw.output_tokens))).toString(),
      unit: 'Tokens',
    };
  }
  const requests = decimalText(raw.requests);
  return requests === null ? null : { quantity: requests, unit: 'Requests' };
}

/** DateTimeFormat (1.3): extended ISO 8601 in UTC with seconds and a `Z`, e.g. `2025-06-01T00:00:00Z`. */
const instant = (day: Day) => `${day}T00:00:00Z`;

/** `YYYY-MM` of the month after `month`. */
function nextMonth(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

type Periods = Pick<FocusLine, 'chargePeriod' | 'billingPeriod'>;
const periodsByDay = new Map<string, Periods>();

/** The day's charge period (the UTC day) and billing period (its calendar month), both end-exclusive; cached per day. */
export function periodsOf(day: Day): Periods {
  let periods = periodsByDay.get(day);
  if (!periods) {
    const month = day.slice(0, 7);
    periods = {
      chargePeriod: { start: instant(day), end: instant(addDays(day, 1)) },
      billingPeriod: { start: `${month}-01T00:00:00Z`, end: `${nextMonth(month)}-01T00:00:00Z` },
    };
    if (periodsByDay.size > 10_000) periodsByDay.clear();
    periodsByDay.set(day, periods);
  }
  return periods;
}

/** The charge category of a query row: the applied-credit line and `credit` records are Credit, `tax_fee` is Tax, the rest Usage. */
export function chargeCategoryOf(raw: RawRow): FocusChargeCategory {
  if (raw.is_credit_line === true || raw.charge_kind === 'credit') return 'Credit';
  return raw.charge_kind === 'tax_fee' ? 'Tax' : 'Usage';
}

/** Works out one query row of `buildFocusQuery` for the column readers. */
export function toFocusLine(raw: RawRow): FocusLine {
  const category = chargeCategoryOf(raw);
  const billed = decimalText(raw.billed_cost);
  if (billed === null) throw new Error(`Cost record ${String(raw.id)} has no cost`);
  return {
    raw,
    category,
    billed,
    provider: focusProviderOf(String(raw.provider)),
    ...periodsOf(raw.day as Day),
    usage: category === 'Usage' ? usageQuantity(raw) : null,
  };
}
