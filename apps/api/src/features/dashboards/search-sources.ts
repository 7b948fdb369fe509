import type { DayRange } from '@spendsync/domain';
import {
  RECORDS,
  SEARCH,
  SEARCH_COLUMNS,
  SUMMED,
  sourceSql,
  type AddParam,
  type Buckets,
  type RecordSource,
} from './dashboard-sources';

/*
 * What a search reads besides the search rollup's own months and blocks (`sourceSql`): a period's
 * sums and its days split between the workspace × model rollup and rows at the search grain (the
 * search rollup's, or the records'), or the records.
 */

/** The key columns of a search-rollup row read from a rollup without keys (`searchDaysSql`…). */
const NO_KEY = 'NULL::text AS api_key_external_id, NULL::text AS api_key_hint, NULL::text AS api_key_name';
const NO_ACTIVITY = 'NULL::boolean AS is_active, NULL::date AS last_active_day';

/**
 * Rows of a searched period read at the search grain, besides the workspace × model rollup's
 * part (`searchPeriodSql`): the key hints holding the term whose records may be elsewhere, or the
 * workspaces whose record names the rollup cannot tell apart.
 */
export type FinerRows = {
  /** What narrows the search rollup's rows (and the records of the days left) to them. */
  narrow: string;
  /**
   * SQL, true for a row (`h`, its workspace in the directory `hw`) this part keeps: each record is
   * in exactly one part.
   */
  keep: string;
};

/**
 * The FROM item `… cr` a search reads for a period's sums (`search-models`, `none` buckets) or by
 * ISO week (`week`) once what holds the term was read (in the statement's snapshot:
 * `withSearchMatches`). A record matches when its workspace, its model or its key hint holds the
 * term. The records whose workspace or model does are summed from the workspace × model rollup (a
 * quarter of the search rollup's rows per month, no key in its grain), narrowed by `narrow` on its
 * model and workspace columns. The rest is read at the search grain, from the search rollup's rows
 * (and the records' for the days left) that each of `finer` narrows to and keeps: records whose
 * key hint holds the term but whose workspace and model do not, and the records of workspaces whose
 * names the rollup cannot tell apart (`narrow` leaves those out). Each record is in one part: a
 * term held by hundreds of values (a provider's name) reads a few percent of the search rollup
 * instead of scanning it. The rows carry the search rollup's columns, keys null in the first part.
 */
export function searchPeriodSql(
  add: AddParam,
  organizationId: string,
  ranges: readonly DayRange[],
  narrow: string | null,
  finer: readonly FinerRows[],
  buckets: Exclude<Buckets, 'day'> = 'none',
): string {
  const parts: string[] = [];
  // `narrow` null: no workspace or model holds the term, the rollup has nothing to add
  if (narrow !== null || finer.length === 0) {
    parts.push(`SELECT ${SEARCH_COLUMNS(NO_KEY, NO_ACTIVITY)}
      FROM ${sourceSql(add, organizationId, 'workspace-models', ranges, buckets, narrow ?? 'false')}`);
  }
  for (const rows of finer) {
    parts.push(kept(`SELECT * FROM ${sourceSql(add, organizationId, 'search', ranges, buckets, rows.narrow)}`, rows));
  }
  return `(${parts.join('\n      UNION ALL\n      ')}) cr`;
}

/** The key rollup's columns (`sourceSql`'s `keys`) in the search rollup's order, without model, unit or quantity. */
const KEY_ROWS_AS_SEARCH = `organization_id, provider_account_id, provider, day, workspace_external_id, workspace_name,
        api_key_external_id, api_key_hint, api_key_name, NULL::text AS model, NULL::text AS unit, records, cost,
        credits_applied, input_tokens, output_tokens, cached_input_tokens, requests, request_tokens,
        NULL::numeric AS quantity, NULL::jsonb AS mix, is_active, last_active_day`;

