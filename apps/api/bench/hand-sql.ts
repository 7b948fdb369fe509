import type { RecordSource } from '../src/features/dashboards/dashboard-sources';

/** The API keys template's per-key sums, scanning the window's rows. */
const SCANNED_KEYS = `      SELECT provider_account_id, api_key_external_id, min(provider) AS provider, min(workspace_external_id) AS workspace_external_id,
        min(workspace_name) AS workspace_name, max(api_key_hint) AS hint,
        coalesce(sum(cost) FILTER (WHERE day >= $3), 0) AS cost, coalesce(sum(cost) FILTER (WHERE day < $3), 0) AS previous_cost,
        coalesce(sum(credits_applied) FILTER (WHERE day >= $3), 0) AS credits,
        sum(requests) FILTER (WHERE day >= $3) AS requests, sum(requests) FILTER (WHERE day < $3) AS previous_requests,
        sum(input_tokens) FILTER (WHERE day >= $3) AS input_tokens, sum(output_tokens) FILTER (WHERE day >= $3) AS output_tokens,
        sum(cached_input_tokens) FILTER (WHERE day >= $3) AS cached_input_tokens, max(day) FILTER (WHERE {act}) AS last_active_day
      FROM {t} WHERE organization_id = $1 AND day >= $2 AND day < $4 AND api_key_external_id IS NOT NULL
      GROUP BY provider_account_id, api_key_external_id
`;

/** What the API keys template does with its per-key sums `c`: names, listed keys without records, metered flags, first page. */
const KEYS_TAIL = `metered AS MATERIALIZED (
      SELECT DISTINCT api_key_id, provider, api_key_hint FROM metered_usage WHERE organization_id = $1 AND day >= $3 AND day < $4
    ), all_keys AS (
      SELECT c.*, k.id AS key_id, k.name, k.last_used_at, coalesce(w.display_name, w.provider_name, c.workspace_name) AS workspace
      FROM c LEFT JOIN api_keys k ON k.provider_account_id = c.provider_account_id AND k.external_id = c.api_key_external_id
      LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = coalesce(k.workspace_external_id, c.workspace_external_id)
      UNION ALL
      SELECT k.provider_account_id, k.external_id, a.provider, k.workspace_external_id, NULL, k.hint, 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL,
        k.id, k.name, k.last_used_at, coalesce(w.display_name, w.provider_name, k.workspace_external_id)
      FROM api_keys k JOIN provider_accounts a ON a.id = k.provider_account_id
      LEFT JOIN workspaces w ON w.provider_account_id = k.provider_account_id AND w.external_id = k.workspace_external_id
      WHERE k.organization_id = $1 AND NOT EXISTS (SELECT 1 FROM c WHERE c.provider_account_id = k.provider_account_id AND c.api_key_external_id = k.external_id)
    )
    SELECT all_keys.*, (key_id IN (SELECT api_key_id FROM metered) OR (provider, hint) IN (SELECT provider, api_key_hint FROM metered WHERE api_key_id IS NULL)) AS metered,
      count(*) OVER () AS total
    FROM all_keys ORDER BY cost DESC, provider_account_id, api_key_external_id LIMIT 50`;

/**
 * The dashboards written by hand, one SQL statement each, computing the same figures as the
 * services (current and previous period, flags, names, members, first page of 50 by cost and
 * the total count; for Providers, the metered usage no key matched, per provider): the
 * yardstick the API is measured against. `{t}` is the table summed (cost_records or the rollup
 * the service reads), `{rt}` tokens of records with requests, `{act}` "any cost or usage". Parameters: $1 organization, $2 previous-period start, $3 current-period
 * start, $4 current-period end (exclusive).
 */
