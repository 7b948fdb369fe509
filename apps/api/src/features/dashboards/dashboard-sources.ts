import { addDays, weekStart, type Day, type DayRange } from '@spendsync/domain';

/** Adds a parameter and returns its placeholder (the query builder's `add`). */
export type AddParam = (value: unknown, cast?: string) => string;

/**
 * What a dashboard sums: the cost records themselves, or one of their rollups (exact, kept by
 * triggers; see the cost-rollups, monthly-cost-rollups and coarse-cost-rollups migrations). Each
 * exposes the record columns of its grain, plus `records` (how many records), `request_tokens`
 * (tokens of records that report requests), and for keys `is_active` (any cost or usage) and
 * `last_active_day` (the last such day). From finest to coarsest: `workspace-models` (account,
 * day, workspace, model, unit), `keys` (account, day, key, workspace), `models` (account, day,
 * model, unit), `workspaces` (account, day, workspace), `accounts` (account, day). `search`
 * (account, workspace and its record name, key and hint, model, unit) has only 7-day blocks, ISO
 * weeks and months: what a text search reads, every searched column being in its grain. Two
 * sources serve callers that read no key (`api_key_…`, `is_active`, `last_active_day`: null in
 * some of their rows): `search-days`, what a search by day reads (`searchDaysSql`: the daily
 * workspace × model rollup when no key hint holds the term, else the records), and
 * `search-models`, the search rollup whose days left are `search-days` — or, for a period's sums
 * when the matches were read and no key hint holds the term, the workspace × model rollup
 * (`searchPeriodSql`).
 */
export type RecordSource =
  | 'records'
  | 'search-days'
  | 'search'
  | 'search-models'
  | 'workspace-models'
  | 'keys'
  | 'models'
  | 'workspaces'
  | 'accounts';

/**
 * How the caller groups the rows it reads by time: `none` (a period's sums: rollups read their
 * months and 7-day blocks), `day` (daily rows), or `week` (rows within one ISO week, Monday to
 * Sunday: daily rows, or the ISO weeks of the search and workspace × model rollups).
 */
export type Buckets = 'none' | 'day' | 'week';

const ACTIVE = '(c.cost <> 0 OR c.input_tokens > 0 OR c.output_tokens > 0 OR c.requests > 0 OR c.quantity > 0)';

/** The cost records as a FROM item `… cr`, with the columns every rollup has (`records`, `is_active`…). */
export const RECORDS = `(SELECT c.*, 1 AS records,
      CASE WHEN c.requests IS NOT NULL AND (c.input_tokens IS NOT NULL OR c.output_tokens IS NOT NULL)
        THEN coalesce(c.input_tokens, 0) + coalesce(c.output_tokens, 0) END AS request_tokens,
      ${ACTIVE} AS is_active, CASE WHEN ${ACTIVE} THEN c.day END AS last_active_day
    FROM cost_records c) cr`;

/** The summed columns every rollup has, in order. */
export const SUMMED =
  'records, cost, credits_applied, input_tokens, output_tokens, cached_input_tokens, requests, request_tokens';
const ACCOUNT_DAY = 'organization_id, provider_account_id, provider, day';

/** A rollup: its daily and monthly tables, the columns both give (in one order), and whether rows carry a workspace. */
export type Rollup = {
  table: string;
  columns: string;
  dailyExtra: string;
  monthlyExtra: string;
  workspace: boolean;
  /** It also has 7-day blocks (`<table>_weekly`, the monthly table's columns). */
  blocks?: boolean;
  /** Where its days left come from, when it has no daily table (default: `table`). */
  dailyFrom?: string;
  /**
   * It also has ISO weeks (`<table>_iso_weekly`, `day` the Monday; the monthly table's columns):
   * read for `week` buckets, and, without 7-day blocks, for the whole ISO weeks of a period's edges.
   */
  isoWeeks?: boolean;
};

/** The search rollup's columns, in order: also those of `searchDaysSql` (search-sources.ts). */
export const SEARCH_COLUMNS = (keys: string, active: string) =>
  `${ACCOUNT_DAY}, workspace_external_id, workspace_name, ${keys}, model, unit, ${SUMMED}, quantity, mix, ${active}`;

