import {
  addDays,
  daysBetween,
  MIN_PERIOD_BASIS_DAYS,
  TRAILING_BASIS_DAYS,
  type Day,
  type DayRange,
  type ProviderId,
} from '@spendsync/domain';
import type { DashboardFilter } from '../dashboards/dashboard-filter';
import type { RecordSource } from '../dashboards/dashboard-query';

/** What a budget watches; empty lists mean "any". */
export type BudgetScope = {
  providers: readonly ProviderId[];
  accountIds: readonly string[];
  /** Display names (incl. mapped names across providers) or workspace ids, as the dashboards' filter takes them. */
  workspaces: readonly string[];
  apiKeyIds: readonly string[];
  models: readonly string[];
};

/**
 * The dashboards' filter for the parts of a scope the Overview filters by (providers,
 * workspaces) over `period`, so a budget reads exactly the records the Overview sums.
 */
export function scopeDashboardFilter(scope: BudgetScope, period: DayRange): DashboardFilter {
  return {
    providers: [...scope.providers],
    workspaces: [...scope.workspaces],
    period: { start: period.start, end: period.end },
    costMin: null,
    costMax: null,
    search: null,
    sort: null,
    offset: 0,
    limit: 1,
  };
}

/**
 * Key scopes read the per-key rollup, model scopes the workspace-model one, both together the
 * records. So do workspaces named by some of their records' names (`workspaceNamesDiffer`, as
 * `readWorkspaceNamesDiffer` tells for the scope's workspaces): the rollups keep one workspace name
 * per row, and only the records keep each one's own, as the Overview reads them then.
 */
export function sourceForScope(scope: BudgetScope, workspaceNamesDiffer = false): RecordSource {
  if (workspaceNamesDiffer && scope.workspaces.length > 0) return 'records';
  if (scope.apiKeyIds.length > 0) return scope.models.length > 0 ? 'records' : 'keys';
  return 'workspace-models';
}

/**
 * The days a budget evaluation reads: the period, plus the trailing window before it when the
 * forecast may need it (fewer than `MIN_PERIOD_BASIS_DAYS` settled days in the period so far;
 * the window ends at the earlier of the settled days' end and the period's start, see `forecastSpend`).
 */
export function evaluationDays(period: DayRange, settledBefore: Day | null, today: Day): DayRange {
  const elapsedEnd = today < period.start ? period.start : today > period.end ? period.end : today;
  const settledEnd = settledBefore === null ? period.start : settledBefore < elapsedEnd ? settledBefore : elapsedEnd;
  if (daysBetween(period.start, settledEnd) >= MIN_PERIOD_BASIS_DAYS) return period;
  const anchor = settledBefore !== null && settledBefore < period.start ? settledBefore : period.start;
  return { start: addDays(anchor, -TRAILING_BASIS_DAYS), end: period.end };
}
