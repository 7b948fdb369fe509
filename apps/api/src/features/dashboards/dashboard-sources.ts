import type { Day, DayRange } from '@spendsync/domain';

/** Adds a parameter and returns its placeholder (the query builder's `add`). */
type AddParam = (value: unknown, cast?: string) => string;

/**
 * What a dashboard sums: the cost records themselves, or one of their rollups (exact, kept by
 * triggers; see the cost-rollups, monthly-cost-rollups and coarse-cost-rollups migrations). Each
 * exposes the record columns of its grain, plus `records` (how many records), `request_tokens`
 * (tokens of records that report requests), and for keys `is_active` (any cost or usage) and
 * `last_active_day` (the last such day). From finest to coarsest: `workspace-models` (account,
 * day, workspace, model, unit), `keys` (account, day, key, workspace), `models` (account, day,
 * model, unit), `workspaces` (account, day, workspace), `accounts` (account, day).
 */
export type RecordSource = 'records' | 'workspace-models' | 'keys' | 'models' | 'workspaces' | 'accounts';

const ACTIVE = '(c.cost <> 0 OR c.input_tokens > 0 OR c.output_tokens > 0 OR c.requests > 0 OR c.quantity > 0)';

const RECORDS = `(SELECT c.*, 1 AS records,
      CASE WHEN c.requests IS NOT NULL AND (c.input_tokens IS NOT NULL OR c.output_tokens IS NOT NULL)
        THEN coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0) END AS request_tokens,
      ${ACTIVE} AS is_active, CASE WHEN ${ACTIVE} THEN c.day END AS last_active_day
    FROM cost_records c) cr`;

const SUMMED =
  'records, cost, credits_applied, input_tokens, output_tokens, cached_input_tokens, requests, request_tokens';
const ACCOUNT_DAY = 'organization_id, provider_account_id, provider, day';

/** A rollup: its daily and monthly tables, the columns both give (in one order), and whether rows carry a workspace. */
type Rollup = { table: string; columns: string; dailyExtra: string; monthlyExtra: string; workspace: boolean };

const ROLLUPS: Record<Exclude<RecordSource, 'records'>, Rollup> = {
  'workspace-models': {
    table: 'cost_rollup_workspace_models',
    columns: `${ACCOUNT_DAY}, workspace_external_id, workspace_name, model, unit, ${SUMMED}, quantity, mix`,
    dailyExtra: '',
    monthlyExtra: '',
    workspace: true,
  },
  keys: {
    table: 'cost_rollup_keys',
    columns: `${ACCOUNT_DAY}, api_key_external_id, workspace_external_id, workspace_name, api_key_hint,
      api_key_name, ${SUMMED}, is_active`,
    dailyExtra: ', CASE WHEN is_active THEN day END AS last_active_day',
    monthlyExtra: ', last_active_day',
    workspace: true,
  },
  models: {
    table: 'cost_rollup_models',
    columns: `${ACCOUNT_DAY}, model, unit, ${SUMMED}, quantity, mix`,
    dailyExtra: '',
    monthlyExtra: '',
    workspace: false,
  },
  workspaces: {
    table: 'cost_rollup_workspaces',
    columns: `${ACCOUNT_DAY}, workspace_external_id, workspace_name, ${SUMMED}, quantity`,
    dailyExtra: '',
    monthlyExtra: '',
    workspace: true,
  },
  accounts: {
    table: 'cost_rollup_accounts',
    columns: `${ACCOUNT_DAY}, ${SUMMED}, quantity`,
    dailyExtra: '',
    monthlyExtra: '',
    workspace: false,
  },
};

/** The same grain with the workspace kept: what a workspace filter reads instead of a rollup without one. */
const WITH_WORKSPACE: Partial<Record<RecordSource, RecordSource>> = {
  models: 'workspace-models',
  accounts: 'workspaces',
};

/** Whether `source`'s rows carry a workspace (the records and the finer rollups do). */
export function hasWorkspace(source: RecordSource): boolean {
  return source === 'records' || ROLLUPS[source].workspace;
}

/**
 * The source a dashboard reads for `wanted` (the coarsest that holds its grouping) under a
 * filter: a search reads the records (it can match a model or key hint a rollup summed away), a
 * workspace filter a rollup that keeps the workspace.
 */
export function sourceFor(
  wanted: RecordSource,
  filter: { search?: string | null; workspaces: readonly string[] },
): RecordSource {
  if (filter.search) return 'records';
  if (filter.workspaces.length > 0) return WITH_WORKSPACE[wanted] ?? wanted;
  return wanted;
}

/** The first day of the month after `day`'s. */
function nextMonth(day: Day): Day {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** `range` as the whole months inside it (their first days) and the days left at its edges. */
export function splitByMonth(range: DayRange): { months: Day[]; days: DayRange[] } {
  const firstMonth = range.start.endsWith('-01') ? range.start : nextMonth(range.start);
  const months: Day[] = [];
  let month = firstMonth;
  while (nextMonth(month) <= range.end) {
    months.push(month);
    month = nextMonth(month);
  }
  if (months.length === 0) return { months, days: range.start < range.end ? [range] : [] };
  const days = [
    { start: range.start, end: firstMonth },
    { start: month, end: range.end },
  ].filter((r) => r.start < r.end);
  return { months, days };
}

/**
 * The FROM item `… cr` for `source` over `ranges` of one organization. A rollup read over a range
 * holding whole months reads those months from its monthly table (one row per month, `day` its
 * first day) and only the edge days from the daily table; `byDay` (cost over time) keeps daily rows.
 */
export function sourceSql(
  add: AddParam,
  organizationId: string,
  source: RecordSource,
  ranges: readonly DayRange[],
  byDay: boolean,
): string {
  if (source === 'records') return RECORDS;
  const rollup = ROLLUPS[source];
  const [daily, monthlyTable] = [rollup.table, `${rollup.table}_monthly`];
  const split = ranges.map(splitByMonth);
  const months = byDay ? [] : split.flatMap((s) => s.months);
  if (months.length === 0) {
    return rollup.dailyExtra ? `(SELECT ${rollup.columns}${rollup.dailyExtra} FROM ${daily}) cr` : `${daily} cr`;
  }
  const org = add(organizationId, 'uuid');
  const days = split.flatMap((s) => s.days);
  const monthly = `SELECT ${rollup.columns}${rollup.monthlyExtra} FROM ${monthlyTable}
      WHERE organization_id = ${org} AND day = ANY(${add(months, 'date[]')})`;
  if (days.length === 0) return `(${monthly}) cr`;
  const inDays = days.map((r) => `(day >= ${add(r.start, 'date')} AND day < ${add(r.end, 'date')})`).join(' OR ');
  return `(SELECT ${rollup.columns}${rollup.dailyExtra} FROM ${daily} WHERE organization_id = ${org} AND (${inDays})
      UNION ALL ${monthly}) cr`;
}
