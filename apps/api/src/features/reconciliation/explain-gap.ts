import { coverageRatio, Money, ZERO, type Day, type ProviderId } from '@spendsync/domain';
import { GAP_CAUSES, type GapCause, type GapEntityKind } from './reconciliation-causes';
import type { BilledLine, KeyRef, MeteredLine, Usage } from './reconciliation-lines';

/** One key, model, provider or day behind a cause, with its share of the cause's amount. */
export type GapEntity = {
  kind: GapEntityKind;
  provider: ProviderId;
  key: KeyRef | null;
  model: string | null;
  day: Day | null;
  amount: Money;
};

/** One cause: its amount (positive: billed above metered) and what it is made of, largest first. */
export type GapCauseAmount = { cause: GapCause; amount: Money; entities: GapEntity[] };

/** Billed and metered cost of one day, and the gap by cause. */
export type ReconciliationDay = {
  day: Day;
  billed: Money;
  credits: Money;
  net: Money;
  metered: Money;
  gap: Money;
  provisional: boolean;
  causes: Record<GapCause, Money>;
};

/** The whole reconciliation: totals, causes (all of them, in `GAP_CAUSES` order) and the days. */
export type Reconciliation = {
  billed: Money;
  credits: Money;
  /** What is paid: billed minus credits. */
  net: Money;
  metered: Money;
  /** net − metered; the causes sum to it exactly. */
  gap: Money;
  /** metered / billed (null when nothing was billed), as the Providers coverage figure. */
  coverage: Money | null;
  /** Metered lines that sent no cost estimate (their usage counts, their cost is unknown). */
  meteredLinesWithoutCost: number;
  causes: GapCauseAmount[];
  days: ReconciliationDay[];
};

/** Every key and model of the period on each side (only their keys and models are read). */
export type PeriodLines = {
  billed: readonly Pick<BilledLine, 'provider' | 'key' | 'model'>[];
  metered: readonly Pick<MeteredLine, 'provider' | 'key' | 'model'>[];
};

type Cell = {
  day: Day;
  provider: ProviderId;
  key: KeyRef;
  model: string;
  billed: BilledLine[];
  metered: MeteredLine[];
};

const modelId = (provider: string, model: string) => `${provider}\u0000${model}`;

function sumUsage(usages: readonly Usage[]): Usage {
  const add = <T>(values: (T | null)[], plus: (a: T, b: T) => T): T | null =>
    values.length === 0 || values.some((v) => v === null) ? null : (values as T[]).reduce(plus);
  return {
    tokens: add(
      usages.map((u) => u.tokens),
      (a, b) => a + b,
    ),
    requests: add(
      usages.map((u) => u.requests),
      (a, b) => a + b,
    ),
    units: add(
      usages.map((u) => u.units),
      (a, b) => a.plus(b),
    ),
  };
}

/** Both sides counted the same usage: equal tokens when both know them, else equal units, else equal requests. */
export function sameUsage(a: Usage, b: Usage): boolean {
  if (a.tokens !== null && b.tokens !== null) return a.tokens === b.tokens;
  if (a.units !== null && b.units !== null) return a.units.eq(b.units);
  if (a.requests !== null && b.requests !== null) return a.requests === b.requests;
  return false;
}

/** Groups both sides by day, provider, key and model. */
function cellsOf(billed: readonly BilledLine[], metered: readonly MeteredLine[]): Cell[] {
  const cells = new Map<string, Cell>();
  const cellOf = (line: BilledLine | MeteredLine) => {
    const id = [line.day, line.provider, line.key.id, line.model].join('\u0000');
    let cell = cells.get(id);
    if (!cell) {
      cell = { day: line.day, provider: line.provider, key: line.key, model: line.model, billed: [], metered: [] };
      cells.set(id, cell);
    }
    return cell;
  };
  for (const line of billed) cellOf(line).billed.push(line);
  for (const line of metered) cellOf(line).metered.push(line);
  return [...cells.values()];
}

/** The keys and models each side saw in the period. */
type Seen = {
  meteredKeys: Set<string>;
  meteredModels: Set<string>;
  billedKeys: Set<string>;
  billedModels: Set<string>;
};

/** The cause of one cell's billed − metered difference, and the kind of entity it is told under. */
function classify(cell: Cell, seen: Seen): { cause: GapCause; kind: GapEntityKind } {
  const model = modelId(cell.provider, cell.model);
  const [billed, metered] = [cell.billed.length > 0, cell.metered.length > 0];
  if (billed && !seen.meteredKeys.has(cell.key.id)) return { cause: 'uninstrumented_keys', kind: 'api_key' };
  if (billed && !seen.meteredModels.has(model)) return { cause: 'unmetered_models', kind: 'model' };
  if (metered && !seen.billedKeys.has(cell.key.id)) return { cause: 'unmatched_metered', kind: 'api_key' };
  if (metered && !seen.billedModels.has(model)) return { cause: 'unmatched_metered', kind: 'model' };
  if ([...cell.billed, ...cell.metered].some((l) => l.provisional)) return { cause: 'provisional_days', kind: 'day' };
  const priced =
    cell.billed.length > 0 &&
    cell.metered.length > 0 &&
    cell.metered.every((l) => l.cost !== null) &&
    sameUsage(sumUsage(cell.billed.map((l) => l.usage)), sumUsage(cell.metered.map((l) => l.usage)));
  return priced ? { cause: 'price_differences', kind: 'model' } : { cause: 'unexplained', kind: 'model' };
}

const entityId = (e: Omit<GapEntity, 'amount'>) =>
  [e.kind, e.provider, e.key?.id ?? '', e.model ?? '', e.day ?? ''].join('\u0000');