const TEMPLATES = {
  providers: `
    WITH m AS (
      -- metered usage by the account of its key; usage no key matched, per provider apart
      SELECT k.provider_account_id AS account, mu.provider,
        sum(mu.cost) FILTER (WHERE mu.day >= $3) AS metered, sum(mu.cost) FILTER (WHERE mu.day < $3) AS previous_metered
      FROM metered_usage mu LEFT JOIN api_keys k ON k.id = mu.api_key_id
      WHERE mu.organization_id = $1 AND mu.day >= $2 AND mu.day < $4 AND mu.cost IS NOT NULL GROUP BY 1, 2
    )
    SELECT a.id, a.provider, a.label, a.status, a.last_error, a.last_synced_at, a.data_complete_through,
      coalesce(c.spend, 0) AS spend, coalesce(c.previous_spend, 0) AS previous_spend, coalesce(c.credits, 0) AS credits,
      coalesce(c.previous_credits, 0) AS previous_credits, coalesce(ma.metered, 0) AS metered, coalesce(ma.previous_metered, 0) AS previous_metered,
      count(*) OVER () AS total,
      (SELECT json_agg(json_build_object('provider', provider, 'metered', metered::text) ORDER BY provider) FROM m WHERE account IS NULL) AS unattributed
    FROM provider_accounts a
    LEFT JOIN (
      SELECT provider_account_id, sum(cost) FILTER (WHERE day >= $3) AS spend, sum(cost) FILTER (WHERE day < $3) AS previous_spend,
        sum(credits_applied) FILTER (WHERE day >= $3) AS credits, sum(credits_applied) FILTER (WHERE day < $3) AS previous_credits
      FROM {t} WHERE organization_id = $1 AND day >= $2 AND day < $4 GROUP BY provider_account_id
    ) c ON c.provider_account_id = a.id
    LEFT JOIN (SELECT account, sum(metered) AS metered, sum(previous_metered) AS previous_metered FROM m GROUP BY 1) ma ON ma.account = a.id
    WHERE a.organization_id = $1
    ORDER BY spend DESC, a.id LIMIT 50`,
  models: `
    SELECT *, coalesce(cpm, cpu) = min(coalesce(cpm, cpu)) FILTER (WHERE cost > 0) OVER (PARTITION BY unit) AND cost > 0 AS most_efficient,
      count(*) OVER () AS total
    FROM (
      SELECT provider, model, unit, coalesce(sum(cost) FILTER (WHERE day >= $3), 0) AS cost, coalesce(sum(cost) FILTER (WHERE day < $3), 0) AS previous_cost,
        sum(credits_applied) FILTER (WHERE day >= $3) AS credits, sum(input_tokens) FILTER (WHERE day >= $3) AS input_tokens,
        sum(output_tokens) FILTER (WHERE day >= $3) AS output_tokens, sum(cached_input_tokens) FILTER (WHERE day >= $3) AS cached_input_tokens,
        sum(requests) FILTER (WHERE day >= $3) AS requests, sum({rt}) FILTER (WHERE day >= $3) AS request_tokens,
        sum(quantity) FILTER (WHERE day >= $3) AS quantity,
        sum_cost_mix(array_agg(mix) FILTER (WHERE day >= $3 AND mix IS NOT NULL AND unit IN ('images', 'image'))) AS mix,
        CASE WHEN unit IS NULL THEN sum(cost) FILTER (WHERE day >= $3) * 1000000
          / nullif(coalesce(sum(input_tokens) FILTER (WHERE day >= $3), 0) + coalesce(sum(output_tokens) FILTER (WHERE day >= $3), 0), 0) END AS cpm,
        CASE WHEN unit IS NOT NULL THEN sum(cost) FILTER (WHERE day >= $3) / nullif(sum(quantity) FILTER (WHERE day >= $3), 0) END AS cpu
      FROM {t} WHERE organization_id = $1 AND day >= $2 AND day < $4
      GROUP BY provider, model, unit
    ) m
    ORDER BY cost DESC, provider, model, unit LIMIT 50`,
  'api-keys': `
    WITH c AS (
${SCANNED_KEYS}    ), ${KEYS_TAIL}`,
  series: `
    SELECT t.day AS bucket, t.provider AS key, sum(t.cost) AS cost, sum(t.credits_applied) AS credits,
      bool_or(a.settled_through IS NULL OR t.day >= a.settled_through) AS provisional
    FROM {t} JOIN provider_accounts a ON a.id = t.provider_account_id
    WHERE t.organization_id = $1 AND $2::date IS NOT NULL AND t.day >= $3 AND t.day < $4
    GROUP BY 1, 2 ORDER BY 1, 2`,
  workspaces: `
    WITH c AS (
      SELECT provider_account_id, min(provider) AS provider, workspace_external_id, min(workspace_name) AS workspace_name,
        coalesce(sum(cost) FILTER (WHERE day >= $3), 0) AS cost, coalesce(sum(cost) FILTER (WHERE day < $3), 0) AS previous_cost,
        coalesce(sum(credits_applied) FILTER (WHERE day >= $3), 0) AS credits, coalesce(sum(credits_applied) FILTER (WHERE day < $3), 0) AS previous_credits,
        sum(input_tokens) FILTER (WHERE day >= $3) AS input_tokens, sum(output_tokens) FILTER (WHERE day >= $3) AS output_tokens,
        sum(requests) FILTER (WHERE day >= $3) AS requests
      FROM {t} WHERE organization_id = $1 AND day >= $2 AND day < $4
      GROUP BY provider_account_id, workspace_external_id
    )
    SELECT coalesce(w.display_name, w.provider_name, c.workspace_name, c.workspace_external_id) AS display_name,
      array_agg(DISTINCT c.provider) AS providers, sum(c.cost) AS cost, sum(c.previous_cost) AS previous_cost, sum(c.credits) AS credits,
      sum(c.previous_credits) AS previous_credits, sum(c.input_tokens) AS input_tokens, sum(c.output_tokens) AS output_tokens,
      CASE WHEN bool_and(c.requests IS NOT NULL) THEN sum(c.requests) END AS requests,
      jsonb_agg(jsonb_build_object('id', w.id, 'account', c.provider_account_id, 'externalId', c.workspace_external_id, 'cost', c.cost::text,
        'previousCost', c.previous_cost::text, 'net', (c.cost - c.credits)::text) ORDER BY c.cost DESC) AS members,
      count(*) OVER () AS total
    FROM c LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
    GROUP BY 1 ORDER BY cost DESC, 1 LIMIT 50`,
} as const;

