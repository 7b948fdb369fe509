import {
  forecastSpend,
  isThresholdReached,
  Money,
  percentOf,
  settledBefore,
  budgetPeriodRange,
  type BudgetThreshold,
  type Day,
  type DayRange,
  type Forecast,
  type ProviderId,
} from '@spendsync/domain';
import type { Sql } from '../../database/pg-pool';
import type { RecordSource } from '../dashboards/dashboard-query';
import { readWorkspaceNamesDiffer } from '../dashboards/search-matches';
import { evaluationDays, sourceForScope } from './budget-scope';
import { comboInScope, loadSpendCombos, type SpendCombo } from './budget-spend-rows';
import { ExactSum } from './exact-sum';
import type { BudgetRecord } from './budget.service';

/** What a budget needs to know about each account of its organization to tell settled days. */
export type AccountFacts = {
  id: string;
  provider: ProviderId;
  disconnected: boolean;
  /**
   * Every day before this one is settled (`provider_accounts.settled_through`, kept by the sync
   * engine with domain `settledThrough`): the one rule dashboards and anomaly detection use too.
   */
  settledThrough: Day | null;
  /** The first day with any stored record; null when none. */
  firstDay: Day | null;
};

/** The organization's accounts and which account each API key belongs to, read once per evaluation. */
export type OrganizationFacts = {
  accounts: AccountFacts[];
  keyAccounts: Map<string, string>;
  /** API key id → `<account id>|<external id>`, as spend combinations name keys. */
  keyRefs: Map<string, string>;
};

/** Reads {@link OrganizationFacts}. */
export async function loadOrganizationFacts(sql: Sql, organizationId: string): Promise<OrganizationFacts> {
  const accounts = await sql.query<{
    id: string;
    provider: ProviderId;
    status: string;
    settled_through: Day | null;
    first_day: Day | null;
  }>(
    `SELECT a.id, a.provider, a.status, a.settled_through::text,
       (SELECT min(r.day)::text FROM cost_rollup_workspace_models r WHERE r.provider_account_id = a.id) AS first_day
     FROM provider_accounts a WHERE a.organization_id = $1`,
    [organizationId],
  );
  const keys = await sql.query<{ id: string; provider_account_id: string; external_id: string }>(
    'SELECT id, provider_account_id, external_id FROM api_keys WHERE organization_id = $1',
    [organizationId],
  );
  return {
    accounts: accounts.rows.map((a) => ({
      id: a.id,
      provider: a.provider,
      disconnected: a.status === 'disconnected',
      settledThrough: a.settled_through,
      firstDay: a.first_day,
    })),
    keyAccounts: new Map(keys.rows.map((k) => [k.id, k.provider_account_id])),
    keyRefs: new Map(keys.rows.map((k) => [k.id, `${k.provider_account_id}|${k.external_id}`])),
  };
}

/** The accounts whose records a budget's scope can include. */
export function accountsInScope(budget: Pick<BudgetRecord, 'scope'>, facts: OrganizationFacts): AccountFacts[] {
  const { scope } = budget;
  const keyAccounts = new Set(
    scope.apiKeyIds.map((id) => facts.keyAccounts.get(id)).filter((id): id is string => id !== undefined),
  );
  return facts.accounts.filter(
    (a) =>
      (scope.providers.length === 0 || scope.providers.includes(a.provider)) &&
      (scope.accountIds.length === 0 || scope.accountIds.includes(a.id)) &&
      (scope.apiKeyIds.length === 0 || keyAccounts.has(a.id)),
  );
}

/** A budget's state in its current period. */
export type BudgetStatus = {
  budget: BudgetRecord;
  period: DayRange;
  forecast: Forecast;
  /** Spent as a percentage of the amount. */
  percent: Money;
  /** The forecast as a percentage of the amount; null without a forecast. */
  forecastPercent: Money | null;
  /** Settled days are those before this day; null when none are. */
  settledBefore: Day | null;
  /** Thresholds reached now (forecast ones only when they may fire). */
  reached: BudgetThreshold[];
};

type Plan = {
  budget: BudgetRecord;
  period: DayRange;
  settled: Day | null;
  firstDataDay: Day | null;
  days: DayRange;
  source: RecordSource;
};

/**
 * The budgets whose scope names a workspace by a name only some of its records carry
 * (`readWorkspaceNamesDiffer`, once per set of names): they read the records (`sourceForScope`).
 */
