import type { Day, ThresholdKind } from '@spendsync/domain';
import { Money } from '@spendsync/domain';
import type pg from 'pg';

/** A stored alert event. */
export type AlertEventRecord = {
  id: string; budgetId: string; budgetName: string; periodStart: Day; periodEnd: Day; thresholdKind: ThresholdKind; thresholdPercent: number;
  budgetAmount: Money; spent: Money; forecast: Money | null; firedAt: Date; recoveredAt: Date | null; recoveredSpent: Money | null;
};

const money = (v: string | null) => (v === null ? null : new Money(v));

/** Alert history of an organization, filtered by budget and by the period start, newest first. */
export function createAlertEventService(pool: pg.Pool) {
  return {
    async list(organizationId: string, filter: { budgetId?: string | null; periodStart?: Day | null; limit?: number } = {}): Promise<AlertEventRecord[]> {
      const { rows } = await pool.query(
        `SELECT e.*, e.period_start::text AS ps, e.period_end::text AS pe, e.budget_amount::text AS ba, e.spent::text AS sp, e.forecast::text AS fc,
           e.recovered_spent::text AS rs, b.name AS budget_name
         FROM budget_alert_events e JOIN budgets b ON b.id = e.budget_id
         WHERE e.organization_id = $1 AND ($2::uuid IS NULL OR e.budget_id = $2::uuid) AND ($3::date IS NULL OR e.period_start = $3::date)
         ORDER BY e.fired_at DESC, e.id LIMIT $4`,
        [organizationId, filter.budgetId ?? null, filter.periodStart ?? null, Math.min(filter.limit ?? 200, 1000)],
      );
      return rows.map((r) => ({
        id: r.id, budgetId: r.budget_id, budgetName: r.budget_name, periodStart: r.ps, periodEnd: r.pe, thresholdKind: r.threshold_kind,
        thresholdPercent: r.threshold_percent, budgetAmount: new Money(r.ba), spent: new Money(r.sp), forecast: money(r.fc), firedAt: r.fired_at,
        recoveredAt: r.recovered_at, recoveredSpent: money(r.rs),
      }));
    },
  };
}

/** The alert event service. */
export type AlertEventService = ReturnType<typeof createAlertEventService>;