/** A dashboard the benchmark measures. */
export type BenchQuery = keyof typeof TEMPLATES;

/** Which rollup holds each dashboard's sums (the services read the same ones). */
export const ROLLUP: Record<BenchQuery, Exclude<RecordSource, 'records' | 'search-days'>> = {
  providers: 'accounts',
  models: 'models',
  'api-keys': 'keys',
  workspaces: 'workspaces',
  series: 'accounts',
};

const RECORD_REQUEST_TOKENS = `CASE WHEN requests IS NOT NULL AND (input_tokens IS NOT NULL OR output_tokens IS NOT NULL)
  THEN coalesce(input_tokens, 0) + coalesce(output_tokens, 0) END`;
const RECORD_ACTIVE = '(cost <> 0 OR input_tokens > 0 OR output_tokens > 0 OR requests > 0 OR quantity > 0)';

/**
 * The hand-written statement over `cost_records`, or over the rollup the service reads: `rollup`
 * is its FROM item, holding only the window's days (the monthly rows of whole months, 7-day
 * blocks for keys, and the daily rows of the days left, as `sourceSql` builds it).
 */
export function handSql(query: BenchQuery, source: 'records' | { rollup: string }): string {
  const rollup = source !== 'records';
  return (
    TEMPLATES[query]
      .replaceAll('{t}', rollup ? source.rollup.replace(/ cr$/, ' t') : 'cost_records t')
      .replaceAll('{rt}', rollup ? 'request_tokens' : RECORD_REQUEST_TOKENS)
      .replaceAll('{act}', rollup ? 'last_active_day IS NOT NULL' : RECORD_ACTIVE)
      .replaceAll('max(day) FILTER (WHERE last_active_day IS NOT NULL)', 'max(last_active_day)')
      // the rollup's FROM item holds only the window's days already
      .replaceAll(rollup ? ' AND day >= $2 AND day < $4' : '\0', ' AND $2::date IS NOT NULL AND $4::date IS NOT NULL')
      .replaceAll(
        rollup ? ' AND t.day >= $3 AND t.day < $4' : '\0',
        ' AND $3::date IS NOT NULL AND $4::date IS NOT NULL',
      )
  );
}

/** The dashboards the benchmark measures, in order. */
export const BENCH_QUERIES = Object.keys(TEMPLATES) as BenchQuery[];

/**
 * The API keys dashboard by hand over the key rollup's running totals (what the service reads for
 * it where they pay): `from` is `keyRunningTotalsSql`'s FROM item, each row's figures signed for
 * each period.
 */
export function handKeysFromRunningTotals(from: string): string {
  const known = (period: string, column: string, days: string) =>
    `CASE WHEN sum(${period}_${days}) > 0 THEN sum(${period}_${column}) END`;
  return `
    WITH c AS (
      SELECT provider_account_id, api_key_external_id, min(provider) AS provider,
        min(workspace_external_id) FILTER (WHERE in_window) AS workspace_external_id,
        min(workspace_name) FILTER (WHERE in_window) AS workspace_name, max(api_key_hint) FILTER (WHERE in_window) AS hint,
        coalesce(sum(current_cost), 0) AS cost, coalesce(sum(previous_cost), 0) AS previous_cost,
        coalesce(sum(current_credits_applied), 0) AS credits,
        ${known('current', 'requests', 'request_days')} AS requests, ${known('previous', 'requests', 'request_days')} AS previous_requests,
        ${known('current', 'input_tokens', 'input_token_days')} AS input_tokens,
        ${known('current', 'output_tokens', 'output_token_days')} AS output_tokens,
        ${known('current', 'cached_input_tokens', 'cached_input_token_days')} AS cached_input_tokens,
        coalesce(max(current_last_active_day), max(previous_last_active_day)) AS last_active_day
      -- the window is in the FROM item; $2 is the previous period's start, which it holds
      FROM ${from.replace(/ cr$/, ' t')} WHERE api_key_external_id IS NOT NULL AND $2::date IS NOT NULL
      GROUP BY provider_account_id, api_key_external_id
      HAVING coalesce(sum(current_records), 0) + coalesce(sum(previous_records), 0) > 0
    ), ${KEYS_TAIL}`;
}
