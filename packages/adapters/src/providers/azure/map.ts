import { createCostRecord, grainKey, isDay, parseMoney, type CostRecord, type Day } from '@spendsync/domain';
import { AdapterError } from '../../errors';
import { classifyMeter } from './meters';
import type { QueryColumn, QueryPage } from './raw';

/** Model bucket for meters that are not per-token model usage; kept, never dropped. */
export const AZURE_OTHER_MODEL = 'other';

/**
 * The aggregated cost column is named after `aggregation.*.name`; which of the two an account
 * answers with depends on its agreement type (EA/legacy vs MCA), so both are accepted.
 */
const COST_COLUMNS = ['Cost', 'PreTaxCost'] as const;

type ColumnIndex = { day: number; cost: number; currency: number; resource: number; meter: number };

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
  const index = { day: find('UsageDate'), cost, currency: find('Currency'), resource: find('ResourceId'), meter: find('Meter') };
  const missing = Object.entries({ UsageDate: index.day, 'Cost or PreTaxCost': cost, Currency: index.currency, ResourceId: index.resource, Meter: index.meter })
    .filter(([, i]) => i < 0)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw invalid(`the cost query answered without the column(s) ${missing.join(', ')} (got ${columns.map((c) => c.name).join(', ') || 'none'})`);
  }
  return index;
}

/** Reads `UsageDate` (a number such as 20250601, not epoch ms), tolerating its text and ISO forms. */
export function readUsageDate(value: unknown): Day {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const day = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : text.slice(0, 10);
  if (!isDay(day)) throw invalid(`UsageDate ${JSON.stringify(value)} is not a day (expected a number such as 20250601)`);
  return day;
}

function readCurrency(value: unknown): void {
  if (typeof value === 'string' && value.trim().toUpperCase() === 'USD') return;
  // Cost Management reports in the billing currency and spendsync stores USD only; converting
  // at some exchange rate would make totals disagree with the Azure invoice.
  throw invalid(
    `this subscription is billed in ${JSON.stringify(value)}; spendsync supports only Azure subscriptions billed in USD`,
  );
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
    readCurrency(row[at.currency]);
    const meter = typeof row[at.meter] === 'string' ? (row[at.meter] as string) : '';
    const known = classifyMeter(meter);
    if (!known) unclassifiedMeters.add(meter);
    const workspace = readWorkspace(row[at.resource]);
    // The query rows never include credits (they apply at invoice level) nor tokens or requests.
    return createCostRecord({
      provider: 'azure', day: readUsageDate(row[at.day]), workspaceId: workspace.id, workspaceName: workspace.name,
      model: known?.model ?? AZURE_OTHER_MODEL, chargeKind: known ? 'usage' : 'other', cost: readCost(row[at.cost]),
    });
  });
  return { records, unclassifiedMeters };
}

/** Sums records that share a grain (input, output and cached meters of one model), exactly. */
export function mergeRecords(records: Iterable<CostRecord>): CostRecord[] {
  const merged = new Map<string, CostRecord>();
  for (const record of records) {
    const key = grainKey(record);
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, cost: seen.cost.add(record.cost) } : record);
  }
  return [...merged.values()];
}
