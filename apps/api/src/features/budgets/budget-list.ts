import { Money } from '@spendsync/domain';
import { ApiError } from '../../errors';
import type { BudgetObject } from './budget.type';

/** Fields the budget list (and its CSV) sorts by. */
export const BUDGET_SORT_FIELDS = [
  'name',
  'amount',
  'spent',
  'percent',
  'forecast',
  'forecastPercent',
  'periodEnd',
] as const;
export type BudgetSortField = (typeof BUDGET_SORT_FIELDS)[number];

/** The list's filter: a case-insensitive part of the name, and a sort (default name ascending). */
export type BudgetListOptions = {
  search?: string | null;
  sort?: { field: string; direction?: 'asc' | 'desc' | null } | null;
};

const value = (b: BudgetObject, field: BudgetSortField): string | Money | null => {
  switch (field) {
    case 'name':
      return b.name.toLowerCase();
    case 'amount':
      return b.amount;
    case 'spent':
      return b.status.spent;
    case 'percent':
      return b.status.percent;
    case 'forecast':
      return b.status.forecast;
    case 'forecastPercent':
      return b.status.forecastPercent;
    case 'periodEnd':
      return b.status.periodEnd;
  }
};

function compare(a: string | Money | null, b: string | Money | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === 'string' ? a.localeCompare(b as string) : a.comparedTo(b as Money);
}

/** Filters and sorts budgets (nulls last either way, ties by id); BAD_USER_INPUT for an unknown sort field. */
export function listBudgets(budgets: readonly BudgetObject[], options: BudgetListOptions = {}): BudgetObject[] {
  const field = (options.sort?.field ?? 'name') as BudgetSortField;
  if (!BUDGET_SORT_FIELDS.includes(field)) {
    throw new ApiError('BAD_USER_INPUT', `Cannot sort by "${field}"; use one of: ${BUDGET_SORT_FIELDS.join(', ')}`, {
      field: 'sort.field',
    });
  }
  const sign = (options.sort?.direction ?? 'asc') === 'desc' ? -1 : 1;
  const search = options.search?.trim().toLowerCase();
  return budgets
    .filter((b) => !search || b.name.toLowerCase().includes(search))
    .sort((x, y) => {
      const [a, b] = [value(x, field), value(y, field)];
      const nulls = a === null || b === null ? compare(a, b) : 0;
      return nulls || sign * compare(a, b) || x.id.localeCompare(y.id);
    });
}
