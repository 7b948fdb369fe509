import { providers as providerDefinitions } from '@spendsync/adapters';
import { coverageRatio, percentChange, type Day, type Money, type ProviderId } from '@spendsync/domain';
import { accountAttention } from '../provider-accounts/account-attention';
import type { ProviderAccountStatus } from '../provider-accounts/provider-account.entity';
import type { DashboardFilter } from './dashboard-filter';
import type { DashboardPage, ProviderDashboardRow } from './dashboard-rows';
import { reportsCreditsSql } from './credit-capability';
import {
  queryRows,
  runPage,
  type DashboardDb,
  type DashboardQuery,
  type RawRow,
  type SqlStatement,
} from './dashboard-db';
import { DashboardQueryBuilder, changeSql, where } from './dashboard-query';
import { moneyOf, optionalMoneyOf, textOf } from './dashboard-values';
import { withSearchMatches } from './search-matches';

const SORTABLE: Record<string, string> = {
  spend: 'spend',
  previousSpend: 'previous_spend',
  spendChange: changeSql('spend', 'previous_spend'),
  credits: 'credits',
  net: 'net',
  previousNet: 'previous_net',
  netChange: changeSql('net', 'previous_net'),
  metered: 'metered',
  coverage: 'CASE WHEN spend > 0 THEN metered / spend END',
  provider: 'provider',
  label: 'label',
  status: 'status',
  lastSyncedAt: 'last_synced_at',
  dataCompleteThrough: 'data_complete_through',
};

/**
 * Metered usage per account: only reports matched to a synced key (by id or hint) belong to an
 * account. Reports that match no key name a provider, not an account, and are summed per provider
 * under a null account, shown apart (`unattributedMetered`) rather than given to some account.
 * The reports are summed per key, hint and model first: every filter condition is on those columns
 * (and the key's and workspace's, joined after), so it tests each combination once instead of every
 * day's report (a year's search tested 33,000 reports with an ILIKE each).
 */
function meteredCte(p: DashboardQueryBuilder, org: string): string {
  const window = p.window;
  const [current, prevStart, prevEnd, end] = [
    p.add(window.current.start, 'date'),
    p.add(window.previous.start, 'date'),
    p.add(window.previous.end, 'date'),
    p.add(window.current.end, 'date'),
  ];
  const conditions = p.conditionsOn({
    provider: 'mu.provider',
    workspaceName: 'coalesce(w.display_name, w.provider_name, k.workspace_external_id)',
    workspaceId: 'w.id',
    workspaceExternalId: 'k.workspace_external_id',
    keyHint: 'mu.api_key_hint',
    model: 'mu.model',
  });
  return `met AS (
      SELECT k.provider_account_id, mu.provider,
        coalesce(sum(mu.metered), 0) AS metered, coalesce(sum(mu.previous_metered), 0) AS previous_metered
      FROM (
        SELECT mu.organization_id, mu.api_key_id, mu.provider, mu.api_key_hint, mu.model,
          sum(mu.cost) FILTER (WHERE mu.day >= ${current}) AS metered,
          sum(mu.cost) FILTER (WHERE mu.day >= ${prevStart} AND mu.day < ${prevEnd}) AS previous_metered
        FROM metered_usage mu
        WHERE mu.organization_id = ${org} AND mu.day >= ${prevStart} AND mu.day < ${end} AND mu.cost IS NOT NULL
        GROUP BY mu.organization_id, mu.api_key_id, mu.provider, mu.api_key_hint, mu.model) mu
      LEFT JOIN api_keys k ON k.id = mu.api_key_id AND k.organization_id = mu.organization_id
      LEFT JOIN workspaces w ON w.provider_account_id = k.provider_account_id AND w.external_id = k.workspace_external_id
      ${where(conditions)}
      GROUP BY 1, 2)`;
}

/** Which money columns are null for a provider that does not report credits (credits, and net that depends on them). */
function creditColumns(p: DashboardQueryBuilder): string {
  const known = reportsCreditsSql(p, 'a.provider');
  return `CASE WHEN ${known} THEN coalesce(rec.credits, 0) END AS credits,
        CASE WHEN ${known} THEN coalesce(rec.previous_credits, 0) END AS previous_credits`;
}