/** Adds amounts to entities, keyed so the same key/model/day collects one row. */
class EntityTotals {
  readonly byCause = new Map<GapCause, Map<string, GapEntity>>(GAP_CAUSES.map((c) => [c, new Map()]));

  add(cause: GapCause, entity: Omit<GapEntity, 'amount'>, amount: Money): void {
    const entities = this.byCause.get(cause)!;
    const id = entityId(entity);
    const found = entities.get(id);
    entities.set(id, { ...entity, amount: found ? found.amount.plus(amount) : amount });
  }

  causes(): GapCauseAmount[] {
    return GAP_CAUSES.map((cause) => {
      const entities = [...this.byCause.get(cause)!.values()];
      const amount = entities.reduce((sum, e) => sum.plus(e.amount), ZERO);
      const shown = entities
        .filter((e) => !e.amount.isZero())
        .sort((a, b) => b.amount.abs().cmp(a.amount.abs()) || entityId(a).localeCompare(entityId(b)));
      return { cause, amount, entities: shown };
    });
  }
}

function emptyDay(day: Day): ReconciliationDay {
  const causes = Object.fromEntries(GAP_CAUSES.map((c) => [c, ZERO])) as Record<GapCause, Money>;
  return { day, billed: ZERO, credits: ZERO, net: ZERO, metered: ZERO, gap: ZERO, provisional: false, causes };
}

/**
 * Billed vs metered cost, the gap explained by cause. Exact: every (day, provider, key, model)
 * cell's billed − metered difference goes to exactly one cause, and credits to `credits` (as a
 * negative amount: they make what is paid lower than what was metered), so the causes sum to
 * `gap = billed − credits − metered` to the last digit. Precedence, per cell:
 * 1. `uninstrumented_keys`: the cell is billed and its key reported no metered usage in the period;
 * 2. `unmetered_models`: billed, and no report in the period named its model (for its provider);
 * 3. `unmatched_metered`: metered, and its key (else its model) was never billed in the period;
 * 4. `provisional_days`: the billed side of the day is not settled yet;
 * 5. `price_differences`: both sides counted the same tokens (or units, or requests) and the
 *    reports sent cost estimates: the difference is the price;
 * 6. `unexplained`: anything else (a day one side missed, different usage, estimates missing).
 *
 * Whether a key or model was ever metered (or billed) is judged on `period`: every line of the
 * period, not only those a narrower filter kept, so narrowing to one model does not make a key
 * that meters other models look uninstrumented. Default: the lines given.
 */
export function explainGap(
  billed: readonly BilledLine[],
  metered: readonly MeteredLine[],
  period: PeriodLines = { billed, metered },
): Reconciliation {
  const seen = {
    meteredKeys: new Set(period.metered.map((l) => l.key.id)),
    meteredModels: new Set(period.metered.map((l) => modelId(l.provider, l.model))),
    billedKeys: new Set(period.billed.map((l) => l.key.id)),
    billedModels: new Set(period.billed.map((l) => modelId(l.provider, l.model))),
  };
  const totals = new EntityTotals();
  const days = new Map<Day, ReconciliationDay>();
  for (const cell of cellsOf(billed, metered)) {
    const day = days.get(cell.day) ?? emptyDay(cell.day);
    days.set(cell.day, day);
    const cost = cell.billed.reduce((sum, l) => sum.plus(l.cost), ZERO);
    const credits = cell.billed.reduce((sum, l) => sum.plus(l.credits), ZERO);
    const meteredCost = cell.metered.reduce((sum, l) => sum.plus(l.knownCost), ZERO);
    const { cause, kind } = classify(cell, seen);
    const base = { provider: cell.provider, key: null, model: null, day: null };
    const entity =
      kind === 'api_key'
        ? { ...base, kind, key: cell.key }
        : kind === 'day'
          ? { ...base, kind, day: cell.day }
          : { ...base, kind, model: cell.model };
    totals.add(cause, entity, cost.minus(meteredCost));
    if (!credits.isZero()) totals.add('credits', { ...base, kind: 'provider' }, credits.neg());
    day.billed = day.billed.plus(cost);
    day.credits = day.credits.plus(credits);
    day.metered = day.metered.plus(meteredCost);
    day.provisional ||= cell.billed.some((l) => l.provisional);
    day.causes[cause] = day.causes[cause].plus(cost.minus(meteredCost));
    day.causes.credits = day.causes.credits.minus(credits);
  }
  const series = [...days.values()]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((d) => ({ ...d, net: d.billed.minus(d.credits), gap: d.billed.minus(d.credits).minus(d.metered) }));
  const sum = (pick: (d: ReconciliationDay) => Money) => series.reduce((total, d) => total.plus(pick(d)), ZERO);
  const [billedTotal, creditsTotal] = [sum((d) => d.billed), sum((d) => d.credits)];
  const meteredTotal = sum((d) => d.metered);
  return {
    billed: billedTotal,
    credits: creditsTotal,
    net: billedTotal.minus(creditsTotal),
    metered: meteredTotal,
    gap: billedTotal.minus(creditsTotal).minus(meteredTotal),
    coverage: coverageRatio(meteredTotal, billedTotal),
    meteredLinesWithoutCost: metered.filter((l) => l.cost === null).length,
    causes: totals.causes(),
    days: series,
  };
}

/** The sum of the causes' amounts (equal to the gap; a check for tests and callers). */
export function sumOfCauses(causes: readonly { amount: Money }[]): Money {
  return causes.reduce((sum, c) => sum.plus(c.amount), new Money(0));
}
