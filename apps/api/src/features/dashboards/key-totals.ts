/** The running figures a `light` sum (`keyTotalsSql`) reads. */
export const LIGHT_RUNNING_SUMS = ['records', 'cost'] as const;

/**
 * The API keys dashboard's per-key sums (its `agg`: one row per account and key, the no-key
 * spend one row per account) `from` the key rollup's running totals (`keyRunningTotalsSql`, whose
 * rows carry each figure signed for each period): each period's sum is the total through its last
 * day minus the total through the day before it; a sum is null when no day between had a figure
 * (as a sum of the days would be). A key row (account, key, workspace) counts in a period when it
 * has records there (`in_window`); the key's workspace, hint, name and record workspace name come
 * from those rows, as of the period's last day. Keys with no records in either period are left
 * out, as a scan of the days would leave them. `light` leaves credits, tokens and requests null
 * (`LIGHT_RUNNING_SUMS` carries what it reads): what ranking keys by cost, change, names or use
 * needs; `lean` leaves the names null too (ranking by cost, change or use).
 */
export function keyTotalsSql(from: string, figures: 'all' | 'light' | 'lean' = 'all'): string {
  const total = (period: string, column: string) => `coalesce(sum(cr.${period}_${column}), 0)`;
  const known = (period: string, column: string, days: string) =>
    figures !== 'all' ? 'NULL::numeric' : `CASE WHEN ${total(period, days)} > 0 THEN ${total(period, column)} END`;
  const inWindow = (aggregate: string, column: string) =>
    figures === 'lean' ? 'NULL::text' : `${aggregate}(cr.${column}) FILTER (WHERE cr.in_window)`;
  return `SELECT cr.provider_account_id, cr.api_key_external_id AS external_id, min(cr.provider) AS provider,
        ${inWindow('max', 'api_key_hint')} AS hint, ${inWindow('max', 'api_key_name')} AS name,
        ${inWindow('min', 'workspace_external_id')} AS workspace_external_id,
        ${inWindow('min', 'workspace_name')} AS record_workspace_name,
        ${total('current', 'cost')} AS cost, ${total('previous', 'cost')} AS previous_cost,
        ${figures !== 'all' ? 'NULL::numeric' : total('current', 'credits_applied')} AS credits,
        ${known('current', 'input_tokens', 'input_token_days')} AS input_tokens,
        ${known('current', 'output_tokens', 'output_token_days')} AS output_tokens,
        ${known('current', 'cached_input_tokens', 'cached_input_token_days')} AS cached_input_tokens,
        ${known('current', 'requests', 'request_days')} AS requests,
        ${known('previous', 'requests', 'request_days')} AS previous_requests,
        ${total('current', 'records')} AS current_records, ${total('previous', 'records')} AS previous_records,
        -- the last active day of either period
        coalesce(max(cr.current_last_active_day), max(cr.previous_last_active_day)) AS last_active_day
      ${from}
      GROUP BY cr.provider_account_id, cr.api_key_external_id
      HAVING ${total('current', 'records')} + ${total('previous', 'records')} > 0`;
}
