import { addDays } from '@spendsync/domain';
import type { Sql } from '../../database/pg-pool';
import { badInput } from '../../errors';
import type { StoredAnomaly } from './anomaly.service';
import type { AnomalySeverity } from './detect-anomalies';

/** One channel that receives new anomalies at `minSeverity` or above. */
export type AnomalyRoute = { channelId: string; minSeverity: AnomalySeverity };

const SEVERITIES: readonly AnomalySeverity[] = ['medium', 'high', 'critical'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The organization's channels that receive anomalies (`notification_channels.anomaly_min_severity`). */
export async function listAnomalyRoutes(db: Sql, organizationId: string): Promise<AnomalyRoute[]> {
  const { rows } = await db.query<{ id: string; anomaly_min_severity: AnomalySeverity }>(
    `SELECT id, anomaly_min_severity FROM notification_channels
     WHERE organization_id = $1 AND anomaly_min_severity IS NOT NULL ORDER BY created_at, id`,
    [organizationId],
  );
  return rows.map((r) => ({ channelId: r.id, minSeverity: r.anomaly_min_severity }));
}

/**
 * Replaces the routes: exactly the channels listed receive anomalies afterwards. An unknown id,
 * another organization's channel or a repeated one is BAD_USER_INPUT naming `routes.<i>.channelId`,
 * and nothing changes (one statement). `dryRun` only validates.
 */
export async function setAnomalyRoutes(
  db: Sql,
  organizationId: string,
  routes: readonly AnomalyRoute[],
  options: { dryRun?: boolean } = {},
): Promise<AnomalyRoute[]> {
  const ids = routes.map((r) => r.channelId);
  const { rows } = await db.query<{ id: string }>(
    'SELECT id::text FROM notification_channels WHERE organization_id = $1 AND id::text = ANY($2::text[])',
    [organizationId, ids],
  );
  const known = new Set(rows.map((r) => r.id));
  routes.forEach((route, i) => {
    const field = `routes.${i}.channelId`;
    if (!UUID.test(route.channelId) || !known.has(route.channelId))
      throw badInput(field, `There is no notification channel ${route.channelId}.`);
    if (ids.indexOf(route.channelId) !== i) throw badInput(field, `Channel ${route.channelId} is listed twice.`);
    if (!SEVERITIES.includes(route.minSeverity))
      throw badInput(`routes.${i}.minSeverity`, 'minSeverity must be MEDIUM, HIGH or CRITICAL.');
  });
  if (options.dryRun) return [...routes];
  await db.query(
    `UPDATE notification_channels c SET anomaly_min_severity = r.severity, updated_at = now()
     FROM (SELECT c2.id, x.severity FROM notification_channels c2
           LEFT JOIN unnest($2::uuid[], $3::text[]) x(id, severity) ON x.id = c2.id WHERE c2.organization_id = $1) r
     WHERE c.id = r.id AND c.anomaly_min_severity IS DISTINCT FROM r.severity`,
    [organizationId, ids, routes.map((r) => r.minSeverity)],
  );
  return listAnomalyRoutes(db, organizationId);
}

/** The JSON event a channel receives for a new anomaly (no secrets: figures, labels, drivers). */
export function anomalyPayload(a: StoredAnomaly): Record<string, unknown> & { type: string } {
  return {
    type: 'anomaly.detected',
    anomaly: {
      id: a.id,
      level: a.level,
      provider: a.provider,
      seriesKey: a.seriesKey,
      seriesLabel: a.seriesLabel,
      day: a.day,
      kind: a.kind,
      severity: a.severity,
      expected: a.expected.toFixed(),
      actual: a.actual.toFixed(),
      delta: a.delta.toFixed(),
      changeKind: a.changeKind,
      drivers: a.drivers.map((d) => ({
        dimension: d.dimension,
        key: d.key,
        label: d.label,
        amount: d.amount.toFixed(),
        share: d.share.toFixed(),
      })),
    },
    // What the Slack/email link opens: the Overview on the anomaly's day, narrowed to its provider and workspace.
    scope: { providers: a.provider ? [a.provider] : [], workspaces: a.level === 'workspace' ? [a.seriesLabel] : [] },
    period: { start: a.day, end: addDays(a.day, 1) },
    detectedAt: a.detectedAt.toISOString(),
  };
}

/**
 * Queues one delivery per (new anomaly, channel routed at its severity or below) in the outbox the
 * delivery worker sends from (retries, attempt log). Returns how many were queued.
 */
export async function queueAnomalyDeliveries(
  db: Sql,
  organizationId: string,
  anomalies: readonly StoredAnomaly[],
  at: Date,
): Promise<number> {
  if (anomalies.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO notification_deliveries (organization_id, channel_id, event_type, payload, status, next_attempt_at)
     SELECT c.organization_id, c.id, 'anomaly.detected', e.payload, 'pending', $5
     FROM unnest($2::text[], $3::jsonb[]) e(severity, payload)
     JOIN notification_channels c ON c.organization_id = $1 AND c.anomaly_min_severity IS NOT NULL
       AND array_position($4::text[], e.severity) >= array_position($4::text[], c.anomaly_min_severity)`,
    [
      organizationId,
      anomalies.map((a) => a.severity),
      anomalies.map((a) => JSON.stringify(anomalyPayload(a))),
      SEVERITIES,
      at,
    ],
  );
  return rowCount ?? 0;
}
