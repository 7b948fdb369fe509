import type { DayRange, ProviderId } from '@spendsync/domain';
import { columnsOf, type RowOf } from '../../database/entity-row';
import type { Sql } from '../../database/pg-pool';
import type { Anomaly } from './anomaly.entity';
import type { DetectedAnomaly } from './detect-anomalies';
import { seriesKeyOf } from './spend-series';

/** The columns an upsert writes, in the order of its VALUES. */
const UPSERT_COLUMNS = columnsOf<Anomaly>([
  'organizationId',
  'level',
  'provider',
  'seriesKey',
  'seriesLabel',
  'day',
  'kind',
  'severity',
  'expected',
  'actual',
  'delta',
  'changeKind',
  'drivers',
]);

const driverJson = (a: DetectedAnomaly) =>
  JSON.stringify(
    a.drivers.map((d) => ({
      dimension: d.dimension,
      key: d.key,
      label: d.label,
      amount: d.amount.toString(),
      share: d.share.toString(),
    })),
  );

/**
 * Stores detected anomalies once per (organization, level, provider scope, series, day, kind):
 * a re-sync updates the figures and drivers (and re-opens a resolved one). Returns the ids of the
 * rows that are new or re-opened, which are the ones to announce.
 */
export async function upsertAnomalies(
  db: Sql,
  organizationId: string,
  found: readonly DetectedAnomaly[],
): Promise<string[]> {
  const announced: string[] = [];
  for (const a of found) {
    const { rows } = await db.query<RowOf<Anomaly, 'id'> & { announce: boolean }>(
      `
      WITH prev AS (SELECT status FROM anomalies WHERE organization_id = $1 AND level = $2 AND provider IS NOT DISTINCT FROM $3
        AND series_key = $4 AND day = $6 AND kind = $7)
      INSERT INTO anomalies (${UPSERT_COLUMNS})
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (organization_id, level, provider, series_key, day, kind) DO UPDATE SET
        series_label = EXCLUDED.series_label, severity = EXCLUDED.severity, expected = EXCLUDED.expected, actual = EXCLUDED.actual,
        delta = EXCLUDED.delta, change_kind = EXCLUDED.change_kind, drivers = EXCLUDED.drivers, updated_at = now(),
        status = CASE WHEN anomalies.status = 'resolved' THEN 'open' ELSE anomalies.status END,
        resolved_at = NULL
      RETURNING id, coalesce((SELECT status = 'resolved' FROM prev), true) AS announce`,
      [
        organizationId,
        a.series.level,
        a.series.provider,
        a.series.key,
        a.label,
        a.day,
        a.kind,
        a.severity,
        a.expected.toString(),
        a.actual.toString(),
        a.delta.toString(),
        a.changeKind,
        driverJson(a),
      ],
    );
    if (rows[0]?.announce) announced.push(rows[0].id);
  }
  return announced;
}

/** Judged ranges: per provider scope (null = across providers), the days the detector looked at. */
export type JudgedRanges = { provider: ProviderId | null; range: DayRange }[];

/**
 * Resolves stored anomalies of the judged days that this detection no longer finds (a re-sync
 * removed the spike). Acknowledged ones are resolved too; their note stays.
 */
export async function resolveVanished(
  db: Sql,
  organizationId: string,
  judged: JudgedRanges,
  found: readonly DetectedAnomaly[],
): Promise<number> {
  const keep = found.map((a) => `${seriesKeyOf(a.series)}|${a.day}|${a.kind}`);
  let resolved = 0;
  for (const { provider, range } of judged) {
    const { rowCount } = await db.query(
      `UPDATE anomalies SET status = 'resolved', resolved_at = now(), updated_at = now()
      WHERE organization_id = $1 AND provider IS NOT DISTINCT FROM $2 AND day >= $3 AND day < $4 AND status <> 'resolved'
        AND NOT (level || '|' || coalesce(provider, '*') || '|' || series_key || '|' || day::text || '|' || kind = ANY($5::text[]))`,
      [organizationId, provider, range.start, range.end, keep],
    );
    resolved += rowCount ?? 0;
  }
  return resolved;
}
