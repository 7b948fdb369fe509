import { providers as providerDefinitions } from '@spendsync/adapters';
import { coverageRatio, percentChange, type Day, type ProviderId } from '@spendsync/domain';
import type { ProviderAccountStatus } from '../provider-accounts/provider-account.entity';
import type { DashboardFilter } from './dashboard-filter';
import type { DashboardPage, ProviderDashboardRow } from './dashboard-rows';
import { dashboardWindow, filterConditions, recordScope, sourceFor } from './dashboard-scope';
import {
  SqlParams, changeSql, costRangeConditions, orderByClause, runPage, where, type DashboardDb, type DashboardQuery, type RawRow,
} from './dashboard-sql';
import { moneyOf, textOf } from './dashboard-values';

const SORTABLE: Record<string, string> = {
  spend: 'spend', previousSpend: 'previous_spend', spendChange: changeSql('spend', 'previous_spend'),
  credits: 'credits', net: 'net', previousNet: 'previous_net', netChange: changeSql('net', 'previous_net'),
  metered: 'metered', coverage: 'CASE WHEN spend > 0 THEN metered / spend END',
  provider: 'provider', label: 'label', status: 'status', lastSyncedAt: 'last_synced_at', dataCompleteThrough: 'data_complete_through',
};

/**
 * Metered usage per account: reports tied to a key count for the key's account; the rest go to
 * the provider's first-linked account (metered usage names a provider, not an account).
 */
function meteredCte(p: SqlParams, org: string, filter: DashboardFilter, current: string, prevStart: string, end: string): string {
  const conditions = [
    `mu.organization_id = ${org}`, `mu.day >= ${prevStart}`, `mu.day < ${end}`, 'mu.cost IS NOT NULL',
    ...filterConditions(p, filter, {
      provider: 'mu.provider', workspaceName: 'coalesce(w.display_name, w.provider_name, k.workspace_external_id)', workspaceId: 'w.id',
      workspaceExternalId: 'k.workspace_external_id', keyHint: 'mu.api_key_hint', model: 'mu.model',
    }),
  ];
  return `first_account AS (
      SELECT DISTINCT ON (provider) provider, id FROM provider_accounts WHERE organization_id = ${org} ORDER BY provider, created_at, id),
    met AS (
      SELECT coalesce(k.provider_account_id, fa.id) AS provider_account_id,
        coalesce(sum(mu.cost) FILTER (WHERE mu.day >= ${current}), 0) AS metered,
        coalesce(sum(mu.cost) FILTER (WHERE mu.day < ${current}), 0) AS previous_metered
      FROM metered_usage mu
      LEFT JOIN api_keys k ON k.id = mu.api_key_id AND k.organization_id = mu.organization_id
      LEFT JOIN workspaces w ON w.provider_account_id = k.provider_account_id AND w.external_id = k.workspace_external_id
      LEFT JOIN first_account fa ON fa.provider = mu.provider
      ${where(conditions)}
      GROUP BY 1)`;
}

