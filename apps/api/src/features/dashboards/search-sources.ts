import type { DayRange } from '@spendsync/domain';
import { RECORDS, SEARCH, SEARCH_COLUMNS, sourceSql, type AddParam, type Buckets } from './dashboard-sources';

/*
 * What a search reads besides the search rollup's own months and blocks (`sourceSql`): a period's
 * sums and its days split between the workspace × model rollup and the rows of the key hints
 * holding the term, or the records.
 */

/** The key columns of a search-rollup row read from a rollup without keys (`searchDaysSql`…). */
const NO_KEY = 'NULL::text AS api_key_external_id, NULL::text AS api_key_hint, NULL::text AS api_key_name';
const NO_ACTIVITY = 'NULL::boolean AS is_active, NULL::date AS last_active_day';

/** The rows of a searched period some key hint holding the term may add (`searchPeriodSql`). */
export type HintedRows = {
  /** What narrows the search rollup's rows (and the records of the days left) to those hints. */
  narrow: string;
  /**
   * SQL, true for a row (`h`, its workspace in the directory `hw`) whose workspace and model do
   * not match the term: the rows the workspace × model rollup's part leaves to this one.
   */
  elsewhere: string;
};

/**
 * The FROM item `… cr` a search reads for a period's sums (`search-models`, `none` buckets) or by
 * ISO week (`week`) once what holds the term was read (in the statement's snapshot:
 * `withSearchMatches`). A record matches when its workspace, its model or its key hint holds the
 * term; the records whose
 * workspace or model does are summed from the workspace × model rollup (a quarter of the search
 * rollup's rows per month, no key in its grain), narrowed by `narrow` on its model and workspace
 * columns. When a key hint holds the term, the rest — records whose key hint holds it but whose
 * workspace and model do not (`hinted.elsewhere`) — come from the search rollup's rows of those
 * hints (`hinted.narrow`, through its hint index, and the records' for the days left). Each record
 * is in one part: a term held by hundreds of values (a provider's name) reads a few percent of the
 * search rollup instead of scanning it. The rows carry the search rollup's columns, keys null in
 * the first part.
 */
export function searchPeriodSql(
  add: AddParam,
  organizationId: string,
  ranges: readonly DayRange[],
  narrow: string | null,
  hinted?: HintedRows,
  buckets: Exclude<Buckets, 'day'> = 'none',
): string {
  const parts: string[] = [];
  // `narrow` null: no workspace or model holds the term, the rollup has nothing to add
  if (narrow !== null || !hinted) {
    parts.push(`SELECT ${SEARCH_COLUMNS(NO_KEY, NO_ACTIVITY)}
      FROM ${sourceSql(add, organizationId, 'workspace-models', ranges, buckets, narrow ?? 'false')}`);
  }
  if (hinted) {
    parts.push(
      hintedPart(`SELECT * FROM ${sourceSql(add, organizationId, 'search', ranges, buckets, hinted.narrow)}`, hinted),
    );
  }
  return `(${parts.join('\n      UNION ALL\n      ')}) cr`;
}

/** The rows of `rows` (a SELECT with the search rollup's columns) that `hinted` leaves to the key hints. */
function hintedPart(rows: string, hinted: HintedRows): string {
  return `SELECT h.* FROM (${rows}) h
      LEFT JOIN workspaces hw ON hw.provider_account_id = h.provider_account_id AND hw.external_id = h.workspace_external_id
      WHERE ${hinted.elsewhere}`;
}

/**
 * The conditions `searchDaysSql` reads its sources under: `rollup` narrows the workspace × model
 * rollup's rows (on their model, workspace name and id). Looked up by the statement itself: which
 * source is read depends on `keyHintHolds` (true when a key hint holds the term), the records then
 * narrowed by `records`. Read first (`withSearchMatches`): the rollup's rows, and `hinted` (null
 * when no key hint holds the term) the records of those hints its part leaves.
 */
export type SearchDaysNarrowing =
  { rollup: string; keyHintHolds: string; records: string } | { rollup: string | null; hinted: HintedRows | null };

/**
 * The FROM item `… cr` a search by day reads over `ranges` (cost over time: no search rollup is
 * daily, it would be as large as the records). A record matches a search when its workspace, key
 * hint or model holds the term. When no key hint of the organization holds it (most searches name
 * a model or a team), the match depends on the workspace and the model alone, which the daily
 * workspace × model rollup holds (a third of the records' rows at 10 M records), so it is read
 * instead, narrowed through its indexes. When one does and the matches were read first, the
 * rollup still gives the records whose workspace or model holds the term, and the records of the
 * hints holding it (through their hint index) the rest (`hinted`, as in `searchPeriodSql`);
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
  if ('hinted' in narrow) {
    const hinted = narrow.hinted;
    if (!hinted) return `(${byWorkspaceOrModel('')}) cr`;
    const byHint = hintedPart(
      `SELECT ${SEARCH.columns} FROM ${RECORDS} WHERE organization_id = ${org} AND (${inDays}) AND ${hinted.narrow}`,
      hinted,
    );
    // `rollup` null: no workspace or model holds the term, the rollup has nothing to add
    return narrow.rollup === null
      ? `(${byHint}) cr`
      : `(${byWorkspaceOrModel('')}\n      UNION ALL\n      ${byHint}) cr`;
  }
  return `(${byWorkspaceOrModel(` AND NOT ${narrow.keyHintHolds}`)}
      UNION ALL
      -- gated above the scan (OFFSET 0 keeps the gate out of it): a parallel scan skipped below its
      -- Gather still starts its workers
      SELECT * FROM (SELECT ${SEARCH.columns} FROM ${RECORDS}
        WHERE organization_id = ${org} AND (${inDays}) AND ${narrow.records} OFFSET 0) hinted
      WHERE ${narrow.keyHintHolds}) cr`;
}
