import { providers as providerDefinitions } from '@spendsync/adapters';
import { PROVIDER_IDS, type Day, type ProviderId } from '@spendsync/domain';
import type { DashboardFilter } from './dashboard-filter';
import type { ApiKeyDashboardRow, DashboardPage } from './dashboard-rows';
import { runPage, type DashboardDb, type DashboardQuery, type RawRow } from './dashboard-db';
import { DashboardQueryBuilder, changeSql, where } from './dashboard-query';
import { costFiguresOf, countOf, textOf } from './dashboard-values';
import { reportsCreditsSql } from './credit-capability';
import { keyTotalsSql } from './key-totals';

const SORTABLE: Record<string, string> = {
  cost: 'cost',
  previousCost: 'previous_cost',
  costChange: changeSql('cost', 'previous_cost'),
  credits: 'credits',
  net: 'net',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  requests: 'requests',
  lastUsedAt: 'last_used_at',
  // What the Tokens and Last used columns show: input + output (null when neither is known), and the
  // provider's last use, else the last day with usage.
  tokens:
    'CASE WHEN input_tokens IS NOT NULL OR output_tokens IS NOT NULL THEN coalesce(input_tokens, 0) + coalesce(output_tokens, 0) END',
  lastUsed: "coalesce(last_used_at, last_active_day::timestamp AT TIME ZONE 'UTC')",
  lastActiveDay: 'last_active_day',
  provider: 'provider',
  hint: 'hint',
  name: 'name',
  workspaceName: 'workspace_name',
};

/** Why an account has spend with no key: the provider bills per account, or left these charges without one. */
export function unattributedNote(provider: ProviderId): string {
  const definition = providerDefinitions[provider];
  const label = definition?.label ?? provider;
  return definition?.capabilities.perKeyCost === false
    ? `${label} reports cost per account, not per API key.`
    : `Spend ${label} reported without an API key (account-level charges, fees, or usage it does not tie to a key).`;
}

/** Providers that report request counts: for them a key with no records in a period made 0 requests. */
const COUNTING_PROVIDERS = PROVIDER_IDS.filter((id) => providerDefinitions[id]?.capabilities.requestCounts);

const DIRECTORY_WORKSPACE_NAME = 'coalesce(kw.display_name, kw.provider_name, k.workspace_external_id)';

/** Keys the provider lists (the directory) that have no records in either period: idle candidates. */
function directoryOnlyKeys(q: DashboardQueryBuilder, org: string, counting: string): string {
  const conditions = [
    `k.organization_id = ${org}`,
    'NOT EXISTS (SELECT 1 FROM agg WHERE agg.provider_account_id = k.provider_account_id AND agg.external_id = k.external_id)',
    ...q.conditionsOn({
      provider: 'a.provider',
      workspaceName: DIRECTORY_WORKSPACE_NAME,
      workspaceId: 'kw.id',
      workspaceExternalId: 'k.workspace_external_id',
      keyHint: 'k.hint',
      model: null,
    }),
  ];
  const zeroRequests = `CASE WHEN a.provider = ANY(${counting}) THEN 0 END`;
  return `SELECT k.provider_account_id, k.external_id, a.provider, k.id AS api_key_id, k.hint, k.name, k.workspace_external_id,
      ${DIRECTORY_WORKSPACE_NAME} AS workspace_name, k.last_used_at, 0::numeric AS cost, 0::numeric AS previous_cost,
      CASE WHEN ${reportsCreditsSql(q, 'a.provider')} THEN 0::numeric END AS credits, NULL::numeric AS input_tokens, NULL::numeric AS output_tokens, NULL::numeric AS cached_input_tokens,
      ${zeroRequests} AS requests, ${zeroRequests} AS previous_requests, NULL::date AS last_active_day,
      ${q.unsettledAccount('k.provider_account_id')} AS includes_provisional
    FROM api_keys k
    JOIN provider_accounts a ON a.id = k.provider_account_id AND a.organization_id = k.organization_id
    LEFT JOIN workspaces kw ON kw.provider_account_id = k.provider_account_id AND kw.external_id = k.workspace_external_id
    ${where(conditions)}`;
}

