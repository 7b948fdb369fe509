import { thresholdAmount, type BudgetThreshold } from '@spendsync/domain';
import type { BudgetStatus } from './budget-status';

/** The JSON event a channel receives when a threshold fires (no secret, no credential: budget facts only). */
export type AlertPayload = {
  type: 'budget.threshold_fired';
  id: string;
  organizationId: string;
  budget: { id: string; name: string; amount: string; measure: string; scope: BudgetStatus['budget']['scope'] };
  period: { start: string; end: string };
  threshold: { kind: BudgetThreshold['kind']; percent: number; amount: string };
  spent: string;
  forecast: string | null;
  forecastBasisDays: number;
  provisionalDays: number;
  firedAt: string;
};

/** Builds the event for one fired threshold. */
export function buildAlertPayload(
  eventId: string,
  status: BudgetStatus,
  threshold: BudgetThreshold,
  firedAt: Date,
): AlertPayload {
  const { budget, forecast } = status;
  return {
    type: 'budget.threshold_fired',
    id: eventId,
    organizationId: budget.organizationId,
    budget: {
      id: budget.id,
      name: budget.name,
      amount: budget.amount.toFixed(),
      measure: budget.measure,
      scope: budget.scope,
    },
    period: { start: status.period.start, end: status.period.end },
    threshold: {
      kind: threshold.kind,
      percent: threshold.percent,
      amount: thresholdAmount(budget.amount, threshold).toFixed(),
    },
    spent: forecast.spent.toFixed(),
    forecast: forecast.forecast?.toFixed() ?? null,
    forecastBasisDays: forecast.basisDays,
    provisionalDays: forecast.provisionalDays,
    firedAt: firedAt.toISOString(),
  };
}
