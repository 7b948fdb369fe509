import { resolvePeriod, type Day } from '@spendsync/domain';
import type { DashboardFilter } from '../dashboards/dashboard-filter';
import type { DashboardQuery } from '../dashboards/dashboard-db';
import {
  RECORD_FILTER_COLUMNS,
  RECORD_WORKSPACE_NAME,
  filterConditions,
  SqlParams,
  costRangeConditions,
  orderByClause,
} from '../dashboards/dashboard-query';

/** Sort fields of the FOCUS export (`sort=BilledCost`); without one, rows go by day and record. */
export const FOCUS_SORT_FIELDS = { ChargePeriodStart: 'rows.day', BilledCost: 'rows.billed_cost' } as const;

const DEFAULT_ORDER = 'ORDER BY rows.day ASC, rows.id ASC, rows.is_credit_line ASC';

/**
 * The FOCUS rows of an organization's cost records in the filter's period (the previous period
 * plays no part). Each record gives one charge row: its cost, under the category of its charge
 * kind (a `credit` record's row carries its net, cost − credits). A non-credit record with
 * credits applied gives a second row, ChargeCategory "Credit", with BilledCost = −credits. So
 * the BilledCost of all rows adds up to Σ(cost − credits_applied), the stored net, exactly.
 *
 * `providers`, `workspaces` and `search` narrow the records as on the dashboards; `costMin` /
 * `costMax` bound each row's BilledCost. One SQL row per FOCUS row, so the CSV writer streams it.
 */
export function buildFocusQuery(organizationId: string, filter: DashboardFilter, today: Day): DashboardQuery {
  const period = resolvePeriod(filter.period, today);
  const p = new SqlParams();
  const conditions = [
    `cr.organization_id = ${p.add(organizationId, 'uuid')}`,
    `cr.day >= ${p.add(period.start, 'date')}`,
    `cr.day < ${p.add(period.end, 'date')}`,
    ...filterConditions(p, filter, RECORD_FILTER_COLUMNS, organizationId),
    ...costRangeConditions(p, 'line.billed_cost', filter.costMin, filter.costMax),
  ];
  const cte = `WITH rows AS (
    SELECT cr.id, cr.provider, cr.day, cr.provider_account_id, pa.label AS account_label,
      cr.workspace_external_id, ${RECORD_WORKSPACE_NAME} AS workspace_name,
      cr.api_key_external_id, coalesce(cr.api_key_name, cr.api_key_hint) AS api_key_name,
      cr.model, cr.charge_kind, cr.unit, cr.quantity, cr.currency,
      cr.input_tokens, cr.output_tokens, cr.cached_input_tokens, cr.cache_write_tokens, cr.requests,
      line.is_credit_line, line.billed_cost
    FROM cost_records cr
    JOIN provider_accounts pa ON pa.id = cr.provider_account_id
    LEFT JOIN workspaces w ON w.provider_account_id = cr.provider_account_id AND w.external_id = cr.workspace_external_id
    CROSS JOIN LATERAL (
      SELECT false AS is_credit_line, CASE WHEN cr.charge_kind = 'credit' THEN cr.cost - cr.credits_applied ELSE cr.cost END AS billed_cost
      UNION ALL
      SELECT true, -cr.credits_applied WHERE cr.charge_kind <> 'credit' AND cr.credits_applied <> 0
    ) line
    WHERE ${conditions.join(' AND ')}
  )`;
  const orderBy = filter.sort
    ? orderByClause(filter.sort, FOCUS_SORT_FIELDS, 'ChargePeriodStart', ['rows.id', 'rows.is_credit_line'])
    : DEFAULT_ORDER;
  return { cte, orderBy, values: p.values };
}
