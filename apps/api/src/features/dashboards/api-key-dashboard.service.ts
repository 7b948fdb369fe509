import { providers as providerDefinitions } from '@spendsync/adapters';
import { PROVIDER_IDS, type Day, type ProviderId } from '@spendsync/domain';
import type { DashboardFilter } from './dashboard-filter';
import type { ApiKeyDashboardRow, DashboardPage } from './dashboard-rows';
import { type DashboardDb, type DashboardQuery, type RawRow } from './dashboard-db';
import { DashboardQueryBuilder, changeSql, orderByClause, where } from './dashboard-query';
import { costFiguresOf, countOf, textOf } from './dashboard-values';
import { reportsCreditsSql } from './credit-capability';
import { LIGHT_RUNNING_SUMS, keyTotalsSql } from './key-totals';
import { searchedPage } from './search-matches';

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

/**
 * Keys the provider lists (the directory) that have no records in either period: idle candidates;
 * with `only`, a condition on the listed key `k`, those it holds.
 */
function directoryOnlyKeys(q: DashboardQueryBuilder, org: string, counting: string, only?: string): string {
  const conditions = [
    `k.organization_id = ${org}`,
    ...(only ? [only] : []),
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

/**
 * Sort fields that need the keys' names from their rows (`light` sums); the other sorts a ranking
 * holds (`RANKING_COLUMNS`: cost, change, use) choose the page's keys before any name is summed (`lean`).
 */
const NAMED_SORTS = new Set(['provider', 'hint', 'name', 'workspaceName']);

/** How the statement is read: a page of the dashboard (`page`), or every row (an export). */
export type ApiKeyQueryUse = 'page' | 'all';

/** The figures of a key row `a` (the per-key sums) as the dashboard shows them. */
function keyFigures(q: DashboardQueryBuilder, counting: string, a: string) {
  // No records in a period, at a provider that counts requests: zero requests, not unknown.
  const requestsOf = (column: string, inPeriod: string) =>
    `coalesce(${a}.${column}, CASE WHEN ${a}.${inPeriod} = 0 AND ${a}.provider = ANY(${counting}) THEN 0 END)`;
  return {
    credits: `CASE WHEN ${reportsCreditsSql(q, `${a}.provider`)} THEN ${a}.credits END`,
    requests: requestsOf('requests', 'current_records'),
    previousRequests: requestsOf('previous_requests', 'previous_records'),
  };
}

/** Which key rows `keyColumnsSql` and `keyRowsSql` make of the per-key sums. */
type KeyRowsOptions = {
  /** The listed keys without records too (`true`), or those a condition on the listed key `k` holds. */
  directory: boolean | { only: string };
  /**
   * Only these columns: each branch keeps only them, so PostgreSQL leaves out the directory's joins
   * where none of them reads it (a ranking by cost).
   */
  columns?: readonly string[];
  /**
   * Whether applications metered a key: read from `metered_keys` (every key metered in the period,
   * hashed once), or looked up per key through the metered usage's key and hint indexes (`probe`: for a page of keys).
   */
  metered?: 'metered_keys' | 'probe';
};

/**
 * The key rows of the per-key sums `sums` (a CTE), before the cost range and flags: names from the
 * directory, credits and requests as shown, and the listed keys without records as `options` asks.
 */
function keyColumnsSql(
  q: DashboardQueryBuilder,
  org: string,
  counting: string,
  sums: string,
  options: KeyRowsOptions,
): string {
  const { directory, columns } = options;
  const only = (branch: string) => (columns ? `SELECT ${columns.join(', ')} FROM (${branch}) b` : branch);
  const listed = directory && directoryOnlyKeys(q, org, counting, directory === true ? undefined : directory.only);
  return `${only(summedKeysSql(q, counting, sums))}
          ${listed ? `UNION ALL ${only(listed)}` : ''}`;
}

/** The keys with records: the per-key sums `sums`, named from the directory, figures as shown. */
function summedKeysSql(q: DashboardQueryBuilder, counting: string, sums: string): string {
  const figures = keyFigures(q, counting, 'agg');
  return `SELECT agg.provider_account_id, agg.external_id, agg.provider, k.id AS api_key_id, coalesce(k.hint, agg.hint) AS hint,
            coalesce(k.name, agg.name) AS name,
            -- the no-key row spans workspaces: it names none
            CASE WHEN agg.external_id IS NOT NULL THEN coalesce(k.workspace_external_id, agg.workspace_external_id) END AS workspace_external_id,
            CASE WHEN agg.external_id IS NOT NULL
              THEN coalesce(kw.display_name, kw.provider_name, agg.record_workspace_name, k.workspace_external_id, agg.workspace_external_id) END AS workspace_name,
            k.last_used_at, agg.cost, agg.previous_cost, ${figures.credits} AS credits,
            agg.input_tokens, agg.output_tokens, agg.cached_input_tokens,
            ${figures.requests} AS requests, ${figures.previousRequests} AS previous_requests,
            agg.last_active_day, ${q.unsettledAccount('agg.provider_account_id')} AS includes_provisional
          FROM ${sums} agg
          LEFT JOIN api_keys k ON k.provider_account_id = agg.provider_account_id AND k.external_id = agg.external_id
          -- names are joined after summing: once per key, not once per record
          LEFT JOIN workspaces kw ON kw.provider_account_id = agg.provider_account_id
            AND kw.external_id = coalesce(k.workspace_external_id, agg.workspace_external_id)`;
}

/**
 * The dashboard rows of the per-key sums `sums` (a CTE): `keyColumnsSql`'s rows in the cost range,
 * with the metered, uninstrumented and idle flags.
 */
function keyRowsSql(
  q: DashboardQueryBuilder,
  org: string,
  counting: string,
  sums: string,
  options: KeyRowsOptions,
): string {
  return `SELECT flagged.*, external_id IS NULL AS is_unattributed,
        -- the no-key row is not a key: it is never flagged
        external_id IS NOT NULL AND cost > 0 AND NOT has_metered_traffic AS is_uninstrumented,
        external_id IS NOT NULL AND requests IS NOT DISTINCT FROM 0 AS is_idle
      FROM (
        SELECT keys.*, cost - credits AS net,
          ${options.metered === 'probe' ? meteredProbeSql(q, org) : METERED_IN_LISTS} AS has_metered_traffic
        FROM (${keyColumnsSql(q, org, counting, sums, options)}) keys
        ${where(q.costRange('cost'))}) flagged`;
}

/** Whether `keys` (a key row) is in `metered_keys`: two uncorrelated IN lists, which PostgreSQL hashes once, rather than a lookup per key. */
const METERED_IN_LISTS = `(keys.api_key_id IN (SELECT api_key_id FROM metered_keys WHERE api_key_id IS NOT NULL)
            OR (keys.provider, keys.hint) IN (SELECT provider, api_key_hint FROM metered_keys WHERE api_key_id IS NULL AND api_key_hint IS NOT NULL))
            IS TRUE`;

/** `metered_keys`: every key (by id, or by provider and hint when the application named no id) metered in the current period. */
function meteredKeysCte(q: DashboardQueryBuilder, org: string): string {
  return `metered_keys AS MATERIALIZED (
      SELECT DISTINCT mu.api_key_id, mu.provider, mu.api_key_hint FROM metered_usage mu
      WHERE mu.organization_id = ${org} AND ${meteredInPeriod(q)})`;
}

const meteredInPeriod = (q: DashboardQueryBuilder) =>
  `mu.day >= ${q.add(q.window.current.start, 'date')} AND mu.day < ${q.add(q.window.current.end, 'date')}`;

/** Whether `keys` (a key row) was metered in the current period, as `metered_keys` tells, looked up for this key alone. */
function meteredProbeSql(q: DashboardQueryBuilder, org: string): string {
  const inPeriod = meteredInPeriod(q);
  return `(EXISTS (SELECT 1 FROM metered_usage mu WHERE mu.organization_id = ${org} AND mu.api_key_id = keys.api_key_id AND ${inPeriod})
            OR EXISTS (SELECT 1 FROM metered_usage mu WHERE mu.organization_id = ${org} AND mu.api_key_id IS NULL
              AND mu.provider = keys.provider AND mu.api_key_hint = keys.hint AND ${inPeriod}))`;
}

/**
 * The sorts a ranking on light sums holds exactly, each with the columns it reads (`SORTABLE`'s
 * expression) besides the row's account and key; PostgreSQL leaves out what they do not need (the
 * directory's joins for a sort by cost).
 */
const RANKING_COLUMNS: Record<string, readonly string[]> = {
  cost: ['cost'],
  previousCost: ['previous_cost'],
  costChange: ['cost', 'previous_cost'],
  lastUsedAt: ['last_used_at'],
  lastUsed: ['last_used_at', 'last_active_day'],
  lastActiveDay: ['last_active_day'],
  provider: ['provider'],
  hint: ['hint'],
  name: ['name'],
  workspaceName: ['workspace_name'],
};

/** Null-safe equality of two key rows' (account, key): the no-key row has no key id. */
const sameKey = (a: string, b: string) =>
  `${a}.provider_account_id = ${b}.provider_account_id AND (${a}.external_id IS NULL) = (${b}.external_id IS NULL)
        AND coalesce(${a}.external_id, '') = coalesce(${b}.external_id, '')`;

const TIE_BREAK = ['provider_account_id', 'external_id'];

/**
 * The API keys dashboard query (before paging): keys with records, plus listed keys without any.
 *
 * For a page (`use: 'page'`) read from the running totals and sorted by cost, change or use (or by
 * a name), the keys are first ranked (`ranked`) on light sums — cost and record counts
 * (`LIGHT_RUNNING_SUMS`; and names for a sort by one) — keeping only what the sort reads
 * (`RANKING_COLUMNS`), so a sort by cost or use joins none of the directory. The page's keys
 * (`page`) alone then get every figure from the running totals of those keys (`figures`, found
 * through the grain index), and every name and flag (`rows`, through the same `keyRowsSql`, the
 * metered flag looked up per key); the statement returns that page with the ranking's count
 * (`DashboardQuery.paged`). Summing a dozen figures, joining four names and reading the metered
 * flags for 5,000 keys was most of the statement; the count and the order are the ranking's, exact
 * for those sorts. Other sorts, searches, and exports (`use: 'all'`, every row) make every figure
 * of every key: ranked first, a scan's small result gained nothing.
 */
export function buildApiKeyDashboardQuery(
  organizationId: string,
  filter: DashboardFilter,
  today: Day,
  use: ApiKeyQueryUse = 'all',
): DashboardQuery {
  const q = new DashboardQueryBuilder(organizationId, filter, today);
  const org = q.add(organizationId, 'uuid');
  const counting = q.add(COUNTING_PROVIDERS, 'text[]');
  const sort = filter.sort?.field ?? 'cost';
  const ranks = use === 'page' && q.readsKeyRunningTotals() && Object.hasOwn(RANKING_COLUMNS, sort);
  // The running totals when they serve the filter (a search reads the search rollup's rows instead).
  const running = q.keyRunningTotals(ranks ? { sums: LIGHT_RUNNING_SUMS } : {});
  const sums = running
    ? keyTotalsSql(running, ranks ? (NAMED_SORTS.has(sort) ? 'light' : 'lean') : 'all')
    : scannedKeyTotals(q);
  if (!ranks) {
    const cte = `WITH agg AS (${sums}), ${meteredKeysCte(q, org)},
    rows AS (${keyRowsSql(q, org, counting, 'agg', { directory: true })})`;
    return q.query(cte, SORTABLE, 'cost', TIE_BREAK);
  }
  const orderBy = orderByClause(filter.sort, SORTABLE, 'cost', TIE_BREAK);
  const ranking = new Set(['provider_account_id', 'external_id', 'cost', ...RANKING_COLUMNS[sort]!]);
  // the running-total rows of the page's keys (and of any account's key with such an id, or without
  // one when the page has a no-key row: more rows, each summed exactly), found through the grain index
  const only = `(api_key_external_id = ANY(ARRAY(SELECT p.external_id FROM page p WHERE p.external_id IS NOT NULL))
        OR (api_key_external_id IS NULL AND EXISTS (SELECT 1 FROM page p WHERE p.external_id IS NULL)))`;
  const onPage = '(k.provider_account_id, k.external_id) IN (SELECT p.provider_account_id, p.external_id FROM page p)';
  const cte = `WITH agg AS (${sums}),
    ranked AS (
      SELECT * FROM (${keyColumnsSql(q, org, counting, 'agg', { directory: true, columns: [...ranking] })}) keys
      ${where(q.costRange('cost'))}),
    page AS MATERIALIZED (
      SELECT provider_account_id, external_id FROM ranked ${orderBy}
      LIMIT ${q.add(filter.limit, 'int')} OFFSET ${q.add(filter.offset, 'int')}),
    figures AS (${keyTotalsSql(q.keyRunningTotals({ only })!)}),
    -- the page's keys with every figure, name and flag (a listed key without records among them)
    rows AS (
      SELECT s.* FROM (${keyRowsSql(q, org, counting, 'figures', { directory: { only: onPage }, metered: 'probe' })}) s
      WHERE EXISTS (SELECT 1 FROM page p WHERE ${sameKey('p', 's')}))`;
  return {
    ...q.query(cte, SORTABLE, 'cost', TIE_BREAK),
    paged: { offset: filter.offset, limit: filter.limit, total: '(SELECT count(*) FROM ranked)' },
  };
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
  return searchedPage(
    db,
    organizationId,
    filter,
    (filter) => buildApiKeyDashboardQuery(organizationId, filter, today, 'page'),
    mapApiKeyDashboardRow,
    // which keys the term holds wholly: those are summed from the key rollup (`keySearchSql`)
    { keys: true },
  );
}
