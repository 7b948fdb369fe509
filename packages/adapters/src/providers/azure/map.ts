import {
  createCostRecord,
  grainKey,
  isDay,
  parseMoney,
  type CostRecord,
  type Day,
  type Money,
} from '@spendsync/domain';
import { AdapterError } from '../../errors';
import { classifyMeter } from './meters';
import type { QueryColumn, QueryPage } from './raw';

/** Model bucket for meters that are not per-token model usage; kept, never dropped. */
export const AZURE_OTHER_MODEL = 'other';

/**
 * The aggregated cost columns are named after `aggregation.*.name`; which pair an account answers
 * with depends on its agreement type (EA/legacy vs MCA), so both are accepted. The first is in
 * the billing currency (`Currency`), the second in USD.
 */
const COST_COLUMNS = ['Cost', 'PreTaxCost'] as const;
const USD_COLUMNS = ['CostUSD', 'PreTaxCostUSD'] as const;

type ColumnIndex = { day: number; cost: number; usd: number; currency: number; resource: number; meter: number };

/** What one page of rows became. */
export type MappedPage = {
  records: CostRecord[];
  /** Meter names that went to the `other` bucket, for a log line. */
  unclassifiedMeters: ReadonlySet<string>;
};

function invalid(message: string): AdapterError {
  return new AdapterError('azure', 'INVALID_RESPONSE', `Azure: ${message}`);
}

function locateColumns(columns: readonly QueryColumn[]): ColumnIndex {
  // Column order differs between responses, so every cell is read through its column's name.
  const find = (name: string) => columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
  const cost = COST_COLUMNS.map(find).find((i) => i >= 0) ?? -1;
  const usd = USD_COLUMNS.map(find).find((i) => i >= 0) ?? -1;
  const index = {
    day: find('UsageDate'),
    cost,
    usd,
    currency: find('Currency'),
    resource: find('ResourceId'),
    meter: find('Meter'),
  };
  const missing = Object.entries({
    UsageDate: index.day,
    'Cost or PreTaxCost': cost,
    Currency: index.currency,
    ResourceId: index.resource,
    Meter: index.meter,
  })
    .filter(([, i]) => i < 0)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw invalid(
      `the cost query answered without the column(s) ${missing.join(', ')} (got ${columns.map((c) => c.name).join(', ') || 'none'})`,
    );
  }
  return index;
}

/** Reads `UsageDate` (a number such as 20250601, not epoch ms), tolerating its text and ISO forms. */
export function readUsageDate(value: unknown): Day {
  const text =
    typeof value === 'number' && Number.isInteger(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : '';
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const day = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : text.slice(0, 10);
  if (!isDay(day))
    throw invalid(`UsageDate ${JSON.stringify(value)} is not a day (expected a number such as 20250601)`);
  return day;
}

function readCurrency(value: unknown): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!/^[A-Z]{3}$/.test(code)) throw invalid(`Currency ${JSON.stringify(value)} is not a currency code`);
  return code;
}

/**
 * The USD cost of a row and, for a subscription billed in another currency, the billed amount.
 * USD comes from `CostUSD`/`PreTaxCostUSD` (Microsoft's own conversion, so totals match the
 * portal's USD view); spendsync never converts at a rate of its own. Without a USD column, only a
 * USD-billed row can be read.
 */
function readAmounts(
  row: readonly unknown[],
  at: ColumnIndex,
): { cost: Money; billingCurrency?: string; billingCost?: Money } {
  const currency = readCurrency(row[at.currency]);
  const billed = readCost(row[at.cost]);
  if (at.usd < 0) {
    if (currency === 'USD') return { cost: billed };
    throw invalid(
      `this subscription is billed in "${currency}" and the cost query answered without a CostUSD or PreTaxCostUSD column, so there is no USD amount to store`,
    );
  }
  const cost = readCost(row[at.usd]);
  return currency === 'USD' ? { cost } : { cost, billingCurrency: currency, billingCost: billed };
}

function readWorkspace(value: unknown): { id: string | null; name: string | null } {
  if (value === null || value === undefined || value === '') return { id: null, name: null };
  if (typeof value !== 'string') throw invalid(`ResourceId ${JSON.stringify(value)} is not text`);
  // Azure returns resource ids in varying case; ARM ids are case-insensitive, so one key per resource.
  const id = value.trim().toLowerCase();
  return { id, name: value.trim().split('/').filter(Boolean).pop() ?? null };
}

function readCost(value: unknown) {
  try {
    return parseMoney(value);
  } catch {
    throw invalid(`a cost cell holds ${JSON.stringify(value)}, not an amount`);
  }
}

/**
 * Turns one page of Cost Management rows (grouped by ResourceId and Meter, daily) into cost
 * records: one per row, the meter classified into a model or the `other` bucket. Token counts
 * stay null: the cost query carries none, and UsageQuantity's unit (1K or 1M tokens) is not
 * reliably in the meter name. Several meters of one model share a grain; see {@link mergeRecords}.
 */
export function mapQueryPage(page: QueryPage): MappedPage {
  if (page.rows.length === 0) return { records: [], unclassifiedMeters: new Set() };
  const at = locateColumns(page.columns);
  const unclassifiedMeters = new Set<string>();
  const records = page.rows.map((row): CostRecord => {
    const amounts = readAmounts(row, at);
    const meter = typeof row[at.meter] === 'string' ? (row[at.meter] as string) : '';
    const known = classifyMeter(meter);
    if (!known) unclassifiedMeters.add(meter);
    const workspace = readWorkspace(row[at.resource]);
    // The query rows never include credits (they apply at invoice level) nor tokens or requests.
    return createCostRecord({
      provider: 'azure',
      day: readUsageDate(row[at.day]),
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      model: known?.model ?? AZURE_OTHER_MODEL,
      chargeKind: known ? 'usage' : 'other',
      ...amounts,
    });
  });
  return { records, unclassifiedMeters };
}

/** Sums records that share a grain (input, output and cached meters of one model), exactly, in USD and the billing currency. */
export function mergeRecords(records: Iterable<CostRecord>): CostRecord[] {
  const merged = new Map<string, CostRecord>();
  for (const record of records) {
    const key = grainKey(record);
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, record);
      continue;
    }
    if ((seen.billingCurrency ?? null) !== (record.billingCurrency ?? null))
      throw invalid(
        `one subscription answered in two currencies (${seen.billingCurrency ?? 'USD'} and ${record.billingCurrency ?? 'USD'})`,
      );
    const billingCost =
      seen.billingCost && record.billingCost ? { billingCost: seen.billingCost.add(record.billingCost) } : {};
    merged.set(key, { ...seen, cost: seen.cost.add(record.cost), ...billingCost });
  }
  return [...merged.values()];
}
