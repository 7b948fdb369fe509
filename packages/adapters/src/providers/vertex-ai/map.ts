import {
  ZERO,
  createCostRecord,
  grainKey,
  parseMoney,
  type ChargeKind,
  type CostRecord,
  type Day,
  type Money,
} from '@spendsync/domain';
import type { VertexRow } from './raw';
import { classifySku, skuModel, VERTEX_OTHER_MODEL } from './sku';

/** Workspace id for export rows without a project (some taxes and adjustments have none). */
export const NO_PROJECT = 'no-project';

type Cell = {
  day: Day;
  project: string;
  projectName: string | null;
  model: string;
  chargeKind: ChargeKind;
  unit: string | null;
  cost: Money;
  /** Credits as the export sends them: negative. */
  credits: Money;
  /** Quantity in `unit`; null once any row's amount was unknown. */
  quantity: Money | null;
  /** Tokens by direction (0 until seen); null once an amount was unknown. */
  input: number | null;
  output: number | null;
  cached: number | null;
  hasTokens: boolean;
};

/**
 * Collects query rows into one record per (day, project, model, charge kind, unit). Rows arrive
 * ordered by day (ORDER BY in the query), so days before the newest one are complete and can be
 * flushed while later pages are still being read. Pure: no I/O.
 */
export type VertexAccumulator = {
  add(row: VertexRow): void;
  /** Removes and returns the records of days before `day`. */
  flushBefore(day: Day): CostRecord[];
  /** Removes and returns every record. */
  flushAll(): CostRecord[];
};

function toRecord(c: Cell): CostRecord {
  const credits = c.credits.neg();
  // A credit reversal (positive credit sum) is a charge: net stays exact, creditsApplied >= 0.
  const [cost, creditsApplied] = credits.isNegative() ? [c.cost.sub(credits), ZERO] : [c.cost, credits];
  const tokens = c.hasTokens;
  return createCostRecord({
    provider: 'vertex-ai',
    day: c.day,
    workspaceId: c.project,
    workspaceName: c.projectName,
    model: c.model,
    chargeKind: c.chargeKind,
    cost,
    creditsApplied,
    // Cached input is part of input; Vertex bills no per-token cache writes (storage is per hour).
    inputTokens: tokens && c.input !== null && c.cached !== null ? c.input + c.cached : null,
    outputTokens: tokens ? c.output : null,
    cachedInputTokens: tokens ? c.cached : null,
    unit: c.unit,
    quantity: c.unit === null ? null : c.quantity,
  });
}

const tokensOf = (amount: string | null) => (amount === null ? null : parseMoney(amount).toDecimalPlaces(0).toNumber());

/** Starts an empty accumulator. */
export function createVertexAccumulator(): VertexAccumulator {
  const cells = new Map<string, Cell>();

  const take = (keep: (cell: Cell) => boolean): CostRecord[] => {
    const out: CostRecord[] = [];
    for (const [key, cell] of cells) {
      if (keep(cell)) continue;
      cells.delete(key);
      out.push(toRecord(cell));
    }
    return out;
  };

  return {
    add(row) {
      const bySku = classifySku(row.sku, row.usage_unit, row.pricing_unit, row.cost_type);
      // A partner model's SKU may name only the token type; its service then names the model.
      const info =
        bySku.model === VERTEX_OTHER_MODEL && row.service ? { ...bySku, model: skuModel(row.service) } : bySku;
      const unit = info.measure.kind === 'unit' ? info.measure.unit : null;
      const project = row.project_id || NO_PROJECT;
      const grain = {
        day: row.usage_day,
        workspaceId: project,
        apiKeyId: null,
        model: info.model,
        chargeKind: info.chargeKind,
        unit,
      };
      const key = grainKey(grain);
      const cell: Cell = cells.get(key) ?? {
        day: row.usage_day,
        project,
        projectName: row.project_name,
        model: info.model,
        chargeKind: info.chargeKind,
        unit,
        cost: ZERO,
        credits: ZERO,
        quantity: ZERO,
        input: 0,
        output: 0,
        cached: 0,
        hasTokens: false,
      };
      cell.cost = cell.cost.add(parseMoney(row.cost_usd ?? '0'));
      cell.credits = cell.credits.add(parseMoney(row.credits_usd ?? '0'));
      cell.projectName ??= row.project_name;
      if (unit !== null)
        cell.quantity =
          cell.quantity === null || row.usage_amount === null ? null : cell.quantity.add(parseMoney(row.usage_amount));
      if (info.measure.kind === 'tokens') {
        const n = tokensOf(row.usage_amount);
        const before = cell[info.measure.direction];
        cell[info.measure.direction] = before === null || n === null ? null : before + n;
        cell.hasTokens = true;
      }
      cells.set(key, cell);
    },
    flushBefore: (day) => take((cell) => cell.day >= day),
    flushAll: () => take(() => false),
  };
}