/**
 * Refunds, discounts and the billing currency of the current period, read from the records
 * themselves (the rollups do not carry them) and only from rows that have any, so the scan stays
 * small. The billing amount is kept only when every row of the period's spend carried it.
 */
function adjustmentsCte(p: DashboardQueryBuilder): string {
  const scope = p.scan('records');
  return `adj AS (
      SELECT cr.provider_account_id,
        coalesce(sum(cr.refunds), 0) AS refunds, coalesce(sum(cr.discounts), 0) AS discounts,
        string_agg(DISTINCT cr.discount_kinds, ', ') AS discount_kinds,
        min(cr.billing_currency) AS billing_currency, count(DISTINCT cr.billing_currency) AS billing_currencies,
        sum(cr.billing_cost) AS billing_amount,
        coalesce(sum(cr.cost) FILTER (WHERE cr.billing_currency IS NOT NULL), 0) AS billed_spend
      ${scope.from} AND ${scope.current}
        AND (cr.refunds <> 0 OR cr.discounts <> 0 OR cr.billing_currency IS NOT NULL)
      GROUP BY cr.provider_account_id)`;
}

/** The Providers dashboard query (before paging). */
export function buildProviderDashboardQuery(
  organizationId: string,
  filter: DashboardFilter,
  today: Day,
): DashboardQuery {
  const p = new DashboardQueryBuilder(organizationId, filter, today);
  const window = p.window;
  const scope = p.scan('accounts');
  const org = p.add(organizationId, 'uuid');
  const met = meteredCte(p, org);
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
    ${adjustmentsCte(p)},
    base AS (
      SELECT a.id AS provider_account_id, a.provider, a.label, a.status, a.last_error, a.last_synced_at, a.data_complete_through,
        a.settled_through, (a.settled_through IS NULL OR a.settled_through < ${p.add(window.current.end, 'date')}) AS includes_provisional,
        a.credential_notice, a.sync_notice,
        coalesce(rec.spend, 0) AS spend, coalesce(rec.previous_spend, 0) AS previous_spend, ${creditColumns(p)},
        coalesce(met.metered, 0) AS metered, coalesce(met.previous_metered, 0) AS previous_metered,
        coalesce(adj.refunds, 0) AS refunds, coalesce(adj.discounts, 0) AS discounts, adj.discount_kinds,
        CASE WHEN adj.billing_currencies = 1 AND adj.billed_spend = coalesce(rec.spend, 0) THEN adj.billing_currency END AS billing_currency,
        CASE WHEN adj.billing_currencies = 1 AND adj.billed_spend = coalesce(rec.spend, 0) THEN adj.billing_amount END AS billing_amount
      FROM provider_accounts a
      LEFT JOIN rec ON rec.provider_account_id = a.id
      LEFT JOIN met ON met.provider_account_id = a.id
      LEFT JOIN adj ON adj.provider_account_id = a.id
      ${where(accountConditions)}),
    rows AS (
      SELECT base.*, spend - credits AS net, previous_spend - previous_credits AS previous_net FROM base
      ${where(p.costRange('spend'))})`;
  return p.query(cte, SORTABLE, 'spend', ['provider_account_id']);
}

/** The rows of `met` (`meteredCte`) with metered usage that matched no synced key, one per provider. */
const UNATTRIBUTED = 'FROM met WHERE provider_account_id IS NULL AND (metered <> 0 OR previous_metered <> 0)';

/** Metered usage that matched no synced key, per provider (the Providers filter's providers, workspaces and search apply). */
export function buildUnattributedMeteredQuery(
  organizationId: string,
  filter: DashboardFilter,
  today: Day,
): SqlStatement {
  const p = new DashboardQueryBuilder(organizationId, filter, today);
  const met = meteredCte(p, p.add(organizationId, 'uuid'));
  return {
    text: `WITH ${met} SELECT provider, metered, previous_metered ${UNATTRIBUTED} ORDER BY provider`,
    values: p.values,
  };
}

/**
 * A page of the Providers dashboard with the metered usage that matched no key on each row
 * (`unattributed_metered`, JSON, amounts as exact text): the page's own `met`, read once for both.
 */
export function buildProviderPageQuery(organizationId: string, filter: DashboardFilter, today: Day): DashboardQuery {
  return {
    ...buildProviderDashboardQuery(organizationId, filter, today),
    pageColumns: `(SELECT coalesce(json_agg(json_build_object('provider', provider, 'metered', metered::text,
        'previous_metered', previous_metered::text) ORDER BY provider), '[]'::json) ${UNATTRIBUTED}) AS unattributed_metered`,
  };
}

/** A raw Providers row as the dashboard row; changes and coverage are computed exactly here. */
export function mapProviderDashboardRow(raw: RawRow): ProviderDashboardRow {
  const [spend, previousSpend] = [moneyOf(raw, 'spend'), moneyOf(raw, 'previous_spend')];
  const [credits, previousCredits] = [optionalMoneyOf(raw, 'credits'), optionalMoneyOf(raw, 'previous_credits')];
  const [net, previousNet] = [optionalMoneyOf(raw, 'net'), optionalMoneyOf(raw, 'previous_net')];
  const [metered, previousMetered] = [moneyOf(raw, 'metered'), moneyOf(raw, 'previous_metered')];
  const provider = raw.provider as ProviderId;
  const status = raw.status as ProviderAccountStatus;
  return {
    providerAccountId: String(raw.provider_account_id),
    provider,
    label: String(raw.label),
    spend,
    previousSpend,
    spendChange: percentChange(spend, previousSpend),
    credits,
    previousCredits,
    creditsChange: percentChange(credits, previousCredits),
    net,
    previousNet,
    netChange: percentChange(net, previousNet),
    refunds: moneyOf(raw, 'refunds'),
    discounts: moneyOf(raw, 'discounts'),
    discountKinds: [...new Set((textOf(raw, 'discount_kinds') ?? '').split(', ').filter(Boolean))].sort(),
    billingCurrency: textOf(raw, 'billing_currency'),
    billingAmount: optionalMoneyOf(raw, 'billing_amount'),
    metered,
    previousMetered,
    meteredChange: percentChange(metered, previousMetered),
    coverage: coverageRatio(metered, spend),
    previousCoverage: coverageRatio(previousMetered, previousSpend),
    status,
    lastError: textOf(raw, 'last_error'),
    attention: accountAttention({
      provider,
      status,
      credentialNotice: textOf(raw, 'credential_notice'),
      syncNotice: textOf(raw, 'sync_notice'),
    }),
    lastSyncedAt: (raw.last_synced_at as Date | null) ?? null,
    dataCompleteThrough: textOf(raw, 'data_complete_through'),
    settledThrough: textOf(raw, 'settled_through'),
    includesProvisional: raw.includes_provisional === true,
    expectedDelayHours: providerDefinitions[provider]?.capabilities.dataDelayHours ?? 0,
  };
}

/** Metered spend no account can be credited with: reports for a provider that matched no synced key. */
export type UnattributedMetered = { provider: ProviderId; metered: Money; previousMetered: Money };

/**
 * Providers dashboard: one row per linked account of the organization with spend, credits, net
 * and metered spend for the period and the one before, coverage, connection state and freshness;
 * plus metered spend that matched no key, per provider.
 */
export async function queryProviderDashboard(
  db: DashboardDb,
  organizationId: string,
  filter: DashboardFilter,
  today: Day,
): Promise<DashboardPage<ProviderDashboardRow> & { unattributedMetered: UnattributedMetered[] }> {
  // One statement: the page carries the metered spend no key took (its metered sums are read once
  // for both); a page with no rows (no account, or past the end) reads it on its own.
  const { rows, total, unattributed } = await withSearchMatches(db, organizationId, filter, async (db, filter) => {
    const page = await runPage(
      db,
      buildProviderPageQuery(organizationId, filter, today),
      filter,
      mapProviderDashboardRow,
    );
    const carried = page.raw[0]?.unattributed_metered as RawRow[] | undefined;
    return {
      ...page,
      unattributed: carried ?? (await queryRows(db, buildUnattributedMeteredQuery(organizationId, filter, today))),
    };
  });
  return {
    rows,
    total,
    unattributedMetered: unattributed.map((raw) => ({
      provider: raw.provider as ProviderId,
      metered: moneyOf(raw, 'metered'),
      previousMetered: moneyOf(raw, 'previous_metered'),
    })),
  };
}
