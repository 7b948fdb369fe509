import { comparePeriod, type ComparisonBasis, type Day, type DayRange } from '@spendsync/domain';
import type { DashboardFilter, DashboardSort } from './dashboard-filter';
import type { DashboardQuery } from './dashboard-db';
import { fromItem, narrowing, searchTerm, wholeAccountsRead, type WholeAccounts } from './dashboard-from-item';
import {
  containsPattern,
  inKeyPairs,
  searchCondition,
  searchPrefilter,
  searchShortcut,
  workspaceCondition,
} from './dashboard-prefilters';
import { hasWorkspace, sourceFor, type Buckets, type RecordSource } from './dashboard-sources';
import { keyRunningTotalsSql, runningTotalsPay, type RunningSum } from './key-running-totals';
import { RECORD_FILTER_COLUMNS, searchedFields, type FilterColumns } from './record-columns';
import { SqlParams } from './sql-params';

export type { Buckets, RecordSource } from './dashboard-sources';
export { containsPattern, searchCondition, searchPrefilter, workspacePrefilter } from './dashboard-prefilters';
export { SqlParams } from './sql-params';
export { RECORD_FILTER_COLUMNS, RECORD_WORKSPACE_NAME, type FilterColumns } from './record-columns';

/** A filter or sort the caller got wrong; the API reports it as BAD_USER_INPUT with `field`. */
export class DashboardInputError extends Error {
  override readonly name = 'DashboardInputError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

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
 * Conditions for `providers`, `workspaces` (display name, id or provider id) and `search`.
 * `held`, SQL true for a row the search is known to match (of an account it holds wholly), is tried
 * before the search's own condition.
 */
export function filterConditions(
  p: SqlParams,
  filter: DashboardFilter,
  columns: FilterColumns,
  organizationId?: string,
  held?: string,
): string[] {
  const conditions: string[] = [];
  if (filter.providers.length > 0) conditions.push(`${columns.provider} = ANY(${p.add(filter.providers, 'text[]')})`);
  if (filter.workspaces.length > 0) conditions.push(workspaceCondition(columns, p.add(filter.workspaces, 'text[]')));
  if (filter.search) {
    const pattern = p.add(containsPattern(filter.search), 'text');
    const exact = searchCondition(searchedFields(columns), pattern, filter.search);
    // cheap lookups first: a model or key hint holding the term settles most matching rows
    const shortcut = organizationId
      ? searchShortcut(p, organizationId, searchTerm(filter), pattern, {
          model: columns.model,
          keyHint: columns.keyHint,
        })
      : null;
    const arms = [held, shortcut, exact].filter((arm) => arm);
    conditions.push(arms.length > 1 ? `(${arms.join(' OR ')})` : exact);
  }
  return conditions;
}

/** ORDER BY for a dashboard: `sortable` maps each public field to its SQL expression; nulls last, `tieBreak` keeps pages stable. */
export function orderByClause(
  sort: DashboardSort | null | undefined,
  sortable: Readonly<Record<string, string>>,
  defaultField: string,
  tieBreak: readonly string[],
): string {
  const field = sort?.field ?? defaultField;
  const expression = Object.hasOwn(sortable, field) ? sortable[field] : undefined; // never "constructor" & co.
  if (expression === undefined) {
    throw new DashboardInputError(
      `Cannot sort by "${field}"; use one of: ${Object.keys(sortable).join(', ')}`,
      'sort.field',
    );
  }
  const direction = (sort?.direction ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${expression} ${direction} NULLS LAST, ${tieBreak.map((t) => `${t} ASC NULLS FIRST`).join(', ')}`;
}

/** The `WHERE` conditions of a cost range on an aggregated money expression (bounds inclusive). */
export function costRangeConditions(
  p: SqlParams,
  expression: string,
  min: string | null | undefined,
  max: string | null | undefined,
): string[] {
  const conditions: string[] = [];
  if (min != null) conditions.push(`${expression} >= ${p.add(min, 'numeric')}`);
  if (max != null) conditions.push(`${expression} <= ${p.add(max, 'numeric')}`);
  return conditions;
}

/** `WHERE a AND b`, or nothing. */
export function where(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** Percent change in SQL (for sorting only; the figure returned is computed exactly in TypeScript). */
export function changeSql(current: string, previous: string): string {
  return `CASE WHEN ${previous} = 0 THEN NULL ELSE (${current} - ${previous}) / abs(${previous}) * 100 END`;
}

/** Which periods a scan reads: both (a dashboard's figures and their change), or the current one alone (a chart). */
export type ScannedPeriods = 'both' | 'current';

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

/**
 * The scan every dashboard aggregates (organization first: every query is tenant-scoped). Rollups
 * read whole months from their monthly tables unless the caller buckets by day or week (`buckets`).
 */
export function recordScope(
  p: SqlParams,
  organizationId: string,
  filter: DashboardFilter,
  window: DashboardWindow,
  source: RecordSource,
  buckets: Buckets = 'day',
  periods: ScannedPeriods = 'both',
  wanted?: RecordSource,
): RecordScope {
  const whole = wholeAccountsRead(p, filter, source, wanted);
  if (periods === 'current') return currentPeriodScope(p, organizationId, filter, window, source, buckets, whole);
  const from = fromItem(p, organizationId, filter, source, [window.previous, window.current], buckets, whole);
  const currentStart = p.add(window.current.start, 'date');
  // Within a rollup's FROM item (the window's days only) a row before the current period is of the previous one.
  const previousEnd = source === 'records' ? p.add(window.previous.end, 'date') : currentStart;
  // A rollup's FROM item holds only the window's days; the records are limited here.
  const days =
    source === 'records'
      ? [
          `cr.day >= ${p.add(window.previous.start, 'date')}`,
          `cr.day < ${p.add(window.current.end, 'date')}`,
          // A calendar comparison can leave a gap (this month to the 10th against last month to the 10th).
          `(cr.day < ${previousEnd} OR cr.day >= ${currentStart})`,
        ]
      : [];
  return scopeOf(
    p,
    organizationId,
    filter,
    source,
    from,
    days,
    { current: `cr.day >= ${currentStart}`, previous: `cr.day < ${previousEnd}` },
    whole,
  );
}

/** A scan of the current period alone (what a chart of it reads): the previous period's days are not read. */
function currentPeriodScope(
  p: SqlParams,
  organizationId: string,
  filter: DashboardFilter,
  window: DashboardWindow,
  source: RecordSource,
  buckets: Buckets,
  whole: WholeAccounts | null,
): RecordScope {
  const from = fromItem(p, organizationId, filter, source, [window.current], buckets, whole);
  const days =
    source === 'records'
      ? [`cr.day >= ${p.add(window.current.start, 'date')}`, `cr.day < ${p.add(window.current.end, 'date')}`]
      : [];
  return scopeOf(p, organizationId, filter, source, from, days, { current: 'true', previous: 'false' }, whole);
}

/**
 * The scan's tables and conditions: `from` (the source's FROM item), its day limits, and the
 * filter; the rows of accounts a search holds wholly (`whole`: `wholeAccountsRead`) match it by
 * their account.
 */
function scopeOf(
  p: SqlParams,
  organizationId: string,
  filter: DashboardFilter,
  source: RecordSource,
  from: string,
  days: readonly string[],
  periods: Pick<RecordScope, 'current' | 'previous'>,
  whole?: WholeAccounts | null,
): RecordScope {
  const held = whole ? `cr.provider_account_id = ANY(${whole.ids})` : undefined;
  const conditions = [
    `cr.organization_id = ${p.add(organizationId, 'uuid')}`,
    ...days,
    // the records have no parts to narrow (sourceSql): a search's value lookups test each record
    // before the exact condition does, at a hashed lookup instead of an ILIKE per record
    ...(source === 'records' && filter.search ? [searchPrefilter(p, organizationId, searchTerm(filter), 'cr.')] : []),
    ...filterConditions(p, filter, RECORD_FILTER_COLUMNS, organizationId, held),
  ];
  // A rollup without workspaces is read only when no condition names one (sourceFor).
  const tables = hasWorkspace(source)
    ? `${from}
      LEFT JOIN workspaces w ON w.provider_account_id = cr.provider_account_id AND w.external_id = cr.workspace_external_id`
    : from;
  return {
    tables,
    conditions: conditions.join(' AND '),
    from: `FROM ${tables} WHERE ${conditions.join(' AND ')}`,
    ...periods,
  };
}

/**
 * The one query builder the dashboard services call: the filter's window, its parameters, the
 * scan of records or rollups, and the page's order.
 */
export class DashboardQueryBuilder extends SqlParams {
  readonly window: DashboardWindow;

  constructor(
    readonly organizationId: string,
    readonly filter: DashboardFilter,
    today: Day,
  ) {
    super();
    this.window = dashboardWindow(filter, today);
  }

  /**
   * The scan of `rollup`, the coarsest source holding the caller's grouping, or of what the filter
   * needs instead (`sourceFor`: the search rollup when searched, the workspace's grain when filtered by
   * workspace); `buckets` other than `none` keeps daily rows (or ISO weeks, `sourceSql`).
   */
  scan(rollup: RecordSource, buckets: Buckets = 'none', periods: ScannedPeriods = 'both'): RecordScope {
    return recordScope(
      this,
      this.organizationId,
      this.filter,
      this.window,
      sourceFor(rollup, this.filter, buckets),
      buckets,
      periods,
      rollup,
    );
  }

  /**
   * `FROM …` the key rollup's running totals through the window's ends (`keyRunningTotalsSql`),
   * with the filter's provider and workspace conditions; null under a search, which needs the
   * search rollup's grain (`sourceFor`) — unless it holds every key it matches wholly
   * (`readsWholeKeys`): then the running totals of those keys (`inKeyPairs`) — and for a window
   * whose scan reads fewer rows (`runningTotalsPay`: one or two whole months). `sums`: the running
   * figures carried (all by default); `only`: a condition on the running-total rows' own columns
   * that also narrows them.
   */
  keyRunningTotals(options: { sums?: readonly RunningSum[]; only?: string } = {}): string | null {
    if (!this.readsKeyRunningTotals()) return null;
    const wholeKeys = this.readsWholeKeys() ? this.filter.searchMatches!.keys!.whole : null;
    // every record of a key held wholly matches the search: its keys are the condition
    const filter: DashboardFilter = wholeKeys
      ? { ...this.filter, search: null, searchMatches: undefined }
      : this.filter;
    const narrow = [
      narrowing(this, this.organizationId, filter, 'keys'),
      wholeKeys ? (wholeKeys.length > 0 ? inKeyPairs(this, wholeKeys) : 'false') : undefined,
      options.only,
    ].filter(Boolean);
    const from = keyRunningTotalsSql(
      (value, cast) => this.add(value, cast),
      this.organizationId,
      this.window,
      narrow.length > 0 ? narrow.join(' AND ') : undefined,
      options.sums,
    );
    return scopeOf(this, this.organizationId, filter, 'keys', from, [], { current: 'true', previous: 'false' }).from;
  }

  /** Whether `keyRunningTotals` serves this filter and window. */
  readsKeyRunningTotals(): boolean {
    return (sourceFor('keys', this.filter) === 'keys' || this.readsWholeKeys()) && runningTotalsPay(this.window);
  }

  /**
   * Whether the filter's search, its keys read (`SearchMatches.keys`), holds every key it matches
   * wholly (none in part), with no workspace filter: the key rollup, and so its running totals, sum
   * exactly the records it keeps for those keys.
   */
  private readsWholeKeys(): boolean {
    const keys = this.filter.search ? this.filter.searchMatches?.keys : undefined;
    return keys !== undefined && keys.partly === 0 && this.filter.workspaces.length === 0;
  }

  /** The filter's provider, workspace and search conditions on other tables' columns. */
  conditionsOn(columns: FilterColumns): string[] {
    return filterConditions(this, this.filter, columns, this.organizationId);
  }

  /** The filter's cost range on an aggregated money expression. */
  costRange(expression: string): string[] {
    return costRangeConditions(this, expression, this.filter.costMin, this.filter.costMax);
  }

  /**
   * SQL, true for a provider account whose current period reaches past its settled-through day
   * (the provider may still revise some of its figures): a row that sums such an account's records
   * `includesProvisional`, as the Providers row does.
   */
  unsettledAccount(accountColumn: string): string {
    return `${accountColumn} IN (SELECT u.id FROM provider_accounts u WHERE u.organization_id = ${this.add(this.organizationId, 'uuid')}
      AND (u.settled_through IS NULL OR u.settled_through < ${this.add(this.window.current.end, 'date')}))`;
  }

  /** The finished query: `cte` (ending in `rows AS (…)`), ordered by the filter's sort. */
  query(
    cte: string,
    sortable: Readonly<Record<string, string>>,
    defaultField: string,
    tieBreak: readonly string[],
  ): DashboardQuery {
    return { cte, orderBy: orderByClause(this.filter.sort, sortable, defaultField, tieBreak), values: this.values };
  }
}
