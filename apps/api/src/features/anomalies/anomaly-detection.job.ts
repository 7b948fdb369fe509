import { addDays, type Day, type ProviderId } from '@spendsync/domain';
import type { Sql } from '../../database/pg-pool';
import type { PubSub } from '../../pubsub/pubsub';
import { getAnomalyThresholds } from './anomaly-settings.service';
import { resolveVanished, upsertAnomalies, type JudgedRanges } from './anomaly-store';
import { ANOMALY_TOPICS, type AnomalyTopicMap } from './anomaly.topics';
import { detectAnomalies } from './detect-anomalies';
import { BASELINE_DAYS } from './spend-baseline';
import { loadKnownFrom, loadSettledSpend, loadSettledThrough, type OrganizationSettlement } from './spend-rows.service';

/** Settled days re-judged after every sync: late corrections to these days add or resolve anomalies. */
export const REJUDGED_DAYS = 14;

/** What one detection pass did. */
export type AnomalyPassResult = { found: number; announced: number; resolved: number };

function judgedRanges(settled: OrganizationSettlement): JudgedRanges {
  const entries = Object.entries(settled.byProvider) as [ProviderId, Day][];
  if (entries.length === 0) return [];
  const across = entries.map(([, d]) => d).sort()[0]!;
  return [
    ...entries.map(([provider, end]) => ({ provider, range: { start: addDays(end, -REJUDGED_DAYS), end } })),
    ...(settled.isComplete ? [{ provider: null, range: { start: addDays(across, -REJUDGED_DAYS), end: across } }] : []),
  ];
}

/**
 * Runs after a sync commits: judges the organization's last 14 settled days of every series
 * (per provider, and across providers) against its thresholds, stores what it finds once,
 * resolves what a re-sync removed, and announces new ones on `anomalyDetected`.
 */
export async function runAnomalyDetection(db: Sql, pubsub: PubSub<AnomalyTopicMap>, organizationId: string): Promise<AnomalyPassResult> {
  const settled = await loadSettledThrough(db, organizationId);
  const judged = judgedRanges(settled);
  if (judged.length === 0) return { found: 0, announced: 0, resolved: 0 };
  const start = judged.map((j) => j.range.start).sort()[0]!;
  const end = judged.map((j) => j.range.end).sort().at(-1)!;
  const historyStart = addDays(start, -BASELINE_DAYS);
  const rows = await loadSettledSpend(db, organizationId, historyStart);
  const found = detectAnomalies({
    rows, historyStart, evaluate: { start, end }, settledThrough: settled.byProvider, knownFrom: await loadKnownFrom(db, organizationId), thresholds: await getAnomalyThresholds(db, organizationId),
  }).filter((a) => judged.some((j) => j.provider === a.series.provider && a.day >= j.range.start && a.day < j.range.end));
  const announced = await upsertAnomalies(db, organizationId, found);
  const resolved = await resolveVanished(db, organizationId, judged, found);
  for (const anomalyId of announced) await pubsub.publish(ANOMALY_TOPICS.DETECTED, { organizationId, anomalyId });
  return { found: found.length, announced: announced.length, resolved };
}
