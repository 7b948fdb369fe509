import type { Day, Money } from '@spendsync/domain';
import type { DashboardDb } from '../dashboards/dashboard-db';
import type { DashboardSort } from '../dashboards/dashboard-filter';
import { DashboardInputError, type DashboardWindow } from '../dashboards/dashboard-query';
import { explainGap, type Reconciliation, type ReconciliationDay } from './explain-gap';
import {
  RECONCILIATION_SORT_FIELDS,
  type ReconciliationFilter,
  type ReconciliationSortField,
} from './reconciliation-filter';
import { loadReconciliationLines } from './reconciliation-query';

const EMPTY_SCOPE = { providerAccountIds: [], apiKeyIds: [], models: [] };

/** A reconciliation with the period it covers, its days in the filter's sort order. */
export type ReconciliationResult = Reconciliation & { window: DashboardWindow };

/** Days in the filter's order (default: by day, oldest first); ties by day, oldest first. */
export function sortDays(
  days: readonly ReconciliationDay[],
  sort: DashboardSort | null | undefined,
): ReconciliationDay[] {
  if (!sort) return [...days];
  const field = sort.field as ReconciliationSortField;
  if (!(RECONCILIATION_SORT_FIELDS as readonly string[]).includes(field)) {
    const fields = RECONCILIATION_SORT_FIELDS.join(', ');
    throw new DashboardInputError(`Cannot sort by "${sort.field}"; use one of: ${fields}`, 'sort.field');
  }
  const sign = sort.direction === 'asc' ? 1 : -1;
  const value = (d: ReconciliationDay): Money | Day => d[field];
  return [...days].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const order = typeof x === 'string' ? x.localeCompare(y as string) : x.cmp(y as Money);
    return order * sign || a.day.localeCompare(b.day);
  });
}

/**
 * Billed vs metered cost for the filter's period, the gap explained by cause (`explainGap`),
 * per day and in total. The filter's sort orders the days; its cost range and paging do not apply.
 */
export async function queryReconciliation(
  db: DashboardDb,
  organizationId: string,
  filter: ReconciliationFilter,
  today: Day,
): Promise<ReconciliationResult> {
  const lines = await loadReconciliationLines(db, organizationId, filter, today);
  const { filter: f, scope } = filter;
  const narrowed =
    f.providers.length > 0 ||
    f.workspaces.length > 0 ||
    Boolean(f.search) ||
    scope.providerAccountIds.length > 0 ||
    scope.apiKeyIds.length > 0 ||
    scope.models.length > 0;
  // Whether a key or model is metered at all is judged over the whole period, not the narrowed view.
  const period = narrowed
    ? await loadReconciliationLines(
        db,
        organizationId,
        { filter: { ...f, providers: [], workspaces: [], search: null }, scope: EMPTY_SCOPE },
        today,
      )
    : lines;
  const result = explainGap(lines.billed, lines.metered, period);
  return { ...result, days: sortDays(result.days, filter.filter.sort), window: lines.window };
}

/** Reconciliation over the API's pool, as resolvers and the CSV route reach it (through the services). */
export function createReconciliationService(db: DashboardDb) {
  return {
    /** See {@link queryReconciliation}. */
    query: (organizationId: string, filter: ReconciliationFilter, today: Day): Promise<ReconciliationResult> =>
      queryReconciliation(db, organizationId, filter, today),
  };
}
export type ReconciliationService = ReturnType<typeof createReconciliationService>;
