import type { Day } from '@spendsync/domain';
import type { CostSeriesOptions, DashboardFilter } from './dashboard-filter';
import type { CostSeriesPoint } from './dashboard-rows';
import { RECORD_WORKSPACE_NAME, dashboardWindow, recordScope, sourceFor } from './dashboard-scope';
import { SqlParams, queryRows, type DashboardDb } from './dashboard-sql';
import { moneyOf } from './dashboard-values';

const KEYS: Record<CostSeriesOptions['groupBy'], string> = {
  provider: 'cr.provider',
  model: `cr.provider || ':' || cr.model`,
  // Spend without a workspace keeps an empty key rather than vanishing from the chart.
  workspace: `coalesce(${RECORD_WORKSPACE_NAME}, '')`,
};

/**
 * Cost over time for charts: per day or ISO week (the bucket is its Monday; the first and last
 * weeks may be partial) and per provider, model (`provider:model`) or workspace display name,
 * over the filter's current period. Buckets with no records are absent, not zero: the chart
 * decides how to draw a gap. The filter's cost range, sort and paging do not apply.
 */
export async function queryCostSeries(
  db: DashboardDb, organizationId: string, filter: DashboardFilter, options: CostSeriesOptions, today: Day,
): Promise<CostSeriesPoint[]> {
  const p = new SqlParams();
  const scope = recordScope(p, organizationId, filter, dashboardWindow(filter, today), sourceFor(filter, 'workspace-models'));
  const bucket = options.granularity === 'week' ? `date_trunc('week', cr.day::timestamp)::date` : 'cr.day';
  const text = `SELECT ${bucket} AS bucket, ${KEYS[options.groupBy]} AS key,
      sum(cr.cost) AS cost, sum(cr.credits_applied) AS credits, sum(cr.cost) - sum(cr.credits_applied) AS net
    ${scope.from} AND ${scope.current}
    GROUP BY 1, 2 ORDER BY 1, 2`;
  const rows = await queryRows(db, { text, values: p.values });
  return rows.map((raw) => ({
    bucket: String(raw.bucket), key: String(raw.key), cost: moneyOf(raw, 'cost'), credits: moneyOf(raw, 'credits'), net: moneyOf(raw, 'net'),
  }));
}
