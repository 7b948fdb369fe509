/**
 * The dashboards written by hand as single SQL statements over cost_records, the yardstick the
 * services are measured against (see {@link handSqlOverRollups} for the same over the rollups). Parameters: $1 organization, $2 previous-period start, $3 current-period
 * start, $4 current-period end (exclusive). Each returns the first page of 50 by cost with the
 * total count, like the service with the default filter.
 */
export const HAND_SQL = {
  providers: `
    SELECT a.id, a.provider, a.label, a.status, a.last_error, a.last_synced_at, a.data_complete_through,
      coalesce(c.spend, 0) AS spend, coalesce(c.previous_spend, 0) AS previous_spend, coalesce(c.credits, 0) AS credits,
      coalesce(c.previous_credits, 0) AS previous_credits, coalesce(m.metered, 0) AS metered, coalesce(m.previous_metered, 0) AS previous_metered,
      count(*) OVER () AS total
    FROM provider_accounts a
    LEFT JOIN (
      SELECT provider_account_id, sum(cost) FILTER (WHERE day >= $3) AS spend, sum(cost) FILTER (WHERE day < $3) AS previous_spend,
        sum(credits_applied) FILTER (WHERE day >= $3) AS credits, sum(credits_applied) FILTER (WHERE day < $3) AS previous_credits
      FROM cost_records WHERE organization_id = $1 AND day >= $2 AND day < $4 GROUP BY provider_account_id
    ) c ON c.provider_account_id = a.id
    LEFT JOIN (
      SELECT k.provider_account_id, sum(mu.cost) FILTER (WHERE mu.day >= $3) AS metered, sum(mu.cost) FILTER (WHERE mu.day < $3) AS previous_metered
      FROM metered_usage mu JOIN api_keys k ON k.id = mu.api_key_id
      WHERE mu.organization_id = $1 AND mu.day >= $2 AND mu.day < $4 GROUP BY k.provider_account_id
    ) m ON m.provider_account_id = a.id
    WHERE a.organization_id = $1
    ORDER BY spend DESC, a.id LIMIT 50`,
  models: `
    SELECT provider, model, unit, sum(cost) FILTER (WHERE day >= $3) AS cost, sum(cost) FILTER (WHERE day < $3) AS previous_cost,
      sum(credits_applied) FILTER (WHERE day >= $3) AS credits, sum(input_tokens) FILTER (WHERE day >= $3) AS input_tokens,
      sum(output_tokens) FILTER (WHERE day >= $3) AS output_tokens, sum(cached_input_tokens) FILTER (WHERE day >= $3) AS cached_input_tokens,
      sum(requests) FILTER (WHERE day >= $3) AS requests, sum(quantity) FILTER (WHERE day >= $3) AS quantity,
      count(*) OVER () AS total
    FROM cost_records WHERE organization_id = $1 AND day >= $2 AND day < $4
    GROUP BY provider, model, unit ORDER BY cost DESC NULLS LAST, provider, model, unit LIMIT 50`,
  'api-keys': `
    SELECT c.provider_account_id, c.api_key_external_id, k.hint, k.name, k.last_used_at, c.cost, c.previous_cost, c.requests,
      c.input_tokens, c.output_tokens, count(*) OVER () AS total
    FROM (
      SELECT provider_account_id, api_key_external_id, sum(cost) FILTER (WHERE day >= $3) AS cost, sum(cost) FILTER (WHERE day < $3) AS previous_cost,
        sum(requests) FILTER (WHERE day >= $3) AS requests, sum(input_tokens) FILTER (WHERE day >= $3) AS input_tokens,
        sum(output_tokens) FILTER (WHERE day >= $3) AS output_tokens
      FROM cost_records WHERE organization_id = $1 AND day >= $2 AND day < $4 AND api_key_external_id IS NOT NULL
      GROUP BY provider_account_id, api_key_external_id
    ) c
    LEFT JOIN api_keys k ON k.provider_account_id = c.provider_account_id AND k.external_id = c.api_key_external_id
    ORDER BY c.cost DESC NULLS LAST, c.provider_account_id, c.api_key_external_id LIMIT 50`,
  workspaces: `
    SELECT coalesce(w.display_name, w.provider_name, c.workspace_external_id) AS display_name, array_agg(DISTINCT c.provider) AS providers,
      sum(c.cost) AS cost, sum(c.previous_cost) AS previous_cost, sum(c.credits) AS credits, count(*) OVER () AS total
    FROM (
      SELECT provider_account_id, provider, workspace_external_id, sum(cost) FILTER (WHERE day >= $3) AS cost,
        sum(cost) FILTER (WHERE day < $3) AS previous_cost, sum(credits_applied) FILTER (WHERE day >= $3) AS credits
      FROM cost_records WHERE organization_id = $1 AND day >= $2 AND day < $4
      GROUP BY provider_account_id, provider, workspace_external_id
    ) c
    LEFT JOIN workspaces w ON w.provider_account_id = c.provider_account_id AND w.external_id = c.workspace_external_id
    GROUP BY 1 ORDER BY cost DESC, 1 LIMIT 50`,
} as const;

/** Which rollup holds each dashboard's sums (the services read the same ones). */
const ROLLUP: Record<keyof typeof HAND_SQL, string> = {
  providers: 'cost_rollup_workspace_models', models: 'cost_rollup_workspace_models', 'api-keys': 'cost_rollup_keys', workspaces: 'cost_rollup_workspace_models',
};

/** The hand-written statement reading the daily rollup instead of cost_records (same columns, same result). */
export function handSqlOverRollups(query: keyof typeof HAND_SQL): string {
  return HAND_SQL[query].replaceAll('FROM cost_records', `FROM ${ROLLUP[query]}`);
}