/**
 * The FROM item `… cr` a search reads, per key, for a period's sums once the keys it holds were read
 * (`SearchMatches.keys`, in the statement's snapshot). The keys it holds wholly (every record, by
 * its key hint or workspace) are summed from the key rollup, narrowed by `whole`: a row per key,
 * workspace and month, the model summed away. Only the keys it holds in part are read at the search
 * grain, from the search rollup (and the records of the days left), narrowed by `partly` (null:
 * none is). A term naming a provider holds each of its keys wholly: at 10 M records, a year of its
 * keys and the year before reads 17,000 key rows instead of 50,000 search-rollup rows and records.
 * The rows carry the search rollup's columns, model, unit and quantity null in the first part.
 */
export function keySearchSql(
  add: AddParam,
  organizationId: string,
  ranges: readonly DayRange[],
  buckets: Buckets,
  whole: string | null,
  partly: string | null,
): string {
  const parts = [
    ...(whole !== null
      ? [`SELECT ${KEY_ROWS_AS_SEARCH} FROM ${sourceSql(add, organizationId, 'keys', ranges, buckets, whole)}`]
      : []),
    ...(partly !== null || whole === null
      ? [`SELECT * FROM ${sourceSql(add, organizationId, 'search', ranges, buckets, partly ?? 'false')}`]
      : []),
  ];
  return `(${parts.join('\n      UNION ALL\n      ')}) cr`;
}

/** The rollups a search reads whole accounts from: what the Providers, Models and Workspaces dashboards and charts read unsearched. */
export type WholeAccountSource = Extract<RecordSource, 'accounts' | 'models' | 'workspaces'>;

/** Whether `source` is a rollup a search reads whole accounts from. */
export function isWholeAccountSource(source: RecordSource | undefined): source is WholeAccountSource {
  return source === 'accounts' || source === 'models' || source === 'workspaces';
}

const ACCOUNT_DAY_AS_SEARCH = 'organization_id, provider_account_id, provider, day';
const NO_WORKSPACE = 'NULL::text AS workspace_external_id, NULL::text AS workspace_name';
const NO_MODEL = 'NULL::text AS model, NULL::text AS unit';

/** Each coarser rollup's columns in the search rollup's order, those its grain lacks null. */
const AS_SEARCH: Record<WholeAccountSource, string> = {
  accounts: `${ACCOUNT_DAY_AS_SEARCH}, ${NO_WORKSPACE}, ${NO_KEY}, ${NO_MODEL}, ${SUMMED}, quantity, NULL::jsonb AS mix, ${NO_ACTIVITY}`,
  models: `${ACCOUNT_DAY_AS_SEARCH}, ${NO_WORKSPACE}, ${NO_KEY}, model, unit, ${SUMMED}, quantity, mix, ${NO_ACTIVITY}`,
  workspaces: `${ACCOUNT_DAY_AS_SEARCH}, workspace_external_id, workspace_name, ${NO_KEY}, ${NO_MODEL}, ${SUMMED}, quantity,
        NULL::jsonb AS mix, ${NO_ACTIVITY}`,
};

/**
 * The FROM item `… cr` a search reads when it holds some accounts wholly (`SearchMatches.wholeAccounts`:
 * every record of theirs matches). Their rows come from `wanted`, the rollup the caller reads
 * unsearched (its grain is all the caller groups by), narrowed by `accounts` (on its own columns).
 * The other accounts' rows come from `rest`, the search's own FROM item `… cr`, those `kept` (on
 * `cr`) keeps: the accounts holding the term in part; null when no other account holds it. A term
 * naming a provider holds its account wholly: a year of its chart by week reads 365 account rows
 * instead of 33,000 ISO-week rows of the workspace × model rollup. The rows carry the search
 * rollup's columns, those `wanted` lacks null.
 */
export function wholeAccountsSql(
  add: AddParam,
  organizationId: string,
  wanted: WholeAccountSource,
  ranges: readonly DayRange[],
  buckets: Buckets,
  accounts: string,
  rest: { from: string; kept: string } | null,
): string {
  const whole = `SELECT ${AS_SEARCH[wanted]} FROM ${sourceSql(add, organizationId, wanted, ranges, buckets, accounts)}`;
  if (!rest) return `(${whole}) cr`;
  return `(${whole}
      UNION ALL
      SELECT cr.* FROM ${rest.from} WHERE ${rest.kept}) cr`;
}

