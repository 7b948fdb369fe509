import type { AlertEventRecord } from './alert-event.service';
import type { BudgetStatus } from './budget-status';
import type { BudgetObject } from './budget.type';

/** A budget, its status and its alert events as the GraphQL object (`events` may hold other budgets' and periods'). */
export function toBudgetObject(status: BudgetStatus, events: readonly AlertEventRecord[]): BudgetObject {
  const { budget, forecast } = status;
  const custom = budget.period.kind === 'custom' ? budget.period : null;
  const highest = status.reached.reduce<number | null>(
    (max, t) => (max === null || t.percent > max ? t.percent : max),
    null,
  );
  return {
    id: budget.id,
    name: budget.name,
    amount: budget.amount,
    periodKind: budget.period.kind,
    customStart: custom?.start ?? null,
    customEnd: custom?.end ?? null,
    measure: budget.measure,
    scope: {
      ...budget.scope,
      providers: [...budget.scope.providers],
      accountIds: [...budget.scope.accountIds],
      workspaces: [...budget.scope.workspaces],
      apiKeyIds: [...budget.scope.apiKeyIds],
      models: [...budget.scope.models],
    },
    thresholds: budget.thresholds,
    status: {
      periodStart: status.period.start,
      periodEnd: status.period.end,
      spent: forecast.spent,
      forecast: forecast.forecast,
      percent: status.percent,
      forecastPercent: status.forecastPercent,
      forecastBasisDays: forecast.basisDays,
      provisionalDays: forecast.provisionalDays,
      daysLeft: forecast.daysLeft,
      reached: status.reached,
      highestPercentReached: highest,
      fired: events.filter((e) => e.budgetId === budget.id && e.periodStart === status.period.start),
    },
    createdAt: budget.createdAt,
    updatedAt: budget.updatedAt,
  };
}
