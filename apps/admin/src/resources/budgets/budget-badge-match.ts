import type { BudgetRow } from './budget-documents';

/**
 * An Overview row a budget can be scoped to: a linked account (Providers tab), a workspace display
 * name (Workspaces tab), an API key (API Keys tab) or a model name (Models tab).
 */
export type BadgeTarget =
  { account: { id: string; provider: string } } | { workspace: string } | { apiKeyId: string } | { model: string };

const providerId = (value: string) => value.toLowerCase().replace('_', '-');

/** True when the budget's scope is that row: only that account (or its provider), that workspace name, that key or that model. */
export function isBudgetScopedTo(budget: Pick<BudgetRow, 'scope'>, target: BadgeTarget): boolean {
  const { scope } = budget;
  // A key's or a model's budget: that key (or model) among the budget's, and no narrower dimension of another kind.
  if ('apiKeyId' in target)
    return scope.models.length === 0 && scope.workspaces.length === 0 && scope.apiKeyIds.includes(target.apiKeyId);
  if ('model' in target)
    return scope.apiKeyIds.length === 0 && scope.workspaces.length === 0 && scope.models.includes(target.model);
  if (scope.apiKeyIds.length > 0 || scope.models.length > 0) return false;
  if ('account' in target) {
    if (scope.workspaces.length > 0) return false;
    if (scope.accountIds.length > 0) return scope.accountIds.includes(target.account.id);
    return scope.providers.length > 0 && scope.providers.map(providerId).includes(providerId(target.account.provider));
  }
  return scope.accountIds.length === 0 && scope.workspaces.includes(target.workspace);
}

/** The highest threshold reached by a budget scoped to the row, or null. */
export function highestThresholdFor(budgets: readonly BudgetRow[], target: BadgeTarget): number | null {
  let highest: number | null = null;
  for (const budget of budgets) {
    const reached = budget.status.highestPercentReached;
    if (reached !== null && isBudgetScopedTo(budget, target) && (highest === null || reached > highest))
      highest = reached;
  }
  return highest;
}
