import { Chip } from '@mui/material';
import { BUDGETS, type BudgetRow } from './budget-documents';
import { highestThresholdFor, type BadgeTarget } from './budget-badge-match';
import { progressColor } from './BudgetProgress';
import { useBudgetsQuery } from './useBudgetsApi';

/**
 * On an Overview row: a badge when a budget scoped to that row has reached a threshold (the
 * highest one shown). Reads the same budgets query as the Budgets screen; renders nothing otherwise.
 */
export function BudgetBadge(target: BadgeTarget) {
  const { data } = useBudgetsQuery<{ budgets: BudgetRow[] }>('list', BUDGETS);
  const highest = data ? highestThresholdFor(data.budgets, target) : null;
  if (highest === null) return null;
  return (
    <Chip
      size="small"
      label={`Budget ${highest} %`}
      data-testid="budget-badge"
      sx={{ ml: 1, color: 'white', bgcolor: progressColor(highest) }}
    />
  );
}
