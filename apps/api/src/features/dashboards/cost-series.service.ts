import type { Day } from '@spendsync/domain';
import type { CostSeriesOptions, DashboardFilter } from './dashboard-filter';
import type { CostSeriesPoint } from './dashboard-rows';
import { queryRows, type DashboardDb, type SqlStatement } from './dashboard-db';
import { DashboardQueryBuilder, RECORD_WORKSPACE_NAME, type RecordSource } from './dashboard-query';
import { decimalTextOf, optionalDecimalTextOf } from './dashboard-values';
import { reportsCreditsSql } from './credit-capability';
import { IS_PROVISIONAL, SETTLED_JOIN } from './dashboard-provisional';
import { withSearchMatches } from './search-matches';

const KEYS: Record<CostSeriesOptions['groupBy'], string> = {
  provider: 'cr.provider',
  model: `cr.provider || ':' || cr.model`,
  // Spend without a workspace keeps an empty key rather than vanishing from the chart.
  workspace: `coalesce(${RECORD_WORKSPACE_NAME}, '')`,
};

/** The coarsest rollup holding each split (a workspace filter or search widens it: `sourceFor`). */
const SOURCES: Record<CostSeriesOptions['groupBy'], RecordSource> = {
  provider: 'accounts',
  model: 'models',
  workspace: 'workspaces',
};

/**
 * One key's series reads the key rollup, which has no model column: split by model, it reads the
 * records instead.
 */
function seriesSource(options: CostSeriesOptions): RecordSource {
  if (!options.apiKey) return SOURCES[options.groupBy];
  return options.groupBy === 'model' ? 'records' : 'keys';
}

/** The statement of a cost-over-time query (see `queryCostSeries`). */
export function buildCostSeriesStatement(
  organizationId: string,
  filter: DashboardFilter,
  options: CostSeriesOptions,
  today: Day,
): SqlStatement {
  const p = new DashboardQueryBuilder(organizationId, filter, today);
  // A chart of the current period: the previous period's days are not read at all.
  // Week buckets let a search read its rollup's ISO weeks (the records of the days left only).
  const scope = p.scan(seriesSource(options), options.granularity, 'current');
  const bucket = options.granularity === 'week' ? `date_trunc('week', cr.day::timestamp)::date` : 'cr.day';
  const key = options.apiKey
    ? ` AND cr.provider_account_id = ${p.add(options.apiKey.providerAccountId, 'uuid')} AND cr.api_key_external_id = ${p.add(options.apiKey.externalId, 'text')}`
    : '';
  // Credits (and net) of a point are known only when every provider in it reports credits.
  const known = `bool_and(${reportsCreditsSql(p, 'cr.provider')})`;
  const text = `SELECT ${bucket} AS bucket, ${KEYS[options.groupBy]} AS key, sum(cr.cost) AS cost,
      CASE WHEN ${known} THEN sum(cr.credits_applied) END AS credits, CASE WHEN ${known} THEN sum(cr.cost) - sum(cr.credits_applied) END AS net,
      bool_or(${IS_PROVISIONAL}) AS provisional
    FROM ${scope.tables} ${SETTLED_JOIN} WHERE ${scope.conditions}${key}
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return { text, values: p.values };
}

/**
 * Cost over time for charts: per day or ISO week (the bucket is its Monday; the first and last
 * weeks may be partial) and per provider, model (`provider:model`) or workspace display name,
 * over the filter's current period, optionally of one API key. Buckets with no records are absent, not zero: the chart
 * decides how to draw a gap. The filter's cost range, sort and paging do not apply.
 */
export async function queryCostSeries(
  db: DashboardDb,
  organizationId: string,
  filter: DashboardFilter,
  options: CostSeriesOptions,
  today: Day,
): Promise<CostSeriesPoint[]> {
  const rows = await withSearchMatches(db, organizationId, filter, (db, filter) =>
    queryRows(db, buildCostSeriesStatement(organizationId, filter, options, today)),
  );
  return rows.map((raw) => ({
    bucket: String(raw.bucket),
    key: String(raw.key),
    cost: decimalTextOf(raw, 'cost'),
    credits: optionalDecimalTextOf(raw, 'credits'),
    net: optionalDecimalTextOf(raw, 'net'),
    provisional: raw.provisional === true,
  }));
}
