import { createHash } from 'node:crypto';
import {
  forecastSpend, isThresholdReached, Money, percentOf, settledBefore, budgetPeriodRange, type BudgetThreshold, type Day, type DayRange, type Forecast,
  type ProviderId,
} from '@spendsync/domain';
import type { Sql } from '../../database/pg-pool';
import { budgetDailySpendStatement, evaluationDays } from './budget-scope';
import type { BudgetRecord } from './budget.service';

/** What a budget needs to know about each account of its organization to tell settled days. */
export type AccountFacts = {
  id: string;
  provider: ProviderId;
  disconnected: boolean;
  dataCompleteThrough: Day | null;
  /** The first day with any stored record; null when none. */
  firstDay: Day | null;
};

/** The organization's accounts and which account each API key belongs to, read once per evaluation. */
export type OrganizationFacts = { accounts: AccountFacts[]; keyAccounts: Map<string, string> };

/** Reads {@link OrganizationFacts}. */
export async function loadOrganizationFacts(sql: Sql, organizationId: string): Promise<OrganizationFacts> {
  const accounts = await sql.query<{ id: string; provider: ProviderId; status: string; data_complete_through: Day | null; first_day: Day | null }>(
    `SELECT a.id, a.provider, a.status, a.data_complete_through::text,
       (SELECT min(r.day)::text FROM cost_rollup_workspace_models r WHERE r.provider_account_id = a.id) AS first_day
     FROM provider_accounts a WHERE a.organization_id = $1`, [organizationId]);
  const keys = await sql.query<{ id: string; provider_account_id: string }>('SELECT id, provider_account_id FROM api_keys WHERE organization_id = $1', [organizationId]);
  return {
    accounts: accounts.rows.map((a) => ({
      id: a.id, provider: a.provider, disconnected: a.status === 'disconnected', dataCompleteThrough: a.data_complete_through, firstDay: a.first_day,
    })),
    keyAccounts: new Map(keys.rows.map((k) => [k.id, k.provider_account_id])),
  };
}

/** The accounts whose records a budget's scope can include. */
export function accountsInScope(budget: Pick<BudgetRecord, 'scope'>, facts: OrganizationFacts): AccountFacts[] {
  const { scope } = budget;
  const keyAccounts = new Set(scope.apiKeyIds.map((id) => facts.keyAccounts.get(id)).filter((id): id is string => id !== undefined));
  return facts.accounts.filter((a) =>
    (scope.providers.length === 0 || scope.providers.includes(a.provider)) &&
    (scope.accountIds.length === 0 || scope.accountIds.includes(a.id)) &&
    (scope.apiKeyIds.length === 0 || keyAccounts.has(a.id)));
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

/**
 * Spend, forecast and reached thresholds of one budget on `today`. Spend is the dashboards' own
 * record scan (see `budgetDailySpendStatement`); settled days end at the earliest
 * `dataCompleteThrough` of the (connected) accounts in scope.
 */
export async function computeBudgetStatus(sql: Sql, budget: BudgetRecord, facts: OrganizationFacts, today: Day): Promise<BudgetStatus> {
  const period = budgetPeriodRange(budget.period, today);
  const accounts = accountsInScope(budget, facts).filter((a) => !a.disconnected);
  const settled = settledBefore(accounts.map((a) => a.dataCompleteThrough));
  const firstDays = accounts.map((a) => a.firstDay).filter((d): d is Day => d !== null).sort();
  const statement = budgetDailySpendStatement(budget.organizationId, budget.scope, budget.measure, evaluationDays(period, settled, today));
  // Budgets with the same kinds of scope share one statement text: a named (prepared) statement skips planning it again.
  const name = `budget-spend-${createHash('sha1').update(statement.text).digest('hex').slice(0, 16)}`;
  const { rows } = await sql.query<{ day: string; amount: string }>({ name, text: statement.text, values: statement.values });
  const dailySpend = new Map(rows.map((r) => [String(r.day), new Money(String(r.amount))]));
  const forecast = forecastSpend({ period, today, dailySpend, settledBefore: settled, firstDataDay: firstDays[0] ?? null });
  return {
    budget, period, forecast, settledBefore: settled,
    percent: percentOf(forecast.spent, budget.amount),
    forecastPercent: forecast.forecast === null ? null : percentOf(forecast.forecast, budget.amount),
    reached: budget.thresholds.filter((t) => isThresholdReached(t, budget.amount, forecast)),
  };
}
