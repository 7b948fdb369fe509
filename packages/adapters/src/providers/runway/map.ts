import {
  createCostRecord,
  parseCredits,
  parseMoney,
  rangeContains,
  type CostRecord,
  type Day,
  type DayRange,
  type Money,
} from '@spendsync/domain';
import type { RunwayUsage } from './raw';

/** Runway sells API credits at $0.01 each (minimum purchase $10 = 1,000 credits). */
export const RUNWAY_USD_PER_CREDIT = '0.01';

type Cell = { day: Day; model: string; credits: Money; cost: Money };

/**
 * Runway usage -> one record per (day, model) in `range`, unit `credits`, cost = credits × $0.01.
 * Negative amounts are refunds that exceeded the day's charges and are kept as they are: dropping
 * them would overstate spend. A model listed twice on a day is summed so no grain repeats.
 */
export function mapRunwayUsage(usage: RunwayUsage, range: DayRange): CostRecord[] {
  const cells = new Map<string, Cell>();
  for (const result of usage.results) {
    if (!rangeContains(range, result.date)) continue;
    for (const used of result.usedCredits ?? []) {
      const key = `${result.date}\u001f${used.model}`;
      const credits = parseMoney(used.amount);
      const cost = parseCredits(used.amount, RUNWAY_USD_PER_CREDIT);
      const cell = cells.get(key);
      if (cell) {
        cell.credits = cell.credits.add(credits);
        cell.cost = cell.cost.add(cost);
      } else cells.set(key, { day: result.date, model: used.model, credits, cost });
    }
  }
  return [...cells.values()]
    .sort((a, b) => (a.day === b.day ? (a.model < b.model ? -1 : 1) : a.day < b.day ? -1 : 1))
    .map(toRecord);
}

function toRecord(cell: Cell): CostRecord {
  // Runway credits are what the usage is paid with, not a discount on it: creditsApplied stays 0.
  return createCostRecord({
    provider: 'runway',
    day: cell.day,
    model: cell.model,
    chargeKind: 'usage',
    cost: cell.cost,
    unit: 'credits',
    quantity: cell.credits,
  });
}
