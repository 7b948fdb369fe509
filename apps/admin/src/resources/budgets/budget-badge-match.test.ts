import { describe, expect, it } from '@jest/globals';
import type { BudgetRow } from './budget-documents';
import { highestThresholdFor, isBudgetScopedTo, type BadgeTarget } from './budget-badge-match';

const scoped = (scope: Partial<BudgetRow['scope']>, highest: number | null = 100) =>
  ({
    scope: { providers: [], accountIds: [], workspaces: [], apiKeyIds: [], models: [], ...scope },
    status: { highestPercentReached: highest },
  }) as unknown as BudgetRow;

const account: BadgeTarget = { account: { id: 'acc-1', provider: 'aws-bedrock' } };
const web: BadgeTarget = { workspace: 'Web' };
const key: BadgeTarget = { apiKeyId: 'key-1' };
const model: BadgeTarget = { model: 'gpt-4o' };

describe('isBudgetScopedTo', () => {
  it.each<[string, Partial<BudgetRow['scope']>, BadgeTarget, boolean]>([
    ['the account itself', { accountIds: ['acc-1'] }, account, true],
    ['another account', { accountIds: ['acc-2'] }, account, false],
    ['its provider (enum name)', { providers: ['AWS_BEDROCK'] }, account, true],
    ['the whole organization is no row', {}, account, false],
    ['an account narrowed to a model is not the row', { accountIds: ['acc-1'], models: ['nova-pro'] }, account, false],
    ['the workspace name', { workspaces: ['Web'] }, web, true],
    ['a workspace of one provider is still that name', { providers: ['OPENAI'], workspaces: ['Web'] }, web, true],
    ['another workspace', { workspaces: ['ML'] }, web, false],
    ["the API key among the budget's keys", { apiKeyIds: ['key-1', 'key-2'] }, key, true],
    ['the key of one account', { accountIds: ['acc-1'], apiKeyIds: ['key-1'] }, key, true],
    ["a key narrowed to a model is not the key's row", { apiKeyIds: ['key-1'], models: ['gpt-4o'] }, key, false],
    ['another key', { apiKeyIds: ['key-2'] }, key, false],
    ['an account budget is no key row', { accountIds: ['acc-1'] }, key, false],
    ['the model', { models: ['gpt-4o'] }, model, true],
    ['the model of one provider', { providers: ['OPENAI'], models: ['gpt-4o'] }, model, true],
    ["a model narrowed to keys is not the model's row", { apiKeyIds: ['key-1'], models: ['gpt-4o'] }, model, false],
    ['another model', { models: ['claude-sonnet-4'] }, model, false],
  ])('returns for %s', (_name, scope, target, expected) => {
    expect(isBudgetScopedTo(scoped(scope), target)).toBe(expected);
  });
});

describe('highestThresholdFor', () => {
  it("returns the highest threshold reached among the row's budgets, null when none is reached", () => {
    expect(
      highestThresholdFor(
        [
          scoped({ workspaces: ['Web'] }, 80),
          scoped({ workspaces: ['Web'] }, 100),
          scoped({ workspaces: ['ML'] }, 200),
        ],
        web,
      ),
    ).toBe(100);
    expect(highestThresholdFor([scoped({ workspaces: ['Web'] }, null)], web)).toBeNull();
  });
});
