import type { DayRange } from '@spendsync/domain';
import type { DashboardFilter } from './dashboard-filter';
import {
  containsPattern,
  holdsBesidesKeyHint,
  inKeyPairs,
  inWorkspacePairs,
  keyHintHolds,
  searchPrefilter,
  searchValuesPrefilter,
  workspacePrefilter,
  type SearchMatches,
  type SearchTerm,
} from './dashboard-prefilters';
import { hasWorkspace, readsByRecordName, sourceSql, type Buckets, type RecordSource } from './dashboard-sources';
import {
  keySearchSql,
  searchDaysSql,
  searchPeriodSql,
  isWholeAccountSource,
  wholeAccountsSql,
  type FinerRows,
  type SearchDaysNarrowing,
  type WholeAccountSource,
} from './search-sources';
import { recordFilterColumns } from './record-columns';
import type { SqlParams } from './sql-params';

/*
 * The FROM item a dashboard scan reads (`fromItem`): the source's tables over the window, each part
 * narrowed for the filter, and under a search what holds the term, read first or looked up.
 */

/** The filter's search term and, when read already, what holds it (`withSearchMatches`). */
export function searchTerm(filter: DashboardFilter): SearchTerm {
  return { text: filter.search ?? '', matches: filter.searchMatches };
}

/** What narrows each part of a scan of `source` under `filter` (`sourceSql`'s `narrow`), if anything. */
export function narrowing(p: SqlParams, organizationId: string, filter: DashboardFilter, source: RecordSource) {
  const conditions = [
    // only the search rollup has every column the search prefilter names
    (source === 'search' || source === 'search-models') && filter.search
      ? searchPrefilter(p, organizationId, searchTerm(filter))
      : undefined,
    // the records are one FROM item, not parts (sourceSql): a parameter no statement reads would fail it
    filter.workspaces.length > 0 && source !== 'records' && hasWorkspace(source)
      ? workspacePrefilter(p, organizationId, filter.workspaces)
      : undefined,
  ].filter((condition) => condition !== undefined);
  return conditions.length > 0 ? conditions.join(' AND ') : undefined;
}

/** True when only key hints hold the term: no model, workspace name or id, nor workspace named so. */
function onlyHintsHold(matches: SearchMatches): boolean {
  const { model, workspace_name, workspace_external_id } = matches.values;
  return model.length + workspace_name.length + workspace_external_id.length + matches.namedIds.length === 0;
}

/**
 * What a search whose matches were read reads at the search grain besides the workspace × model
 * rollup's part (`FinerRows`), each part narrowed by what `also` gives too (built only for a part
 * read: a parameter no statement reads would fail it): the rows of key hints holding the term whose
 * workspace and model do not hold it (only hints with a record in a workspace not holding it can
 * have such rows: `hintsElsewhere`), and the rows of the workspaces whose record names the rollup
 * cannot tell apart (`mixedWorkspaces`) whose workspace or model holds it.
 */
function finerRows(p: SqlParams, term: SearchTerm, also: () => readonly string[]): FinerRows[] {
  const matches = term.matches;
  if (!matches) return [];
  // the search's own columns (filterConditions), the key hint left out, on the rows `h`; built once
  let holding: string | undefined;
  const holds = () =>
    (holding ??= holdsBesidesKeyHint(
      recordFilterColumns('h', 'hw'),
      p.add(containsPattern(term.text), 'text'),
      term.text,
    ));
  const rows: FinerRows[] = [];
  const hints = matches.hintsElsewhere;
  if (hints.length > 0) {
    rows.push({
      narrow: [`api_key_hint = ANY(${p.add(hints, 'text[]')})`, ...also()].join(' AND '),
      keep: `NOT ${holds()}`,
    });
  }
  if (matches.mixedWorkspaces.length > 0) {
    rows.push({ narrow: [inWorkspacePairs(p, matches.mixedWorkspaces), ...also()].join(' AND '), keep: holds() });
  }
  return rows;
}

/**
 * The accounts a search holds wholly, as a scan reads them (`wholeAccountsRead`): `wanted`, the
 * rollup its caller reads unsearched, and `ids`, the placeholder of their ids (one parameter for
 * the FROM item and the scan's search condition).
 */
export type WholeAccounts = { wanted: WholeAccountSource; ids: string };

/**
 * The accounts a search holds wholly whose rows a scan of `source`, for a caller that reads
 * `wanted` unsearched, reads from `wanted` itself (`wholeAccountsSql`); null when it reads none so:
 * the matches were not read or name no such account, the caller wants keys or records (their
 * searches have their own paths), or a workspace filter needs the workspace on every row.
 */