/** The Providers dashboard query (before paging). */
export function buildProviderDashboardQuery(organizationId: string, filter: DashboardFilter, today: Day): DashboardQuery {
  const window = dashboardWindow(filter, today);
  const p = new SqlParams();
  const scope = recordScope(p, organizationId, filter, window, sourceFor(filter, 'workspace-models'));
  const org = p.add(organizationId, 'uuid');
  const met = meteredCte(p, org, filter, p.add(window.current.start, 'date'), p.add(window.previous.start, 'date'), p.add(window.current.end, 'date'));
  // With a workspace or search filter, only accounts with matching data are rows.
  const narrowed = filter.workspaces.length > 0 || Boolean(filter.search);
  const accountConditions = [
    `a.organization_id = ${org}`,
    ...(filter.providers.length > 0 ? [`a.provider = ANY(${p.add(filter.providers, 'text[]')})`] : []),
    ...(narrowed ? ['(rec.provider_account_id IS NOT NULL OR met.provider_account_id IS NOT NULL)'] : []),
  ];
  const cte = `WITH rec AS (
      SELECT cr.provider_account_id,
        coalesce(sum(cr.cost) FILTER (WHERE ${scope.current}), 0) AS spend,
        coalesce(sum(cr.cost) FILTER (WHERE ${scope.previous}), 0) AS previous_spend,
        coalesce(sum(cr.credits_applied) FILTER (WHERE ${scope.current}), 0) AS credits,
        coalesce(sum(cr.credits_applied) FILTER (WHERE ${scope.previous}), 0) AS previous_credits
      ${scope.from}
      GROUP BY cr.provider_account_id),
    ${met},
    base AS (
      SELECT a.id AS provider_account_id, a.provider, a.label, a.status, a.last_error, a.last_synced_at, a.data_complete_through,
        a.settled_through, (a.settled_through IS NULL OR a.settled_through < ${p.add(window.current.end, 'date')}) AS includes_provisional,
        coalesce(rec.spend, 0) AS spend, coalesce(rec.previous_spend, 0) AS previous_spend,
        coalesce(rec.credits, 0) AS credits, coalesce(rec.previous_credits, 0) AS previous_credits,
        coalesce(met.metered, 0) AS metered, coalesce(met.previous_metered, 0) AS previous_metered
      FROM provider_accounts a
      LEFT JOIN rec ON rec.provider_account_id = a.id
      LEFT JOIN met ON met.provider_account_id = a.id
      ${where(accountConditions)}),
    rows AS (
      SELECT base.*, spend - credits AS net, previous_spend - previous_credits AS previous_net FROM base
      ${where(costRangeConditions(p, 'spend', filter.costMin, filter.costMax))})`;
  return { cte, orderBy: orderByClause(filter.sort, SORTABLE, 'spend', ['provider_account_id']), values: p.values };
}

/** A raw Providers row as the dashboard row; changes and coverage are computed exactly here. */
export function mapProviderDashboardRow(raw: RawRow): ProviderDashboardRow {
  const [spend, previousSpend] = [moneyOf(raw, 'spend'), moneyOf(raw, 'previous_spend')];
  const [credits, previousCredits] = [moneyOf(raw, 'credits'), moneyOf(raw, 'previous_credits')];
  const [net, previousNet] = [moneyOf(raw, 'net'), moneyOf(raw, 'previous_net')];
  const [metered, previousMetered] = [moneyOf(raw, 'metered'), moneyOf(raw, 'previous_metered')];
  const provider = raw.provider as ProviderId;
  return {
    providerAccountId: String(raw.provider_account_id), provider, label: String(raw.label),
    spend, previousSpend, spendChange: percentChange(spend, previousSpend),
    credits, previousCredits, creditsChange: percentChange(credits, previousCredits),
    net, previousNet, netChange: percentChange(net, previousNet),
    metered, previousMetered, meteredChange: percentChange(metered, previousMetered),
    coverage: coverageRatio(metered, spend), previousCoverage: coverageRatio(previousMetered, previousSpend),
    status: raw.status as ProviderAccountStatus,
    lastError: textOf(raw, 'last_error'),
    lastSyncedAt: (raw.last_synced_at as Date | null) ?? null,
    dataCompleteThrough: textOf(raw, 'data_complete_through'),
    settledThrough: textOf(raw, 'settled_through'),
    includesProvisional: raw.includes_provisional === true,
    expectedDelayHours: providerDefinitions[provider]?.capabilities.dataDelayHours ?? 0,
  };
}

/**
 * Providers dashboard: one row per linked account of the organization with spend, credits, net
 * and metered spend for the period and the one before, coverage, connection state and freshness.
 */
export async function queryProviderDashboard(
  db: DashboardDb, organizationId: string, filter: DashboardFilter, today: Day,
): Promise<DashboardPage<ProviderDashboardRow>> {
  const { rows, total } = await runPage(db, buildProviderDashboardQuery(organizationId, filter, today), filter, mapProviderDashboardRow);
  return { rows, total };
}