async function workspaceNamesDiffer(sql: Sql, budgets: readonly BudgetRecord[]): Promise<Set<string>> {
  const asked = new Map<string, Promise<boolean>>();
  const differ = await Promise.all(
    budgets.map((budget) => {
      const { workspaces } = budget.scope;
      if (workspaces.length === 0) return false;
      const names = JSON.stringify([...workspaces].sort());
      if (!asked.has(names)) asked.set(names, readWorkspaceNamesDiffer(sql, budget.organizationId, workspaces));
      return asked.get(names)!;
    }),
  );
  return new Set(budgets.filter((_, i) => differ[i]).map((budget) => budget.id));
}

const union = (ranges: DayRange[]): DayRange => ({
  start: ranges.map((r) => r.start).sort()[0]!,
  end: ranges
    .map((r) => r.end)
    .sort()
    .at(-1)!,
});

/**
 * Spend, forecast and reached thresholds of many budgets on `today`, set-based: each record
 * source a scope needs (see `sourceForScope`) is read once for all the budgets using it (the
 * dashboards' own scan, summed per day and scope dimension, see `loadSpendCombos`); each budget
 * then sums the combinations in its scope exactly, shared between budgets with the same ones.
 * Settled days end at the earliest `settled_through` of the (connected) accounts in scope.
 */
export async function computeBudgetStatuses(
  sql: Sql,
  budgets: readonly BudgetRecord[],
  facts: OrganizationFacts,
  today: Day,
): Promise<BudgetStatus[]> {
  if (budgets.length === 0) return [];
  const namesDiffer = await workspaceNamesDiffer(sql, budgets);
  const plans: Plan[] = budgets.map((budget) => {
    const period = budgetPeriodRange(budget.period, today);
    const accounts = accountsInScope(budget, facts).filter((a) => !a.disconnected);
    const settled = settledBefore(accounts.map((a) => a.settledThrough));
    const firstDataDay =
      accounts
        .map((a) => a.firstDay)
        .filter((d): d is Day => d !== null)
        .sort()[0] ?? null;
    return {
      budget,
      period,
      settled,
      firstDataDay,
      days: evaluationDays(period, settled, today),
      source: sourceForScope(budget.scope, namesDiffer.has(budget.id)),
    };
  });
  // The sources are read side by side (each is one statement on its own connection).
  const combos = new Map<RecordSource, SpendCombo[]>(
    await Promise.all(
      [...new Set(plans.map((p) => p.source))].map(async (source) => {
        const using = plans.filter((p) => p.source === source);
        // only the keys some budget names, unless a budget reading this source names none (a workspace read by record name)
        const keyIds = using.every((p) => p.budget.scope.apiKeyIds.length > 0)
          ? [...new Set(using.flatMap((p) => p.budget.scope.apiKeyIds))]
          : null;
        return [
          source,
          await loadSpendCombos(sql, budgets[0]!.organizationId, source, union(using.map((p) => p.days)), keyIds),
        ] as const;
      }),
    ),
  );
  const exact = ExactSum.for([...combos.values()].flat().flatMap((c) => c.days.flatMap((d) => [d.cost, d.credits])));
  const daily = new Map<string, Map<Day, Money>>();
  return plans.map((plan) => {
    const { budget } = plan;
    const keys = new Set(
      budget.scope.apiKeyIds.map((id) => facts.keyRefs.get(id)).filter((k): k is string => k !== undefined),
    );
    const all = combos.get(plan.source)!;
    const matched = all.map((c, i) => (comboInScope(c, budget.scope, keys) ? i : -1)).filter((i) => i >= 0);
    // Budgets with the same source, measure and combinations share one set of daily sums.
    const id = `${plan.source}|${budget.measure}|${matched.join(',')}`;
    let sums = daily.get(id);
    if (!sums) {
      const units = new Map<Day, bigint>();
      for (const i of matched) {
        for (const d of all[i]!.days) {
          const amount = exact.toUnits(d.cost) - (budget.measure === 'net' ? exact.toUnits(d.credits) : 0n);
          units.set(d.day, (units.get(d.day) ?? 0n) + amount);
        }
      }
      sums = new Map([...units].map(([day, u]) => [day, new Money(exact.toText(u))]));
      daily.set(id, sums);
    }
    const dailySpend = new Map([...sums].filter(([day]) => day >= plan.days.start && day < plan.days.end));
    const forecast = forecastSpend({
      period: plan.period,
      today,
      dailySpend,
      settledBefore: plan.settled,
      firstDataDay: plan.firstDataDay,
    });
    return {
      budget,
      period: plan.period,
      forecast,
      settledBefore: plan.settled,
      percent: percentOf(forecast.spent, budget.amount),
      forecastPercent: forecast.forecast === null ? null : percentOf(forecast.forecast, budget.amount),
      reached: budget.thresholds.filter((t) => isThresholdReached(t, budget.amount, forecast)),
    };
  });
}
