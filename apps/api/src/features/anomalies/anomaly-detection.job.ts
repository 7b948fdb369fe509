import { addDays, type Day, type DayRange, type ProviderId } from '@spendsync/domain';
import type { Sql } from '../../database/pg-pool';
import type { PubSub } from '../../pubsub/pubsub';
import { queueAnomalyDeliveries } from './anomaly-routes';
import { getAnomalyThresholds } from './anomaly-settings.service';
import { createAnomalyService, type StoredAnomaly } from './anomaly.service';
import { resolveVanished, upsertAnomalies, type JudgedRanges } from './anomaly-store';
import { ANOMALY_TOPICS, type AnomalyTopicMap } from './anomaly.topics';
import {
  daysToExplain,
  EPISODE_DAYS,
  explainFindings,
  findAnomalousDays,
  type DetectedAnomaly,
} from './detect-anomalies';
import { BASELINE_DAYS } from './spend-baseline';
import {
  loadKnownFrom,
  loadSettledSeries,
  loadSettledSpend,
  loadSettledThrough,
  type OrganizationSettlement,
} from './spend-rows.service';

/** Settled days re-judged after every sync: late corrections to these days add or resolve anomalies. */
export const REJUDGED_DAYS = 14;

/** What one detection pass did. */
export type AnomalyPassResult = { found: number; announced: number; resolved: number; deliveries: number };

/** What a sync run rewrote: its account's provider and window; those days are judged again too. */
export type RewrittenDays = { provider: ProviderId; days: DayRange };

/** The last 14 settled days, reaching back to the start of the days a run rewrote when it touched this scope. */
function judgedRange(end: Day, provider: ProviderId | null, rewritten: RewrittenDays | undefined): DayRange {
  const recent = addDays(end, -REJUDGED_DAYS);
  const touches =
    rewritten !== undefined && (provider === null || provider === rewritten.provider) && rewritten.days.start < recent;
  return { start: touches ? rewritten.days.start : recent, end };
}

function judgedRanges(settled: OrganizationSettlement, rewritten: RewrittenDays | undefined): JudgedRanges {
  const entries = Object.entries(settled.byProvider) as [ProviderId, Day][];
  if (entries.length === 0) return [];
  const across = entries.map(([, d]) => d).sort()[0]!;
  return [
    ...entries.map(([provider, end]) => ({ provider, range: judgedRange(end, provider, rewritten) })),
    ...(settled.isComplete ? [{ provider: null, range: judgedRange(across, null, rewritten) }] : []),
  ];
}

/** Days judged per pass: a pass holds its days' series totals, plus the history before them, in memory. */
export const SLICE_DAYS = 56;

/** One detection pass: the days it judges and the first day of spend it reads. */
export type DetectionSlice = { evaluate: DayRange; historyStart: Day };

/**
 * Splits the judged days into passes of {@link SLICE_DAYS}, so a year re-judged after a link sync
 * never holds a year of series totals at once. The first pass reads the baseline's 28 days before
 * it; each later one also reads the episode's 7 days before that, so a flag on those days keeps
 * suppressing its episode as it would have in one pass over the whole range (the answers are the
 * same as one pass's).
 */
export function detectionSlices(range: DayRange, sliceDays = SLICE_DAYS): DetectionSlice[] {
  const slices: DetectionSlice[] = [];
  for (let from = range.start; from < range.end; from = addDays(from, sliceDays)) {
    const to = addDays(from, sliceDays) < range.end ? addDays(from, sliceDays) : range.end;
    const reach = from === range.start ? BASELINE_DAYS : BASELINE_DAYS + EPISODE_DAYS;
    slices.push({ evaluate: { start: from, end: to }, historyStart: addDays(from, -reach) });
  }
  return slices;
}

/**
 * Runs after a sync commits: judges the organization's last 14 settled days of every series
 * (per provider, and across providers) against its thresholds, plus the settled days the run
 * rewrote (`rewritten`: a re-sync of old days, from the API or `spendsync sync --from/--to`),
 * stores what it finds once, resolves what a re-sync removed, and announces new ones on
 * `anomalyDetected` and to the channels routed to receive them (queued for the delivery worker).
 */
export async function runAnomalyDetection(
  db: Sql,
  pubsub: PubSub<AnomalyTopicMap>,
  organizationId: string,
  options: { rewritten?: RewrittenDays; now?: Date } = {},
): Promise<AnomalyPassResult> {
  const { rewritten } = options;
  const settled = await loadSettledThrough(db, organizationId);
  const judged = judgedRanges(settled, rewritten);
  if (judged.length === 0) return { found: 0, announced: 0, resolved: 0, deliveries: 0 };
  const start = judged.map((j) => j.range.start).sort()[0]!;
  const end = judged
    .map((j) => j.range.end)
    .sort()
    .at(-1)!;
  const context = {
    settledThrough: settled.byProvider,
    knownFrom: await loadKnownFrom(db, organizationId),
    thresholds: await getAnomalyThresholds(db, organizationId),
  };
  const found: DetectedAnomaly[] = [];
  for (const { historyStart, evaluate } of detectionSlices({ start, end })) {
    const series = await loadSettledSeries(db, organizationId, { start: historyStart, end: evaluate.end });
    const findings = findAnomalousDays({ series, historyStart, evaluate, ...context }).filter(({ s, d }) => {
      const day = addDays(historyStart, d);
      return judged.some((j) => j.provider === s.id.provider && day >= j.range.start && day < j.range.end);
    });
    if (findings.length === 0) continue;
    // Only the findings' rows are read, on their days, to name their drivers.
    const only = { days: daysToExplain(findings, historyStart), series: findings.map((f) => f.s.id) };
    const rows = await loadSettledSpend(db, organizationId, { start: historyStart, end: evaluate.end }, only);
    found.push(...explainFindings(findings, rows, historyStart));
  }
  const announced = await upsertAnomalies(db, organizationId, found);
  const resolved = await resolveVanished(db, organizationId, judged, found);
  const service = createAnomalyService(db);
  const fresh = (await Promise.all(announced.map((id) => service.get(organizationId, id)))).filter(
    (a): a is StoredAnomaly => a !== null,
  );
  const deliveries = await queueAnomalyDeliveries(db, organizationId, fresh, options.now ?? new Date());
  for (const anomalyId of announced) await pubsub.publish(ANOMALY_TOPICS.DETECTED, { organizationId, anomalyId });
  return { found: found.length, announced: announced.length, resolved, deliveries };
}
