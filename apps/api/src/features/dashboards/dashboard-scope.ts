import { comparePeriod, type ComparisonBasis, type Day, type DayRange } from '@spendsync/domain';
import type { DashboardFilter } from './dashboard-filter';
import { containsPattern, type SqlParams } from './dashboard-sql';

/**
 * The period asked for and the one it is compared with: the previous calendar period for
 * calendar presets, the equal-length range before for rolling presets and custom ranges
 * (`comparePeriod`).
 */
export type DashboardWindow = { current: DayRange; previous: DayRange; basis: ComparisonBasis };

/** Resolves the filter's period against `today` (the caller's clock, a UTC day). */
export function dashboardWindow(filter: Pick<DashboardFilter, 'period'>, today: Day): DashboardWindow {
  return comparePeriod(filter.period, today);
}

/**
 * A cost record's workspace as dashboards show it: the admin's name (rename or shared mapping),
 * else the provider's name from the directory, else the name the record carried, else its id.
 */
export const RECORD_WORKSPACE_NAME = 'coalesce(w.display_name, w.provider_name, cr.workspace_name, cr.workspace_external_id)';

/** Where the filter's record-level conditions find their columns in one query. */
export type FilterColumns = {
  provider: string;
  workspaceName: string;
  /** The `workspaces.id` column, when the query joins the directory. */
  workspaceId: string;
  workspaceExternalId: string;
  keyHint: string;
  /** Null when the source has no model (API key directory). */
  model: string | null;
  /** More columns `search` looks in (the provider's own workspace names). */
  searchAlso?: readonly string[];
};

/** Conditions for `providers`, `workspaces` (display name, id or provider id) and `search`. */
export function filterConditions(p: SqlParams, filter: DashboardFilter, columns: FilterColumns): string[] {
  const conditions: string[] = [];
  if (filter.providers.length > 0) conditions.push(`${columns.provider} = ANY(${p.add(filter.providers, 'text[]')})`);
  if (filter.workspaces.length > 0) {
    const names = p.add(filter.workspaces, 'text[]');
    conditions.push(`(${columns.workspaceName} = ANY(${names}) OR ${columns.workspaceId}::text = ANY(${names}) OR ${columns.workspaceExternalId} = ANY(${names}))`);
  }
  if (filter.search) {
    const pattern = p.add(containsPattern(filter.search), 'text');
    const fields = [columns.workspaceName, columns.keyHint, ...(columns.model ? [columns.model] : []), ...(columns.searchAlso ?? [])];
    conditions.push(`(${fields.map((f) => `${f} ILIKE ${pattern}`).join(' OR ')})`);
  }
  return conditions;
}

/**
 * What a dashboard sums: the cost records themselves, or one of their daily rollups (exact, kept
 * by triggers; see the cost-rollups migration). Each exposes the record columns the dashboards
 * use, plus `records` (how many records), `request_tokens` (tokens of records that report
 * requests) and, for keys, `is_active` (any cost or usage).
 */
export type RecordSource = 'records' | 'workspace-models' | 'keys';

const SOURCES: Record<RecordSource, string> = {
  records: `(SELECT c.*, 1 AS records,
      CASE WHEN c.requests IS NOT NULL AND (c.input_tokens IS NOT NULL OR c.output_tokens IS NOT NULL)
        THEN coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0) END AS request_tokens,
      (c.cost <> 0 OR c.input_tokens > 0 OR c.output_tokens > 0 OR c.requests > 0 OR c.quantity > 0) AS is_active
    FROM cost_records c) cr`,
  'workspace-models': 'cost_rollup_workspace_models cr',
  keys: 'cost_rollup_keys cr',
};

/**
 * The source for a filter: a search can match a key hint or model that a rollup has summed
 * away, so it reads the records; anything else reads `rollup`.
 */
export function sourceFor(filter: Pick<DashboardFilter, 'search'>, rollup: Exclude<RecordSource, 'records'>): RecordSource {
  return filter.search ? 'records' : rollup;
}

/** A scan of the organization's cost records (or a rollup of them) over both periods, with the filter applied. */
export type RecordScope = {
  /** `<source> cr LEFT JOIN workspaces w …`, for a FROM that adds more items. */
  tables: string;
  /** The filter's conditions, joined with AND. */
  conditions: string;
  /** `FROM <tables> WHERE <conditions>` */
  from: string;
  /** True for a row of the current period (within the scan). */
  current: string;
  /** True for a row of the previous period (within the scan). */
  previous: string;
};

/** Builds the scan every dashboard aggregates (organization first: every query is tenant-scoped). */
export function recordScope(p: SqlParams, organizationId: string, filter: DashboardFilter, window: DashboardWindow, source: RecordSource): RecordScope {
  const currentStart = p.add(window.current.start, 'date');
  const previousEnd = p.add(window.previous.end, 'date');
  const conditions = [
    `cr.organization_id = ${p.add(organizationId, 'uuid')}`,
    `cr.day >= ${p.add(window.previous.start, 'date')}`,
    `cr.day < ${p.add(window.current.end, 'date')}`,
    // A calendar comparison can leave a gap (this month to the 10th against last month to the 10th).
    `(cr.day < ${previousEnd} OR cr.day >= ${currentStart})`,
    ...filterConditions(p, filter, {
      provider: 'cr.provider', workspaceName: RECORD_WORKSPACE_NAME, workspaceId: 'w.id',
      workspaceExternalId: 'cr.workspace_external_id', keyHint: 'cr.api_key_hint', model: 'cr.model', searchAlso: ['w.provider_name', 'cr.workspace_name'],
    }),
  ];
  const tables = `${SOURCES[source]}
      LEFT JOIN workspaces w ON w.provider_account_id = cr.provider_account_id AND w.external_id = cr.workspace_external_id`;
  return {
    tables,
    conditions: conditions.join(' AND '),
    from: `FROM ${tables} WHERE ${conditions.join(' AND ')}`,
    current: `cr.day >= ${currentStart}`,
    previous: `cr.day < ${previousEnd}`,
  };
}
