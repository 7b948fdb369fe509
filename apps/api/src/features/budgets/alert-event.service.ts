import type { Day } from '@spendsync/domain';
import { Money } from '@spendsync/domain';
import type pg from 'pg';
import { columnsOf, type RowOf } from '../../database/entity-row';
import type { BudgetAlertEvent } from './budget-alert-event.entity';

/** What the history shows of an event, in select order. */
const FIELDS = [
  'id',
  'budgetId',
  'periodStart',
  'periodEnd',
  'thresholdKind',
  'thresholdPercent',
  'budgetAmount',
  'spent',
  'forecast',
  'firedAt',
  'recoveredAt',
  'recoveredSpent',
] as const satisfies readonly (keyof BudgetAlertEvent)[];
type Field = (typeof FIELDS)[number];

/** A stored alert event, with its budget's name. */
export type AlertEventRecord = Pick<BudgetAlertEvent, Field> & { budgetName: string };

type Row = RowOf<BudgetAlertEvent, Field> & { budget_name: string };

const COLUMNS = columnsOf<BudgetAlertEvent>(
  FIELDS,
  {
    periodStart: 'text',
    periodEnd: 'text',
    budgetAmount: 'text',
    spent: 'text',
    forecast: 'text',
    recoveredSpent: 'text',
  },
  'e',
);

const money = (v: string | null) => (v === null ? null : new Money(v));

/** Alert history of an organization, filtered by budget and by the period start, newest first. */
export function createAlertEventService(pool: pg.Pool) {
  return {
    async list(
      organizationId: string,
      filter: { budgetId?: string | null; periodStart?: Day | null; limit?: number } = {},
    ): Promise<AlertEventRecord[]> {
      const { rows } = await pool.query<Row>(
        `SELECT ${COLUMNS}, b.name AS budget_name
         FROM budget_alert_events e JOIN budgets b ON b.id = e.budget_id
         WHERE e.organization_id = $1 AND ($2::uuid IS NULL OR e.budget_id = $2::uuid) AND ($3::date IS NULL OR e.period_start = $3::date)
         ORDER BY e.fired_at DESC, e.id LIMIT $4`,
        [organizationId, filter.budgetId ?? null, filter.periodStart ?? null, Math.min(filter.limit ?? 200, 1000)],
      );
      return rows.map((r) => ({
        id: r.id,
        budgetId: r.budget_id,
        budgetName: r.budget_name,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        thresholdKind: r.threshold_kind,
        thresholdPercent: r.threshold_percent,
        budgetAmount: new Money(r.budget_amount),
        spent: new Money(r.spent),
        forecast: money(r.forecast),
        firedAt: r.fired_at,
        recoveredAt: r.recovered_at,
        recoveredSpent: money(r.recovered_spent),
      }));
    },
  };
}

/** The alert event service. */
export type AlertEventService = ReturnType<typeof createAlertEventService>;
