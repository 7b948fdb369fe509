import { reportsCreditsSql } from '../dashboards/credit-capability';
import { addDays, daysBetween, MIN_PERIOD_BASIS_DAYS, TRAILING_BASIS_DAYS, type Day, type DayRange, type ProviderId } from '@spendsync/domain';
import type { DashboardFilter } from '../dashboards/dashboard-filter';
import { recordScope, type RecordSource } from '../dashboards/dashboard-scope';
import { SqlParams, type SqlStatement } from '../dashboards/dashboard-sql';
import type { BudgetMeasure } from './budget.entity';

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
    providers: [...scope.providers], workspaces: [...scope.workspaces], period: { start: period.start, end: period.end },
    costMin: null, costMax: null, search: null, sort: null, offset: 0, limit: 1,
  };
}

/** Key scopes read the per-key rollup, model scopes the workspace-model one, both together the records. */
function sourceForScope(scope: BudgetScope): RecordSource {
  if (scope.apiKeyIds.length > 0) return scope.models.length > 0 ? 'records' : 'keys';
  return 'workspace-models';
}

/**
 * Spend per day of a budget's scope over `days` (half-open): the dashboards' record scan
 * (`recordScope`, organization first) plus the conditions the Overview has no filter for
 * (accounts, API keys, models). Net is cost minus credits applied (credits not captured count as none).
 */
export function budgetDailySpendStatement(organizationId: string, scope: BudgetScope, measure: BudgetMeasure, days: DayRange): SqlStatement {
  const p = new SqlParams();
  const filter = scopeDashboardFilter(scope, days);
  const base = recordScope(p, organizationId, filter, { current: days, previous: { start: days.start, end: days.start }, basis: 'equal_length' }, sourceForScope(scope));
  // `current` is the period's lower bound here (the scan has no previous period); it also types its parameter.
  const conditions = [base.conditions, base.current];
  if (scope.accountIds.length > 0) conditions.push(`cr.provider_account_id = ANY(${p.add(scope.accountIds, 'uuid[]')})`);
  if (scope.models.length > 0) conditions.push(`cr.model = ANY(${p.add(scope.models, 'text[]')})`);
  if (scope.apiKeyIds.length > 0) {
    conditions.push(`(cr.provider_account_id, cr.api_key_external_id) IN (
      SELECT k.provider_account_id, k.external_id FROM api_keys k
      WHERE k.organization_id = ${p.add(organizationId, 'uuid')} AND k.id = ANY(${p.add(scope.apiKeyIds, 'uuid[]')}))`);
  }
  // Net subtracts credits only where the provider reports them, exactly as the Overview's net does
  // (elsewhere credits are not captured, and net is spend).
  const amount = measure === 'net'
    ? `cr.cost - CASE WHEN ${reportsCreditsSql(p, 'cr.provider')} THEN coalesce(cr.credits_applied, 0) ELSE 0 END`
    : 'cr.cost';
  return {
    text: `SELECT cr.day::text AS day, sum(${amount}) AS amount FROM ${base.tables} WHERE ${conditions.join(' AND ')} GROUP BY cr.day`,
    values: p.values,
  };
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
