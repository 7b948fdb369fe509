import { Money, ZERO } from '@spendsync/domain';
import { median } from './robust-stats';
import { dayIndex, memberOf, type AnomalyLevel, type SeriesId, type SpendRow } from './spend-series';

/** How many members a driver breakdown names before the rest becomes "other". */
export const TOP_DRIVERS = 5;

/** One part of the day's delta: a key, model or workspace (`key` null is "other", everything else). */
export type AnomalyDriver = { dimension: AnomalyLevel; key: string | null; label: string; amount: Money; share: Money };

/** Whether the change came from using more (volume) or from paying more per unit (price). */
export type ChangeKind = 'volume' | 'price' | 'unknown';

/** The dimensions a series' delta is broken down into; the first names the top driver. */
export const DRIVER_DIMENSIONS: Record<AnomalyLevel, AnomalyLevel[]> = {
  workspace: ['api_key', 'model'],
  model: ['api_key', 'workspace'],
  api_key: ['model'],
};

type Member = { label: string; byDay: Map<number, Money> };

function membersOf(rows: readonly SpendRow[], dimension: AnomalyLevel, start: string): Map<string, Member> {
  const members = new Map<string, Member>();
  for (const row of rows) {
    const key = memberOf(row, dimension) ?? '(no key)';
    let member = members.get(key);
    if (!member)
      members.set(
        key,
        (member = { label: dimension === 'api_key' ? (row.apiKeyLabel ?? key) : key, byDay: new Map() }),
      );
    const i = dayIndex(start, row.day);
    member.byDay.set(i, (member.byDay.get(i) ?? ZERO).plus(row.cost));
  }
  return members;
}

/**
 * Splits `delta` (actual − expected of the series on day offset `d`) over the members of
 * `dimension`: each member's day cost minus the median of its cost on the baseline days. The top
 * five (largest for a spike, most negative for a drop) are named; "other" is `delta` minus them,
 * so the parts sum exactly to `delta`.
 */
export function decomposeDelta(
  rows: readonly SpendRow[],
  start: string,
  d: number,
  baselineDays: readonly number[],
  dimension: AnomalyLevel,
  delta: Money,
): AnomalyDriver[] {
  const parts = [...membersOf(rows, dimension, start)].map(([key, m]) => ({
    key,
    label: m.label,
    amount: (m.byDay.get(d) ?? ZERO).minus(median(baselineDays.map((i) => m.byDay.get(i) ?? ZERO))),
  }));
  const sign = delta.isNegative() ? -1 : 1;
  parts.sort((a, b) => sign * b.amount.comparedTo(a.amount) || (a.key < b.key ? -1 : 1));
  const top = parts.slice(0, TOP_DRIVERS);
  const other = delta.minus(top.reduce((sum, p) => sum.plus(p.amount), ZERO));
  const named = top.map((p) => ({ dimension, key: p.key as string | null, label: p.label, amount: p.amount }));
  if (!other.isZero()) named.push({ dimension, key: null, label: 'other', amount: other });
  return named.map((p) => ({ ...p, share: delta.isZero() ? ZERO : p.amount.div(delta).toDecimalPlaces(4) }));
}

/** Volume vs price: which moved more (in log terms) against the baseline days' medians. */
export function classifyChange(
  cost: readonly Money[],
  volume: readonly (Money | null)[],
  d: number,
  baselineDays: readonly number[],
): ChangeKind {
  const days = [...baselineDays, d];
  if (days.some((i) => volume[i] === null || volume[i] === undefined)) return 'unknown';
  const v = volume[d]!;
  const v0 = median(baselineDays.map((i) => volume[i]!));
  if (v.isZero() || v0.isZero()) return 'volume';
  const unit = cost[d]!.div(v);
  const unit0 = median(baselineDays.filter((i) => !volume[i]!.isZero()).map((i) => cost[i]!.div(volume[i]!)));
  if (unit0.isZero()) return 'volume';
  const volumeMove = Math.abs(Math.log(v.div(v0).toNumber()));
  const priceMove = Math.abs(Math.log(unit.div(unit0).toNumber()));
  return volumeMove >= priceMove ? 'volume' : 'price';
}

/** The member named first in the series' leading dimension (keys for workspaces and models, models for keys). */
export function topDriverOf(series: SeriesId, drivers: readonly AnomalyDriver[]): AnomalyDriver | null {
  const lead = DRIVER_DIMENSIONS[series.level][0];
  return drivers.find((d) => d.dimension === lead && d.key !== null) ?? null;
}
