import { addDays, Money, type Day, type DayRange, type ProviderId } from '@spendsync/domain';
import {
  classifyChange,
  decomposeDelta,
  DRIVER_DIMENSIONS,
  type AnomalyDriver,
  type ChangeKind,
} from './anomaly-drivers';
import type { AnomalyThresholds } from './anomaly-thresholds';
import { BASELINE_DAYS, computeBaseline, mayBeAnomalous, type Baseline } from './spend-baseline';
import {
  dayIndex,
  isInSeries,
  seriesIn,
  seriesOfRow,
  type DailySeries,
  type SeriesId,
  type SpendRow,
} from './spend-series';

/** What the detector reads. */
export type DetectInput = {
  /** Spend rows of settled days, from `historyStart` on (earlier rows are ignored). */
  rows: readonly SpendRow[];
  /** The first day spend is known for: baselines never reach before it. */
  historyStart: Day;
  /** Days to judge (each needs 28 days of history before it). */
  evaluate: DayRange;
  /** Per provider, the first day that is not settled; a series is judged only on days before it. */
  settledThrough: Partial<Record<ProviderId, Day>>;
  /**
   * Per provider, the first day spend is known for (its accounts' first synced day); a series is
   * judged only once it has 28 known days. Days before are unknown, not zero. Default: `historyStart`.
   */
  knownFrom?: Partial<Record<ProviderId, Day>>;
  thresholds: AnomalyThresholds;
};

export type AnomalyKind = 'spike' | 'drop';
export type AnomalySeverity = 'medium' | 'high' | 'critical';

/** One anomaly: a series' settled day beyond its baseline, with what drove it. */
export type DetectedAnomaly = {
  series: SeriesId;
  label: string;
  day: Day;
  kind: AnomalyKind;
  severity: AnomalySeverity;
  expected: Money;
  actual: Money;
  /** actual − expected; the drivers of each dimension sum exactly to it. */
  delta: Money;
  changeKind: ChangeKind;
  drivers: AnomalyDriver[];
};

/** A flagged day within this many days after another of the same kind continues that episode. */
export const EPISODE_DAYS = 7;

export type Flag = { kind: AnomalyKind; baseline: Baseline; severity: AnomalySeverity };

/** Totals per series and day over [start, start + length), summed from rows. */
export function buildSeries(rows: readonly SpendRow[], start: Day, length: number): Map<string, DailySeries> {
  const all = new Map<string, DailySeries>();
  for (const row of rows) {
    const i = dayIndex(start, row.day);
    if (i < 0 || i >= length) continue;
    for (const id of seriesOfRow(row)) {
      const s = seriesIn(all, id, id.level === 'api_key' ? (row.apiKeyLabel ?? id.key) : id.key, length);
      s.cost[i] = s.cost[i]!.plus(row.cost);
      const v = s.volume[i];
      s.volume[i] = v === null || v === undefined || row.volume === null ? null : v.plus(row.volume);
    }
  }
  return all;
}

type Screen = { cost: number[]; k: number; f: number; min: number };

function judge(cost: readonly Money[], d: number, t: AnomalyThresholds, screen: Screen): Flag | null {
  if (!mayBeAnomalous(screen.cost, d, screen.k, screen.f, screen.min)) return null;
  const baseline = computeBaseline(cost, d);
  const actual = cost[d]!;
  if (actual.isZero()) {
    return baseline.isSteady && baseline.expected.gte(t.minCost) ? { kind: 'drop', baseline, severity: 'high' } : null;
  }
  const delta = actual.minus(baseline.expected);
  const margin = Money.max(baseline.mad.times(t.madMultiplier), baseline.expected.times(t.medianFraction));
  if (!delta.gt(margin) || delta.lt(t.minCost)) return null;
  const ratio = delta.div(Money.max(margin, t.minCost));
  return { kind: 'spike', baseline, severity: ratio.gte(4) ? 'critical' : ratio.gte(2) ? 'high' : 'medium' };
}

/** The first day a series has 28 known days before it (offset from `historyStart`). */
function firstJudgedOf(series: SeriesId, input: Omit<DetectInput, 'rows'>): number {
  const known = input.knownFrom ?? {};
  const starts =
    series.provider !== null
      ? [known[series.provider]]
      : Object.keys(input.settledThrough).map((p) => known[p as ProviderId]);
  const latest =
    starts
      .filter((d): d is Day => d !== undefined)
      .sort()
      .at(-1) ?? input.historyStart;
  return Math.max(0, dayIndex(input.historyStart, latest)) + BASELINE_DAYS;
}

