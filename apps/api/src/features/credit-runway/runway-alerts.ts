import type pg from 'pg';
import { withTransaction } from '../../database/transaction';
import type { Logger } from '../../logger';
import type { CreditRunwayService, Runway } from './credit-runway.service';

/** The event type of a runway notification in the delivery outbox. */
export const RUNWAY_EVENT_TYPE = 'runway.below_threshold';

/** True when `runway` is under its threshold: it runs out (or has run out) sooner than `notifyUnderDays` days away. */
export function isUnderThreshold(runway: Runway): boolean {
  const { notifyUnderDays, forecast } = runway;
  if (notifyUnderDays === null || forecast.status === 'expired' || forecast.daysLeft === null) return false;
  return forecast.daysLeft < notifyUnderDays;
}

/** The JSON event a channel receives (figures and names only, no secrets). */
export function runwayPayload(runway: Runway, at: Date): Record<string, unknown> & { type: string } {
  const f = runway.forecast;
  return {
    type: RUNWAY_EVENT_TYPE,
    runway: {
      id: runway.id,
      kind: runway.kind,
      name: runway.name,
      provider: runway.provider,
      accountLabel: runway.accountLabel,
      remaining: f.remaining.toFixed(),
      asOf: f.asOf,
      daysLeft: f.daysLeft,
      runOutOn: f.expected.runOutOn,
      runOutEarliest: f.fastest.runOutOn,
      runOutLatest: f.slowest.runOutOn,
      dailyBurn: f.expected.dailyBurn.toFixed(),
      expiresOn: runway.expiresOn,
      leftAtExpiry: f.leftAtExpiry?.toFixed() ?? null,
    },
    thresholdDays: runway.notifyUnderDays,
    scope: { providers: [runway.provider], workspaces: [] },
    firedAt: at.toISOString(),
  };
}

/** What one evaluation did. */
export type RunwayAlertResult = { fired: string[]; recovered: string[] };

/**
 * Notifies when a runway falls under its "notify under N days": each runway's state row flips
 * from above to under in one statement, and only the evaluation whose update flipped it queues
 * the deliveries (same transaction, into the durable outbox), so each crossing notifies once,
 * however many processes evaluate. Going back above re-arms it.
 */
export function createRunwayAlerts(deps: {
  pool: pg.Pool;
  runways: CreditRunwayService;
  logger: Logger;
  now: () => Date;
  onDeliveriesQueued?: () => void;
}) {
  return {
    async evaluateOrganization(organizationId: string): Promise<RunwayAlertResult> {
      const runways = await deps.runways.list(organizationId);
      const at = deps.now();
      const result: RunwayAlertResult = { fired: [], recovered: [] };
      await withTransaction(deps.pool, async (client) => {
        for (const runway of runways) {
          const under = isUnderThreshold(runway);
          // A missing state is "above"; locking the row serializes evaluations of the same runway.
          await client.query(
            `INSERT INTO runway_alert_states (organization_id, subject, under, days_left, threshold_days, changed_at)
             VALUES ($1, $2, false, NULL, 0, $3) ON CONFLICT (organization_id, subject) DO NOTHING`,
            [organizationId, runway.id, at],
          );
          const { rows } = await client.query<{ under: boolean }>(
            'SELECT under FROM runway_alert_states WHERE organization_id = $1 AND subject = $2 FOR UPDATE',
            [organizationId, runway.id],
          );
          await client.query(
            `UPDATE runway_alert_states SET under = $3, days_left = $4, threshold_days = $5,
               changed_at = CASE WHEN under = $3 THEN changed_at ELSE $6 END
             WHERE organization_id = $1 AND subject = $2`,
            [organizationId, runway.id, under, runway.forecast.daysLeft, runway.notifyUnderDays ?? 0, at],
          );
          const previous = rows[0]?.under ?? false;
          if (under && !previous) {
            await client.query(
              `INSERT INTO notification_deliveries (organization_id, channel_id, event_type, payload, status,
                next_attempt_at)
               SELECT organization_id, id, $2, $3::jsonb, 'pending', $4 FROM notification_channels WHERE
                 organization_id = $1`,
              [organizationId, RUNWAY_EVENT_TYPE, JSON.stringify(runwayPayload(runway, at)), at],
            );
            result.fired.push(runway.id);
          } else if (!under && previous) result.recovered.push(runway.id);
        }
      });
      if (result.fired.length > 0) {
        deps.logger.info({ organizationId, fired: result.fired }, 'Runway notifications queued');
        deps.onDeliveriesQueued?.();
      }
      return result;
    },
  };
}

/** Runway notifications (see {@link createRunwayAlerts}). */
export type RunwayAlerts = ReturnType<typeof createRunwayAlerts>;
