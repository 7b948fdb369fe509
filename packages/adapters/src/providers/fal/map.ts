import {
  createCostRecord,
  parseMoney,
  rangeContains,
  type ChargeKind,
  type CostRecord,
  type Day,
  type DayRange,
  type Money,
} from '@spendsync/domain';
import type { FalUsageBucket, FalUsageLine } from './raw';

/** Units that measure generated images; their records are charge kind `image`, the rest `usage`. */
const IMAGE_UNITS = new Set(['image', 'images', 'megapixel', 'megapixels']);

/** The charge kind of a fal unit. */
export function falChargeKind(unit: string | null): ChargeKind {
  return unit !== null && IMAGE_UNITS.has(unit.toLowerCase()) ? 'image' : 'usage';
}

/**
 * What a line bills. `cost_total` is the amount after discounts (what fal invoices), so that is
 * the record's cost; the discount is already taken off and is not repeated as a credit. Older
 * responses carry only `cost` (the same figure); a line with neither falls back to
 * `cost_subtotal − cost_discount`.
 */
export function falLineCost(line: FalUsageLine): Money | null {
  if (line.cost_total !== null && line.cost_total !== undefined) return parseMoney(line.cost_total);
  if (line.cost !== null && line.cost !== undefined) return parseMoney(line.cost);
  if (line.cost_subtotal !== null && line.cost_subtotal !== undefined)
    return parseMoney(line.cost_subtotal).sub(parseMoney(line.cost_discount ?? 0));
  return null;
}

type Cell = { day: Day; model: string; unit: string | null; cost: Money; quantity: Money | null };

/** Sums fal usage lines into one cell per (day, endpoint, unit), across pages. */
export type FalUsageAggregate = {
  /** Adds the lines of some buckets; buckets outside the range are skipped (the end day is exclusive). */
  add(buckets: readonly FalUsageBucket[]): void;
  /** The records so far, ordered by day, endpoint and unit. */
  records(): CostRecord[];
};

/**
 * fal splits one endpoint's day into a row per unit price and discount, and a page boundary can
 * split a bucket, so rows are summed per (day, endpoint, unit) before they become records.
 * Quantities of different units are never added: the unit is part of the grain.
 * A line without a readable cost is reported, not guessed.
 */
export function createFalUsageAggregate(range: DayRange): FalUsageAggregate {
  const cells = new Map<string, Cell>();
  return {
    add(buckets) {
      for (const bucket of buckets) {
        const day = bucket.bucket.slice(0, 10);
        if (!rangeContains(range, day)) continue;
        for (const line of bucket.results ?? []) addLine(cells, day, line);
      }
    },
    records() {
      return [...cells.values()]
        .sort((a, b) => compare(a.day, b.day) || compare(a.model, b.model) || compare(a.unit ?? '', b.unit ?? ''))
        .map(toRecord);
    },
  };
}

function addLine(cells: Map<string, Cell>, day: Day, line: FalUsageLine): void {
  const cost = falLineCost(line);
  if (cost === null)
    throw new TypeError(`usage line of ${line.endpoint_id} on ${day} has no cost_total, cost or cost_subtotal`);
  const unit = line.unit ?? null;
  const quantity = line.quantity === null || line.quantity === undefined ? null : parseMoney(line.quantity);
  const key = `${day}\u001f${line.endpoint_id}\u001f${unit ?? ''}`;
  const cell = cells.get(key);
  if (!cell) {
    cells.set(key, { day, model: line.endpoint_id, unit, cost, quantity });
    return;
  }
  cell.cost = cell.cost.add(cost);
  // One line of unknown quantity makes the sum unknown; unknown is null, never a partial total.
  cell.quantity = cell.quantity === null || quantity === null ? null : cell.quantity.add(quantity);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toRecord(cell: Cell): CostRecord {
  // Usage lines carry no key, workspace, tokens or request counts: those stay unknown.
  return createCostRecord({
    provider: 'fal',
    day: cell.day,
    model: cell.model,
    chargeKind: falChargeKind(cell.unit),
    cost: cell.cost,
    unit: cell.unit,
    quantity: cell.quantity,
  });
}