/** The per-key sums (`agg`) as a scan of the window's key rows (the search rollup's, under a search). */
function scannedKeyTotals(q: DashboardQueryBuilder): string {
  const scope = q.scan('keys');
  const [cur, prev] = [scope.current, scope.previous];
  return `SELECT cr.provider_account_id, cr.api_key_external_id AS external_id, min(cr.provider) AS provider,
      max(cr.api_key_hint) AS hint, max(cr.api_key_name) AS name, min(cr.workspace_external_id) AS workspace_external_id,
      min(cr.workspace_name) AS record_workspace_name,
      coalesce(sum(cr.cost) FILTER (WHERE ${cur}), 0) AS cost, coalesce(sum(cr.cost) FILTER (WHERE ${prev}), 0) AS previous_cost,
      coalesce(sum(cr.credits_applied) FILTER (WHERE ${cur}), 0) AS credits,
      sum(cr.input_tokens) FILTER (WHERE ${cur}) AS input_tokens, sum(cr.output_tokens) FILTER (WHERE ${cur}) AS output_tokens,
      sum(cr.cached_input_tokens) FILTER (WHERE ${cur}) AS cached_input_tokens,
      sum(cr.requests) FILTER (WHERE ${cur}) AS requests, sum(cr.requests) FILTER (WHERE ${prev}) AS previous_requests,
      coalesce(sum(cr.records) FILTER (WHERE ${cur}), 0) AS current_records, coalesce(sum(cr.records) FILTER (WHERE ${prev}), 0) AS previous_records,
      max(cr.last_active_day) AS last_active_day
    ${scope.from}
    -- spend with no key is one row per account (external_id null), so the rows add up to the bill
    GROUP BY cr.provider_account_id, cr.api_key_external_id`;
}

/** The API keys dashboard query (before paging): keys with records, plus listed keys without any. */
export function buildApiKeyDashboardQuery(organizationId: string, filter: DashboardFilter, today: Day): DashboardQuery {
  const q = new DashboardQueryBuilder(organizationId, filter, today);
  const org = q.add(organizationId, 'uuid');
  const counting = q.add(COUNTING_PROVIDERS, 'text[]');
  // No records in a period, at a provider that counts requests: zero requests, not unknown.
  const requestsOf = (column: string, inPeriod: string) =>
    `coalesce(agg.${column}, CASE WHEN agg.${inPeriod} = 0 AND agg.provider = ANY(${counting}) THEN 0 END)`;
  // The running totals when they serve the filter (a search reads the search rollup's rows instead).
  const running = q.keyRunningTotals();
  const cte = `WITH agg AS (
      ${running ? keyTotalsSql(running) : scannedKeyTotals(q)}),
    keys AS (
      SELECT agg.provider_account_id, agg.external_id, agg.provider, k.id AS api_key_id, coalesce(k.hint, agg.hint) AS hint,
        coalesce(k.name, agg.name) AS name,
        -- the no-key row spans workspaces: it names none
        CASE WHEN agg.external_id IS NOT NULL THEN coalesce(k.workspace_external_id, agg.workspace_external_id) END AS workspace_external_id,
        CASE WHEN agg.external_id IS NOT NULL
          THEN coalesce(kw.display_name, kw.provider_name, agg.record_workspace_name, k.workspace_external_id, agg.workspace_external_id) END AS workspace_name,
        k.last_used_at, agg.cost, agg.previous_cost, CASE WHEN ${reportsCreditsSql(q, 'agg.provider')} THEN agg.credits END AS credits,
        agg.input_tokens, agg.output_tokens, agg.cached_input_tokens,
        ${requestsOf('requests', 'current_records')} AS requests, ${requestsOf('previous_requests', 'previous_records')} AS previous_requests,
        agg.last_active_day, ${q.unsettledAccount('agg.provider_account_id')} AS includes_provisional
      FROM agg
      LEFT JOIN api_keys k ON k.provider_account_id = agg.provider_account_id AND k.external_id = agg.external_id
      -- names are joined after summing: once per key, not once per record
      LEFT JOIN workspaces kw ON kw.provider_account_id = agg.provider_account_id
        AND kw.external_id = coalesce(k.workspace_external_id, agg.workspace_external_id)
      UNION ALL
      ${directoryOnlyKeys(q, org, counting)}),
    metered_keys AS MATERIALIZED (
      SELECT DISTINCT mu.api_key_id, mu.provider, mu.api_key_hint FROM metered_usage mu
      WHERE mu.organization_id = ${org} AND mu.day >= ${q.add(q.window.current.start, 'date')}
        AND mu.day < ${q.add(q.window.current.end, 'date')}),
    flagged AS (
      SELECT keys.*, cost - credits AS net,
        -- two uncorrelated IN lists, which PostgreSQL hashes once, rather than a lookup per key
        (keys.api_key_id IN (SELECT api_key_id FROM metered_keys WHERE api_key_id IS NOT NULL)
          OR (keys.provider, keys.hint) IN (SELECT provider, api_key_hint FROM metered_keys WHERE api_key_id IS NULL AND api_key_hint IS NOT NULL))
          IS TRUE AS has_metered_traffic
      FROM keys ${where(q.costRange('cost'))}),
    rows AS (
      SELECT flagged.*, external_id IS NULL AS is_unattributed,
        -- the no-key row is not a key: it is never flagged
        external_id IS NOT NULL AND cost > 0 AND NOT has_metered_traffic AS is_uninstrumented,
        external_id IS NOT NULL AND requests IS NOT DISTINCT FROM 0 AS is_idle FROM flagged)`;
  return q.query(cte, SORTABLE, 'cost', ['provider_account_id', 'external_id']);
}

