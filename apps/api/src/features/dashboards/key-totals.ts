import type { KeyBoundaries, RecordScope } from './dashboard-query';

/**
 * The API keys dashboard's per-key sums (its `agg`: one row per account and key, the no-key
 * spend one row per account) from the key rollup's running totals at the window's boundaries
 * (`keyBoundaryScope`): each period's sum is the total through its last day minus the total
 * through the day before it; a sum is null when no day between had a figure (as a sum of the
 * days would be). A key row (account, key, workspace) counts in a period when it has records
 * there, which its last record day tells; the key's workspace, hint, name and record workspace
 * name come from those rows, as of the period's last day. Keys with no records in either
 * period are left out, as a scan of the days would leave them.
 */
export function keyTotalsSql({ scope, at }: { scope: RecordScope; at: KeyBoundaries }): string {
  const through = (boundary: string, column: string) => `sum(cr.${column}) FILTER (WHERE cr.boundary = ${boundary})`;
  const between = (last: string, before: string, column: string) =>
    `(coalesce(${through(last, column)}, 0) - coalesce(${through(before, column)}, 0))`;
  const current = (column: string) => between(at.currentLast, at.currentBefore, column);
  const previous = (column: string) => between(at.previousLast, at.previousBefore, column);
  const known = (column: string, days: string) => `CASE WHEN ${current(days)} > 0 THEN ${current(column)} END`;
  // The key rows with records in either period, at that period's last day.
  const inWindow = `(cr.boundary = ${at.currentLast} AND cr.last_record_day >= ${at.currentStart})
    OR (cr.boundary = ${at.previousLast} AND cr.last_record_day >= ${at.previousStart})`;
  const lastActive = (last: string) => `max(cr.last_active_day) FILTER (WHERE cr.boundary = ${last})`;
  return `SELECT cr.provider_account_id, cr.api_key_external_id AS external_id, min(cr.provider) AS provider,
        max(cr.api_key_hint) FILTER (WHERE ${inWindow}) AS hint, max(cr.api_key_name) FILTER (WHERE ${inWindow}) AS name,
        min(cr.workspace_external_id) FILTER (WHERE ${inWindow}) AS workspace_external_id,
        min(cr.workspace_name) FILTER (WHERE ${inWindow}) AS record_workspace_name,
        ${current('cost')} AS cost, ${previous('cost')} AS previous_cost, ${current('credits_applied')} AS credits,
        ${known('input_tokens', 'input_token_days')} AS input_tokens, ${known('output_tokens', 'output_token_days')} AS output_tokens,
        ${known('cached_input_tokens', 'cached_input_token_days')} AS cached_input_tokens,
        ${known('requests', 'request_days')} AS requests,
        CASE WHEN ${previous('request_days')} > 0 THEN ${previous('requests')} END AS previous_requests,
        ${current('records')} AS current_records, ${previous('records')} AS previous_records,
        -- the last active day of either period (the day's figures are cumulative: the latest through its end)
        CASE WHEN ${lastActive(at.currentLast)} >= ${at.currentStart} THEN ${lastActive(at.currentLast)}
          WHEN ${lastActive(at.previousLast)} >= ${at.previousStart} THEN ${lastActive(at.previousLast)} END AS last_active_day
      ${scope.from}
      GROUP BY cr.provider_account_id, cr.api_key_external_id
      HAVING ${current('records')} + ${previous('records')} > 0`;
}