export function wholeAccountsRead(
  p: SqlParams,
  filter: DashboardFilter,
  source: RecordSource,
  wanted: RecordSource | undefined,
): WholeAccounts | null {
  const accounts = filter.search ? filter.searchMatches?.wholeAccounts : undefined;
  if (!accounts || accounts.length === 0 || filter.workspaces.length > 0) return null;
  if (source !== 'search-models' && source !== 'search-days') return null;
  return isWholeAccountSource(wanted) ? { wanted, ids: p.add(accounts, 'uuid[]') } : null;
}

/**
 * The FROM item `… cr` of `source` over `ranges`, narrowed for `filter` (`sourceSql`,
 * `searchDaysSql`); under a search holding accounts wholly (`whole`: `wholeAccountsRead`), those
 * accounts' rows read from the rollup the caller reads unsearched.
 */
export function fromItem(
  p: SqlParams,
  organizationId: string,
  filter: DashboardFilter,
  source: RecordSource,
  ranges: readonly DayRange[],
  buckets: Buckets,
  whole?: WholeAccounts | null,
): string {
  const add = (value: unknown, cast?: string) => p.add(value, cast);
  if (whole) {
    const part = filter.searchMatches?.partAccounts;
    // the other accounts the term holds in part, at the search grain (none: nothing more to read)
    const rest = () => ({
      from: fromItem(p, organizationId, filter, source, ranges, buckets),
      kept: part
        ? `cr.provider_account_id = ANY(${p.add(part, 'uuid[]')})`
        : `NOT (cr.provider_account_id = ANY(${whole.ids}))`,
    });
    const accounts = `provider_account_id = ANY(${whole.ids})`;
    return wholeAccountsSql(
      add,
      organizationId,
      whole.wanted,
      ranges,
      buckets,
      accounts,
      part?.length === 0 ? null : rest(),
    );
  }
  const term = searchTerm(filter);
  const workspaces = () =>
    filter.workspaces.length > 0 ? [workspacePrefilter(p, organizationId, filter.workspaces)] : [];
  // built once, when first read (a parameter no statement reads would fail it), for every part
  let daysNarrowing: SearchDaysNarrowing | undefined;
  // matches read first: whether a workspace or model holds the term at all (else the workspace ×
  // model rollup has nothing to add, and is not read)
  const byWorkspaceOrModel = term.matches && !onlyHintsHold(term.matches);
  // what narrows the workspace × model rollup's rows: their model or workspace holds the term, and
  // their workspace's record names are told apart by the term (else its rows are read finer)
  const rollup = () => {
    const holding = searchValuesPrefilter(p, organizationId, term, ['model', 'workspace_name']);
    const mixed = term.matches?.mixedWorkspaces ?? [];
    return mixed.length > 0 ? `${holding} AND NOT coalesce(${inWorkspacePairs(p, mixed)}, false)` : holding;
  };
  const searchDays = (days: readonly DayRange[]) => {
    daysNarrowing ??= term.matches
      ? { rollup: byWorkspaceOrModel ? rollup() : null, finer: finerRows(p, term, () => []) }
      : {
          keyHintHolds: keyHintHolds(p, organizationId, term),
          rollup: rollup(),
          records: searchPrefilter(p, organizationId, term),
        };
    return searchDaysSql(add, organizationId, days, daysNarrowing);
  };
  if (source === 'search-days') return searchDays(ranges);
  // a workspace whose records carry names differing on the filter: each row must carry its
  // record's name, which only the search rollup and the records do (`sourceFor`)
  const byRecordName = readsByRecordName(filter);
  const keys = byRecordName ? undefined : term.matches?.keys;
  if (source === 'search' && keys) {
    // the keys the term holds wholly from the key rollup, the others' rows at the search grain
    const whole = keys.whole.length > 0 ? inKeyPairs(p, keys.whole) : null;
    // built only when read (a parameter no statement reads would fail it)
    const partly = () =>
      [
        searchPrefilter(p, organizationId, term),
        ...(whole !== null ? [`NOT coalesce(${whole}, false)`] : []),
        ...workspaces(),
      ].join(' AND ');
    return keySearchSql(
      add,
      organizationId,
      ranges,
      buckets,
      whole !== null ? [whole, ...workspaces()].join(' AND ') : null,
      keys.partly > 0 ? partly() : null,
    );
  }
  if (source === 'search-models' && buckets !== 'day' && term.matches && !byRecordName) {
    return searchPeriodSql(
      add,
      organizationId,
      ranges,
      byWorkspaceOrModel ? [rollup(), ...workspaces()].join(' AND ') : null,
      finerRows(p, term, workspaces),
      buckets,
    );
  }
  const narrow = narrowing(p, organizationId, filter, source);
  return sourceSql(
    add,
    organizationId,
    source,
    ranges,
    buckets,
    narrow,
    // without a search, or by record name, the records of the days left (narrowed by `narrow`)
    source === 'search-models' && filter.search && !byRecordName ? searchDays : undefined,
  );
}