/** The last day (exclusive) a series may be judged on: its provider's settled-through day, or all providers'. */
function limitOf(series: SeriesId, settled: DetectInput['settledThrough']): Day | null {
  if (series.provider !== null) return settled[series.provider] ?? null;
  const days = Object.values(settled)
    .filter((d): d is Day => d !== undefined)
    .sort();
  return days[0] ?? null;
}

/**
 * Finds anomalies on settled days (see DESIGN in apps/api/README.md "Anomalies"): per series,
 * a day whose cost exceeds the trailing-28-day baseline by more than max(k × MAD, f × median)
 * and by at least the minimum, or a steadily non-zero series that went to zero. A day within
 * 7 days after a flagged day of the same kind is part of the same episode and is not reported
 * again (a lasting price change is one anomaly, not two weeks of them); flags are recomputed
 * from the data, so the answer for a day does not depend on what was stored before.
 */
export function detectAnomalies(input: DetectInput): DetectedAnomaly[] {
  const length = dayIndex(input.historyStart, input.evaluate.end);
  const findings = findAnomalousDays({
    ...input,
    series: buildSeries(input.rows, input.historyStart, length).values(),
  });
  return explainFindings(findings, input.rows, input.historyStart);
}

/** What {@link findAnomalousDays} reads: the series' daily totals instead of the rows. */
export type SeriesDetectInput = Omit<DetectInput, 'rows'> & {
  /** Every series with spend over [historyStart, evaluate.end), indexed from `historyStart`. */
  series: Iterable<DailySeries>;
};

/** A flagged day of a series, before its drivers are explained. */
export type Finding = { s: DailySeries; d: number; flag: Flag };

/** The days whose rows explain the findings: each one's baseline days and its own day. */
export function daysToExplain(findings: readonly Finding[], historyStart: Day): Day[] {
  const offsets = new Set(findings.flatMap((f) => [...f.flag.baseline.days, f.d]));
  return [...offsets].sort((a, b) => a - b).map((i) => addDays(historyStart, i));
}

/** The judging half of {@link detectAnomalies}: which series' days are anomalous, from their daily totals. */
export function findAnomalousDays(input: SeriesDetectInput): Finding[] {
  const length = dayIndex(input.historyStart, input.evaluate.end);
  const found: Finding[] = [];
  const t = input.thresholds;
  for (const s of input.series) {
    const limit = limitOf(s.id, input.settledThrough);
    if (limit === null) continue;
    const last = Math.min(length, dayIndex(input.historyStart, limit));
    const first = dayIndex(input.historyStart, input.evaluate.start);
    const screen = {
      cost: s.cost.map((c) => c.toNumber()),
      k: t.madMultiplier.toNumber(),
      f: t.medianFraction.toNumber(),
      min: t.minCost.toNumber(),
    };
    const lastFlagged: Partial<Record<AnomalyKind, number>> = {};
    for (let d = Math.max(firstJudgedOf(s.id, input), first - EPISODE_DAYS); d < last; d++) {
      const flag = judge(s.cost, d, t, screen);
      if (flag === null) continue;
      const isNew = (lastFlagged[flag.kind] ?? -Infinity) < d - EPISODE_DAYS;
      if (isNew && d >= first) found.push({ s, d, flag });
      lastFlagged[flag.kind] = d;
    }
  }
  return found;
}

/**
 * The explaining half of {@link detectAnomalies}: drivers and the change kind of each finding,
 * reading only the rows of its days and series (`rows` holds at least {@link daysToExplain}).
 */
export function explainFindings(
  found: readonly Finding[],
  rows: readonly SpendRow[],
  historyStart: Day,
): DetectedAnomaly[] {
  const byDay = new Map<Day, SpendRow[]>();
  for (const row of rows) (byDay.get(row.day) ?? byDay.set(row.day, []).get(row.day)!).push(row);
  return found.map(({ s, d, flag }) => {
    const days = [...flag.baseline.days, d];
    const own = days.flatMap((i) => byDay.get(addDays(historyStart, i)) ?? []).filter((r) => isInSeries(r, s.id));
    const actual = s.cost[d]!;
    const delta = actual.minus(flag.baseline.expected);
    const drivers = DRIVER_DIMENSIONS[s.id.level].flatMap((dim) =>
      decomposeDelta(own, historyStart, d, flag.baseline.days, dim, delta),
    );
    return {
      series: s.id,
      label: s.label,
      day: addDays(historyStart, d),
      kind: flag.kind,
      severity: flag.severity,
      expected: flag.baseline.expected,
      actual,
      delta,
      changeKind: flag.kind === 'drop' ? 'volume' : classifyChange(s.cost, s.volume, d, flag.baseline.days),
      drivers,
    };
  });
}
