import { addDays, Money, ZERO, type Day, type ProviderId } from '@spendsync/domain';

/** The three levels spend is watched at. */
export type AnomalyLevel = 'workspace' | 'api_key' | 'model';
export const ANOMALY_LEVELS: readonly AnomalyLevel[] = ['workspace', 'api_key', 'model'];

/** One day's spend of one (provider, workspace, key, model): what the detector reads. */
export type SpendRow = {
  day: Day;
  provider: ProviderId;
  /** The workspace as dashboards group it: the admin's display name (mapping), else the provider's. */
  workspace: string;
  /** The key's provider id, null for spend no key is attributed to. */
  apiKey: string | null;
  /** A readable name for the key (its name or hint). */
  apiKeyLabel: string | null;
  model: string;
  cost: Money;
  /** Tokens, else requests, else units; null when the provider reports none. */
  volume: Money | null;
};

/** Which rows a series sums: a level's member, within one provider or across all (`provider` null). */
export type SeriesId = { level: AnomalyLevel; provider: ProviderId | null; key: string };

/** The member of `level` a row belongs to (null: the row is in no series of that level). */
export function memberOf(row: SpendRow, level: AnomalyLevel): string | null {
  return level === 'workspace' ? row.workspace : level === 'model' ? row.model : row.apiKey;
}

/** True when the row counts toward the series. */
export function isInSeries(row: SpendRow, series: SeriesId): boolean {
  return (series.provider === null || row.provider === series.provider) && memberOf(row, series.level) === series.key;
}

/** Stable text id of a series, e.g. `model|openai|gpt-4o` or `workspace|*|Search`. */
export function seriesKeyOf(series: SeriesId): string {
  return `${series.level}|${series.provider ?? '*'}|${series.key}`;
}

/**
 * The series rows feed: per provider at all three levels, and across providers for workspaces
 * (display names can be shared by workspaces of several providers) and models (a model name
 * served by several providers). Keys belong to one provider, so they are watched per provider only.
 */
export function seriesOfRow(row: SpendRow): SeriesId[] {
  const out: SeriesId[] = [
    { level: 'workspace', provider: row.provider, key: row.workspace },
    { level: 'model', provider: row.provider, key: row.model },
    { level: 'workspace', provider: null, key: row.workspace },
    { level: 'model', provider: null, key: row.model },
  ];
  if (row.apiKey !== null) out.push({ level: 'api_key', provider: row.provider, key: row.apiKey });
  return out;
}

/** Daily totals of one series, indexed by day offset from the window start. */
export type DailySeries = { id: SeriesId; label: string; cost: Money[]; volume: (Money | null)[] };

/**
 * The series `id` in `all`, created with zero days of `length` when new. A key's label is the
 * least of the labels its rows bring (a hint or name can change between days).
 */
export function seriesIn(all: Map<string, DailySeries>, id: SeriesId, label: string, length: number): DailySeries {
  const key = seriesKeyOf(id);
  const known = all.get(key);
  if (known) {
    if (label < known.label) known.label = label;
    return known;
  }
  const s: DailySeries = {
    id,
    label,
    cost: Array<Money>(length).fill(ZERO),
    volume: Array<Money | null>(length).fill(ZERO),
  };
  all.set(key, s);
  return s;
}

/** Day offsets: `dayIndex(start, day)`; rows are windowed to [start, start + length). */
export function dayIndex(start: Day, day: Day): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

/** The day at offset `i`. */
export const dayAt = (start: Day, i: number): Day => addDays(start, i);