/** A raw API keys row as the dashboard row, with the metered, uninstrumented and idle flags. */
export function mapApiKeyDashboardRow(raw: RawRow): ApiKeyDashboardRow {
  const requests = countOf(raw, 'requests');
  const provider = raw.provider as ProviderId;
  const isUnattributed = raw.is_unattributed === true;
  return {
    apiKeyId: textOf(raw, 'api_key_id'),
    externalId: textOf(raw, 'external_id'),
    providerAccountId: String(raw.provider_account_id),
    isUnattributed,
    note: isUnattributed ? unattributedNote(provider) : null,
    provider,
    hint: textOf(raw, 'hint'),
    name: textOf(raw, 'name'),
    workspaceExternalId: textOf(raw, 'workspace_external_id'),
    workspaceName: textOf(raw, 'workspace_name'),
    ...costFiguresOf(raw),
    includesProvisional: raw.includes_provisional === true,
    inputTokens: countOf(raw, 'input_tokens'),
    outputTokens: countOf(raw, 'output_tokens'),
    cachedInputTokens: countOf(raw, 'cached_input_tokens'),
    requests,
    previousRequests: countOf(raw, 'previous_requests'),
    lastUsedAt: (raw.last_used_at as Date | null) ?? null,
    lastActiveDay: textOf(raw, 'last_active_day'),
    hasMeteredTraffic: raw.has_metered_traffic === true,
    // Both flags are computed in SQL, so CSV exports read them without building the row.
    isUninstrumented: raw.is_uninstrumented === true,
    isIdle: raw.is_idle === true,
  };
}

/**
 * API keys dashboard: per key, cost and usage for the period and the one before, last use, and
 * whether applications metered it (uninstrumented: billed but never metered; idle: 0 requests).
 */
export async function queryApiKeyDashboard(
  db: DashboardDb,
  organizationId: string,
  filter: DashboardFilter,
  today: Day,
): Promise<DashboardPage<ApiKeyDashboardRow>> {
  const { rows, total } = await runPage(
    db,
    buildApiKeyDashboardQuery(organizationId, filter, today),
    filter,
    mapApiKeyDashboardRow,
  );
  return { rows, total };
}