/** The rows of `rows` (a SELECT with the search rollup's columns) that `finer` keeps. */
function kept(rows: string, finer: FinerRows): string {
  return `SELECT h.* FROM (${rows}) h
      LEFT JOIN workspaces hw ON hw.provider_account_id = h.provider_account_id AND hw.external_id = h.workspace_external_id
      WHERE ${finer.keep}`;
}

/**
 * The conditions `searchDaysSql` reads its sources under: `rollup` narrows the workspace × model
 * rollup's rows (on their model, workspace name and id). Looked up by the statement itself: which
 * source is read depends on `keyHintHolds` (true when a key hint holds the term), the records then
 * narrowed by `records`. Read first (`withSearchMatches`): the rollup's rows (null: none), and
 * the records of each of `finer`, the rows its part leaves (as in `searchPeriodSql`).
 */
export type SearchDaysNarrowing =
  { rollup: string; keyHintHolds: string; records: string } | { rollup: string | null; finer: readonly FinerRows[] };

/**
 * The FROM item `… cr` a search by day reads over `ranges` (cost over time: no search rollup is
 * daily, it would be as large as the records). A record matches a search when its workspace, key
 * hint or model holds the term. When no key hint of the organization holds it (most searches name
 * a model or a team), the match depends on the workspace and the model alone, which the daily
 * workspace × model rollup holds (a third of the records' rows at 10 M records), so it is read
 * instead, narrowed through its indexes. When the matches were read first, the rollup gives the
 * records whose workspace or model holds the term, and the records the rest (`finer`: the hints
 * holding it through their hint index, as in `searchPeriodSql`);
 * looked up by the statement, the records are read instead of the rollup, which one decided once
 * per statement (`keyHintHolds` refers to no row). The rows carry the search rollup's columns, the
 * key columns (`api_key_…`, `is_active`, `last_active_day`) null when read from the rollup: the
 * days left of `search-models`, which no caller reads keys from.
 */
export function searchDaysSql(
  add: AddParam,
  organizationId: string,
  ranges: readonly DayRange[],
  narrow: SearchDaysNarrowing,
): string {
  const org = add(organizationId, 'uuid');
  const inDays =
    ranges
      .filter((r) => r.start < r.end)
      .map((r) => `(day >= ${add(r.start, 'date')} AND day < ${add(r.end, 'date')})`)
      .join(' OR ') || 'false';
  const byWorkspaceOrModel = (gate: string) => `SELECT ${SEARCH_COLUMNS(NO_KEY, NO_ACTIVITY)}
      FROM cost_rollup_workspace_models
      WHERE organization_id = ${org} AND (${inDays})${gate} AND ${narrow.rollup ?? 'false'}`;
  if ('finer' in narrow) {
    const parts = narrow.finer.map((rows) =>
      kept(
        `SELECT ${SEARCH.columns} FROM ${RECORDS} WHERE organization_id = ${org} AND (${inDays}) AND ${rows.narrow}`,
        rows,
      ),
    );
    // `rollup` null: no workspace or model holds the term, the rollup has nothing to add
    if (narrow.rollup !== null || parts.length === 0) parts.unshift(byWorkspaceOrModel(''));
    return `(${parts.join('\n      UNION ALL\n      ')}) cr`;
  }
  return `(${byWorkspaceOrModel(` AND NOT ${narrow.keyHintHolds}`)}
      UNION ALL
      -- gated above the scan (OFFSET 0 keeps the gate out of it): a parallel scan skipped below its
      -- Gather still starts its workers
      SELECT * FROM (SELECT ${SEARCH.columns} FROM ${RECORDS}
        WHERE organization_id = ${org} AND (${inDays}) AND ${narrow.records} OFFSET 0) hinted
      WHERE ${narrow.keyHintHolds}) cr`;
}
