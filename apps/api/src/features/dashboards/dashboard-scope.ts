import { previousPeriod, resolvePeriod, type Day, type DayRange } from '@spendsync/domain';
import type { DashboardFilter } from './dashboard-filter';
import { containsPattern, type SqlParams } from './dashboard-sql';

/** The period asked for and the equal-length period before it. */
export type DashboardWindow = { current: DayRange; previous: DayRange };

/** Resolves the filter's period against `today` (the caller's clock, a UTC day). */
export function dashboardWindow(filter: Pick<DashboardFilter, 'period'>, today: Day): DashboardWindow {
  const current = resolvePeriod(filter.period, today);
  return { current, previous: previousPeriod(current) };
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

/** A scan of the organization's cost records over both periods, with the filter applied. */
export type RecordScope = {
  /** `cost_records cr LEFT JOIN workspaces w …`, for a FROM that adds more items. */
  tables: string;
  /** The filter's conditions, joined with AND. */
  conditions: string;
  /** `FROM <tables> WHERE <conditions>` */
  from: string;
  /** True for a record of the current period (within the scan). */
  current: string;
  /** True for a record of the previous period (within the scan). */
  previous: string;
};

/** Builds the record scan every dashboard aggregates (organization first: every query is tenant-scoped). */
export function recordScope(p: SqlParams, organizationId: string, filter: DashboardFilter, window: DashboardWindow): RecordScope {
  const currentStart = p.add(window.current.start, 'date');
  const conditions = [
    `cr.organization_id = ${p.add(organizationId, 'uuid')}`,
    `cr.day >= ${p.add(window.previous.start, 'date')}`,
    `cr.day < ${p.add(window.current.end, 'date')}`,
    ...filterConditions(p, filter, {
      provider: 'cr.provider', workspaceName: RECORD_WORKSPACE_NAME, workspaceId: 'w.id',
      workspaceExternalId: 'cr.workspace_external_id', keyHint: 'cr.api_key_hint', model: 'cr.model', searchAlso: ['w.provider_name', 'cr.workspace_name'],
    }),
  ];
  const tables = `cost_records cr
      LEFT JOIN workspaces w ON w.provider_account_id = cr.provider_account_id AND w.external_id = cr.workspace_external_id`;
  return {
    tables,
    conditions: conditions.join(' AND '),
    from: `FROM ${tables} WHERE ${conditions.join(' AND ')}`,
    current: `cr.day >= ${currentStart}`,
    previous: `cr.day < ${currentStart}`,
  };
}