// No daily table (it would be as large as the records): the days left are the records themselves
// (or `searchDaysSql`, given to `sourceSql` as `daysLeft`).
export const SEARCH: Rollup = {
  table: 'cost_rollup_search',
  columns: SEARCH_COLUMNS('api_key_external_id, api_key_hint, api_key_name', 'is_active, last_active_day'),
  dailyExtra: '',
  monthlyExtra: '',
  workspace: true,
  blocks: true,
  dailyFrom: RECORDS,
  isoWeeks: true,
};

const ROLLUPS: Record<Exclude<RecordSource, 'records' | 'search-days'>, Rollup> = {
  'workspace-models': {
    table: 'cost_rollup_workspace_models',
    columns: `${ACCOUNT_DAY}, workspace_external_id, workspace_name, model, unit, ${SUMMED}, quantity, mix`,
    dailyExtra: '',
    monthlyExtra: '',
    workspace: true,
    isoWeeks: true,
  },
  keys: {
    table: 'cost_rollup_keys',
    columns: `${ACCOUNT_DAY}, api_key_external_id, workspace_external_id, workspace_name, api_key_hint,
      api_key_name, ${SUMMED}, is_active`,
    dailyExtra: ', CASE WHEN is_active THEN day END AS last_active_day',
    monthlyExtra: ', last_active_day',
    workspace: true,
    blocks: true,
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
  search: SEARCH,
  'search-models': SEARCH,
};

/** The same grain with the workspace kept: what a workspace filter reads instead of a rollup without one. */
const WITH_WORKSPACE: Partial<Record<RecordSource, RecordSource>> = {
  models: 'workspace-models',
  accounts: 'workspaces',
};

/** Whether `source`'s rows carry a workspace (the records and the finer rollups do). */
export function hasWorkspace(source: RecordSource): boolean {
  return source === 'records' || source === 'search-days' || ROLLUPS[source].workspace;
}

/**
 * The source a dashboard reads for `wanted` (the coarsest that holds its grouping) under a
 * filter: a search reads the search rollup (a coarser one can have summed away the model or key
 * hint it matches) — its months and blocks, or its ISO weeks for `week` buckets — or, for `day`
 * buckets, `search-days`; a caller that wants keys, the search rollup with the records' days left
 * (`search`) or the records by day. A workspace filter reads a rollup that keeps the workspace, or,
 * when the workspace's records carry names that differ on it (`workspaceNamesDiffer`), the search
 * rollup (whose grain holds the name) with the records' days left, or the records by day. A
 * caller that wants the records gets them.
 */
export function sourceFor(
  wanted: RecordSource,
  filter: { search?: string | null; workspaces: readonly string[]; workspaceNamesDiffer?: boolean },
  buckets: Buckets = 'none',
): RecordSource {
  if (wanted === 'records') return 'records';
  // a workspace named by some of its records' names: the search rollup's grain holds each record's
  // name, and the records by day (no daily source holds it but them)
  if (readsByRecordName(filter)) {
    if (buckets === 'day') return 'records';
    return wanted === 'keys' ? 'search' : 'search-models';
  }
  if (filter.search && buckets === 'day') return wanted === 'keys' ? 'records' : 'search-days';
  if (filter.search) return wanted === 'keys' ? 'search' : 'search-models';
  if (filter.workspaces.length > 0) return WITH_WORKSPACE[wanted] ?? wanted;
  return wanted;
}

/**
 * Whether a workspace filter must be judged on each record's own workspace name
 * (`DashboardFilter.workspaceNamesDiffer`): rollups keeping one name per row cannot serve it.
 */
export function readsByRecordName(filter: { workspaces: readonly string[]; workspaceNamesDiffer?: boolean }): boolean {
  return filter.workspaceNamesDiffer === true && filter.workspaces.length > 0;
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

/** The first day of `day`'s 7-day block: blocks start on the 1st, 8th, 15th, 22nd and 29th of a month. */
export function blockStart(day: Day): Day {
  const dom = Number(day.slice(8, 10));
  return `${day.slice(0, 8)}${String(dom - ((dom - 1) % 7)).padStart(2, '0')}`;
}

/** The day after `block`'s last day (the next block's first, or the next month's). */
function blockEnd(block: Day): Day {
  const end = addDays(block, 7);
  const next = nextMonth(block);
  return end < next ? end : next;
}

/** `range` as the whole ISO weeks inside it (their Mondays) and the days left at its edges. */
export function splitByIsoWeek(range: DayRange): { weeks: Day[]; days: DayRange[] } {
  const first = weekStart(range.start) === range.start ? range.start : addDays(weekStart(range.start), 7);
  const weeks: Day[] = [];
  let week = first;
  while (addDays(week, 7) <= range.end) {
    weeks.push(week);
    week = addDays(week, 7);
  }
  if (weeks.length === 0) return { weeks, days: range.start < range.end ? [range] : [] };
  const days = [
    { start: range.start, end: first },
    { start: week, end: range.end },
  ].filter((r) => r.start < r.end);
  return { weeks, days };
}

/** `range` as the whole 7-day blocks inside it (their first days) and the days left, as ranges. */
export function splitByBlock(range: DayRange): { blocks: Day[]; days: DayRange[] } {
  const blocks: Day[] = [];
  const days: { start: Day; end: Day }[] = [];
  let day = range.start;
  while (day < range.end) {
    const end = blockEnd(day);
    if (blockStart(day) === day && end <= range.end) {
      blocks.push(day);
      day = end;
    } else {
      const last = days.at(-1);
      if (last?.end === day) last.end = addDays(day, 1);
      else days.push({ start: day, end: addDays(day, 1) });
      day = addDays(day, 1);
    }
  }
  return { blocks, days };
}

/**
 * The FROM item `… cr` for `source` over `ranges` of one organization, holding only those days
 * (so the planner sees each table's own range once). A rollup read over a range holding whole
 * months reads those months from its monthly table (one row per month, `day` its first day); the
 * key and search rollups read whole 7-day blocks of the rest from their weekly tables, the
 * workspace × model rollup its whole ISO weeks; the days left come from the daily table. A range's last part that starts on a month's 1st reads that
 * month's row too, when no record of the organization falls after the range in that month (a
 * window ending today, or at the data's end): the month then sums exactly that part. Which of the
 * two it reads is decided once per statement (`noRecordAfter`). `buckets` other than `none` (cost
 * over time) keeps daily rows; in `week` buckets, a rollup with ISO weeks (search) reads the whole
 * ISO weeks of each range from its ISO-week table and only the days left daily. `narrow`, a
 * condition on the source's own columns that every row the caller keeps meets, is added to each part, where the part's indexes can find those rows (`searchPrefilter`,
 * `workspacePrefilter`). `daysLeft`, for a rollup without a daily table, is the FROM item `… cr`
 * of the days left (given as ranges), with the rollup's columns, already narrowed
 * (`searchDaysSql`); by default its `dailyFrom`, narrowed by `narrow`.
 */
export function sourceSql(
  add: AddParam,
  organizationId: string,
  source: Exclude<RecordSource, 'search-days'>,
  ranges: readonly DayRange[],
  buckets: Buckets,
  narrow?: string,
  daysLeft?: (ranges: readonly DayRange[]) => string,
): string {
  if (source === 'records') return RECORDS;
  const rollup = ROLLUPS[source];
  const byDay = buckets !== 'none';
  const org = add(organizationId, 'uuid');
  const narrowed = narrow ? ` AND ${narrow}` : '';
  const parts: string[] = [];
  /** The days and 7-day blocks (or ISO weeks) of `edges`, each part also meeting `gate`. */
  const readEdges = (edges: readonly DayRange[], gate: string) => {
    const coarse = edges.map((edge) => {
      if (!byDay && rollup.blocks) return { weeks: [], ...splitByBlock(edge) };
      if (!byDay && rollup.isoWeeks) return { blocks: [], ...splitByIsoWeek(edge) };
      return { blocks: [], weeks: [], days: [edge] };
    });
    const blocks = coarse.flatMap((s) => s.blocks);
    const weeks = coarse.flatMap((s) => s.weeks);
    const days = coarse.flatMap((s) => s.days);
    if (days.length > 0 && daysLeft && rollup.dailyFrom) {
      parts.push(`SELECT * FROM ${daysLeft(days)} WHERE true${gate}`);
    } else if (days.length > 0) {
      const inDays = days.map((r) => `(day >= ${add(r.start, 'date')} AND day < ${add(r.end, 'date')})`).join(' OR ');
      parts.push(`SELECT ${rollup.columns}${rollup.dailyExtra} FROM ${rollup.dailyFrom ?? rollup.table}
      WHERE organization_id = ${org} AND (${inDays})${narrowed}${gate}`);
    }
    if (blocks.length > 0) {
      parts.push(`SELECT ${rollup.columns}${rollup.monthlyExtra} FROM ${rollup.table}_weekly
      WHERE organization_id = ${org} AND day = ANY(${add(blocks, 'date[]')})${narrowed}${gate}`);
    }
    if (weeks.length > 0) {
      parts.push(`SELECT ${rollup.columns}${rollup.monthlyExtra} FROM ${rollup.table}_iso_weekly
      WHERE organization_id = ${org} AND day = ANY(${add(weeks, 'date[]')})${narrowed}${gate}`);
    }
  };
  const isoWeekly = buckets === 'week' && rollup.isoWeeks;
  const split = ranges.map((range) => {
    if (isoWeekly) return { months: [], ...splitByIsoWeek(range) };
    return byDay ? { months: [], weeks: [], days: [range] } : { weeks: [], ...splitByMonth(range) };
  });
  const months = split.flatMap((s) => s.months);
  const edges = split.flatMap((s) => s.days);
  // each range's last part from a month's 1st: the month's row where no record follows it in that month
  const closing = byDay ? [] : edges.filter((r) => r.start.endsWith('-01') && r.end < nextMonth(r.start));
  readEdges(
    edges.filter((r) => !closing.includes(r)),
    '',
  );
  const monthConditions = months.length > 0 ? [`day = ANY(${add(months, 'date[]')})`] : [];
  for (const part of closing) {
    const noneAfter = noRecordAfter(add, org, part);
    readEdges([part], ` AND NOT ${noneAfter}`);
    monthConditions.push(`(day = ${add(part.start, 'date')} AND ${noneAfter})`);
  }
  // one monthly part, so a search's trigram index is scanned once
  if (monthConditions.length > 0) {
    parts.push(`SELECT ${rollup.columns}${rollup.monthlyExtra} FROM ${rollup.table}_monthly
      WHERE organization_id = ${org} AND (${monthConditions.join(' OR ')})${narrowed}`);
  }
  const weeks = split.flatMap((s) => s.weeks);
  if (weeks.length > 0) {
    parts.push(`SELECT ${rollup.columns}${rollup.monthlyExtra} FROM ${rollup.table}_iso_weekly
      WHERE organization_id = ${org} AND day = ANY(${add(weeks, 'date[]')})${narrowed}`);
  }
  // An empty window still needs the columns (and reads `narrow`'s parameters, as every statement must).
  if (parts.length === 0)
    parts.push(`SELECT ${rollup.columns}${rollup.monthlyExtra} FROM ${rollup.table}_monthly WHERE false${narrowed}`);
  return `(${parts.join('\n      UNION ALL ')}) cr`;
}

/**
 * SQL, true when the organization (`org`, a placeholder) has no record from `part`'s end to the end
 * of its month, read from the account rollup (a row per account and day with records). It refers to
 * no outer column, so PostgreSQL evaluates it once and skips the part it rules out.
 */
function noRecordAfter(add: AddParam, org: string, part: DayRange): string {
  return `NOT EXISTS (SELECT 1 FROM cost_rollup_accounts after_part WHERE after_part.organization_id = ${org}
        AND after_part.day >= ${add(part.end, 'date')} AND after_part.day < ${add(nextMonth(part.start), 'date')})`;
}
