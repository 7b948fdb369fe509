/**
 * The search and workspace conditions of a dashboard filter: the exact search condition, and the
 * prefilters that narrow each part of a scan to rows the exact conditions can keep, where the
 * part's indexes find them (`sourceSql`'s `narrow`).
 */

import { searchedFields, type FilterColumns } from './record-columns';

/** Adds a parameter and returns its placeholder (`SqlParams`). */
type Params = { add(value: unknown, cast?: string): string };

/**
 * SQL, the workspace filter's condition on a row of `columns` (`names`, a placeholder for its
 * names): the workspace as shown (the admin's name, the provider's, the record's, else its id),
 * the directory entry's id, or the provider's workspace id is one of them.
 */
export function workspaceCondition(columns: FilterColumns, names: string): string {
  return `(${columns.workspaceName} = ANY(${names}) OR ${columns.workspaceId}::text = ANY(${names})
      OR ${columns.workspaceExternalId} = ANY(${names}))`;
}

/** `value` escaped for a LIKE pattern, wrapped in `%…%`. */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Joins the searched columns: a character no search term holds (see `searchCondition`). */
const SEARCH_SEPARATOR = '\u001f';

/**
 * True when any of `fields` contains the search term (`pattern`, from `containsPattern(search)`),
 * case-insensitively. One ILIKE over the fields joined by a separator the term does not hold: the
 * term can then match only inside one field, so this is exactly the OR of one ILIKE per field, at
 * one call per row instead of one per field (a 365-day search at 10 M records spent most of its time
 * in those calls). A term that holds the separator gets the OR itself.
 */
export function searchCondition(fields: readonly string[], pattern: string, search: string): string {
  if (search.includes(SEARCH_SEPARATOR)) return `(${fields.map((f) => `${f} ILIKE ${pattern}`).join(' OR ')})`;
  return `(concat_ws(E'\\x1f', ${fields.join(', ')}) ILIKE ${pattern})`;
}

/**
 * SQL, true (never null) when the search term (`pattern`, from `containsPattern(search)`) is held
 * by a row's searched columns (`searchedFields`): its workspace as the row shows it, its model
 * unless `columns` has none, and its key hint unless `keyHint` is false.
 */
export function searchHolds(columns: FilterColumns, pattern: string, search: string, { keyHint = true } = {}): string {
  return `coalesce(${searchCondition(searchedFields(columns, { keyHint }), pattern, search)}, false)`;
}

/**
 * `searchHolds` on a row's searched columns other than its key hint: what a workspace × model
 * rollup row can tell.
 */
export function holdsBesidesKeyHint(columns: FilterColumns, pattern: string, search: string): string {
  return searchHolds(columns, pattern, search, { keyHint: false });
}

/** The searched columns of a search-rollup row or a record, as `search_values` names them. */
export type SearchedField = 'model' | 'api_key_hint' | 'workspace_name' | 'workspace_external_id';

/**
 * What holds one search term in an organization, read before a statement is built
 * (`readSearchMatches`, in the statement's snapshot): the values of each searched column, and the
 * workspaces whose admin or provider name holds it. Passed as array parameters, PostgreSQL plans
 * with them: it hashes a long array once and estimates how many rows match (a term every workspace
 * or hundreds of key hints hold reads the table straight through), where an array a subquery builds
 * at run time is scanned element by element for every row, unestimated.
 */
export type SearchMatches = {
  values: Readonly<Record<SearchedField, readonly string[]>>;
  /** The named workspaces' provider ids. */
  namedIds: readonly string[];
  /** The named workspaces as `<account id>` U+001F `<provider id>`: ids repeat across accounts. */
  namedPairs: readonly string[];
  /**
   * The key hints holding the term that some record carries in a workspace not holding it
   * (`search_places`): the only hints whose records a workspace × model rollup's part of a
   * search may miss (`searchPeriodSql`).
   */
  hintsElsewhere: readonly string[];
  /**
   * Workspaces whose records carry names of which some hold the term and some do not (renamed at
   * the provider), as `namedPairs` (an empty provider id for none): a rollup keeping one name per
   * row cannot tell their records apart.
   */
  mixedWorkspaces: readonly string[];
  /**
   * The accounts the term holds wholly (their ids): every record of the account holds it by its key
   * hint or workspace, and each workspace of it is shown by one name. A search reads their figures
   * from the rollup its caller reads unsearched (`wholeAccountsSql`), not at the search grain.
   * Absent: none is known (a filter built without `readSearchMatches`).
   */
  wholeAccounts?: readonly string[];
  /**
   * The other accounts with records holding the term (their ids): a key hint or workspace of some
   * place of theirs holds it, or a model of one of their keys. No other account has any. Read when
   * some account is held wholly (`readSearchMatches`); absent otherwise: not known.
   */
  partAccounts?: readonly string[];
  /**
   * Read when asked (`readSearchMatches`' `keys`, the API keys dashboard): the keys the term holds
   * wholly, as `<account id>` U+001F `<key id>` (empty for spend with no key) — every record of the
   * key holds it by its key hint or workspace, in a workspace whose record names agree on it, so
   * the key rollup sums them — and how many keys it holds only in part (`partly`: by a model, or
   * in some of their workspaces), whose rows are read at the search grain (`keySearchSql`).
   */
  keys?: { whole: readonly string[]; partly: number };
};

/**
 * SQL, a workspace as `SearchMatches` pairs it with its account: `<account id>` U+001F `<provider
 * id>`, empty for none (providers' workspace ids repeat across accounts).
 */
export const workspacePairSql = (account: string, workspace: string) =>
  `${account}::text || E'\\x1f' || coalesce(${workspace}, '')`;

/** SQL, a key as `SearchMatches.keys` pairs it with its account: `<account id>` U+001F `<key id>`, empty for none. */
export const keyPairSql = (account: string, key: string) => workspacePairSql(account, key);

/**
 * SQL, true for a row (its own columns, qualified by `prefix`) of one of the keys `pairs`
 * (`SearchMatches.keys`; null for some rows of no key, so `NOT coalesce(…, false)` for the others):
 * the account, then the key id (the key rollups' (account, key, day) indexes find both), then the
 * text pair; and the spend with no key of the accounts paired with none.
 */
export function inKeyPairs(p: Params, pairs: readonly string[], prefix = ''): string {
  const [account, key] = [`${prefix}provider_account_id`, `${prefix}api_key_external_id`];
  // an account id is a uuid (36 characters), then the separator and the key id (empty for none)
  const keyed = pairs.filter((pair) => pair.length > 37);
  const keyless = pairs.filter((pair) => pair.length <= 37).map((pair) => pair.slice(0, 36));
  const arms = [
    ...(keyed.length > 0
      ? [
          `(${account} = ANY(${p.add([...new Set(keyed.map((pair) => pair.slice(0, 36)))], 'uuid[]')})
          AND ${key} = ANY(${p.add([...new Set(keyed.map((pair) => pair.slice(37)))], 'text[]')})
          AND (${keyPairSql(account, key)}) = ANY(${p.add(keyed, 'text[]')}))`,
        ]
      : []),
    ...(keyless.length > 0 ? [`(${key} IS NULL AND ${account} = ANY(${p.add(keyless, 'uuid[]')}))`] : []),
  ];
  return arms.length > 0 ? `(${arms.join(' OR ')})` : 'false';
}

/**
 * SQL, true for a row (its own columns, qualified by `prefix`) of one of the workspaces `pairs`
 * (`<account id>` U+001F `<provider id>`, empty for none, as `SearchMatches` holds them), and,
 * with `ids`, whose workspace id is one of those. The account first (a uuid test, an account id
 * being 36 characters), then the ids, then the text pair: the pair is built only for the rows of
 * those accounts' workspaces, not for every account's workspace of those ids.
 */
export function inWorkspacePairs(p: Params, pairs: readonly string[], prefix = '', ids?: readonly string[]): string {
  const workspace = `${prefix}workspace_external_id`;
  const accounts = [...new Set(pairs.map((pair) => pair.slice(0, 36)))];
  return `(${prefix}provider_account_id = ANY(${p.add(accounts, 'uuid[]')})${
    ids
      ? `
          AND ${workspace} = ANY(${p.add(ids, 'text[]')})`
      : ''
  }
          AND (${workspacePairSql(`${prefix}provider_account_id`, workspace)}) = ANY(${p.add(pairs, 'text[]')}))`;
}

/** A search term and, when read already, what holds it. */
export type SearchTerm = { text: string; matches?: SearchMatches | null };

/**
 * SQL, the values (an array) `field` takes in the organization (`org`, a placeholder) that hold the
 * term (`pattern`, a placeholder for `containsPattern(search)`): from `search_values`, matched
 * lowered with LIKE, which is what ILIKE does (PostgreSQL lowers both sides itself), through a
 * trigram index. Every element holds the term, so `column = ANY(…)` implies `column ILIKE pattern`.
 */
function valuesHolding(org: string, field: SearchedField, pattern: string): string {
  return `ARRAY(SELECT sv.value FROM search_values sv WHERE sv.organization_id = ${org} AND sv.field = '${field}'
        AND sv.value_lower LIKE lower(${pattern}))`;
}

/**
 * `column = ANY(values of field holding the term)`: the values read already as a parameter (none:
 * no arm, null), or `search_values` read by the statement. `lookup` adds the organization's and the
 * pattern's placeholders when first needed (a parameter no statement reads would fail it).
 */
function holdingArm(
  p: Params,
  term: SearchTerm,
  field: SearchedField,
  column: string,
  lookup: () => { org: string; pattern: string },
): string | null {
  const known = term.matches?.values[field];
  if (known) return known.length > 0 ? `${column} = ANY(${p.add(known, 'text[]')})` : null;
  const { org, pattern } = lookup();
  return `${column} = ANY(${valuesHolding(org, field, pattern)})`;
}

/** Placeholders for the organization and the term's pattern, added once, when first asked for. */
function lazyLookup(p: Params, organizationId: string, search: string, pattern?: string) {
  let placeholders: { org: string; pattern: string } | undefined;
  return () =>
    (placeholders ??= {
      pattern: pattern ?? p.add(containsPattern(search), 'text'),
      org: p.add(organizationId, 'uuid'),
    });
}

/** `a OR b …`, parenthesized, or `false` when no arm is left. */
const anyOf = (arms: readonly (string | null)[]) => {
  const kept = arms.filter((arm): arm is string => arm !== null);
  return kept.length > 0 ? `(${kept.join('\n        OR ')})` : 'false';
};

/**
 * A condition on a search rollup's own columns (or the records') that every row `search` matches
 * meets: one of its searched columns (model, key hint, workspace record name, workspace id) equals
 * a value holding the term, or its workspace is one whose admin or provider name holds it (found by
 * workspace id, then checked with its account: providers' workspace ids repeat across accounts, and
 * a search for one provider's workspace names kept every account's rows of those ids). `prefix`
 * qualifies the columns (`cr.` where the directory is joined). `search_values` holds every value
 * those columns take in the organization (a few thousand), so the condition is a few equality
 * tests per row, which the search rollups' btree indexes on each column find (see the SearchValues
 * migration), and a cheap test on the records of a window's edge days. It only narrows what is read — `searchCondition` still decides.
 */
export function searchPrefilter(p: Params, organizationId: string, search: SearchTerm, prefix = ''): string {
  return searchValuesPrefilter(p, organizationId, search, ['model', 'api_key_hint', 'workspace_name'], prefix);
}

/**
 * `searchPrefilter` for a source whose rows carry only some of the searched columns (`columns`,
 * and always the workspace id): a row's searched columns it lacks must hold no value matching the
 * term (`keyHintHolds` tells whether a key hint does), or it keeps too little.
 */
export function searchValuesPrefilter(
  p: Params,
  organizationId: string,
  search: SearchTerm,
  columns: readonly Exclude<SearchedField, 'workspace_external_id'>[],
  prefix = '',
): string {
  const lookup = lazyLookup(p, organizationId, search.text);
  const workspace = `${prefix}workspace_external_id`;
  const arms = [
    ...columns.map((c) => holdingArm(p, search, c, `${prefix}${c}`, lookup)),
    holdingArm(p, search, 'workspace_external_id', workspace, lookup),
  ];
  const matches = search.matches;
  if (matches) {
    if (matches.namedIds.length > 0) arms.push(inWorkspacePairs(p, matches.namedPairs, prefix, matches.namedIds));
    return anyOf(arms);
  }
  const { org, pattern } = lookup();
  const named = `SELECT ws.provider_account_id, ws.external_id FROM workspaces ws WHERE ws.organization_id = ${org}
          AND (ws.display_name ILIKE ${pattern} OR ws.provider_name ILIKE ${pattern})`;
  arms.push(`(${workspace} = ANY(ARRAY(SELECT n.external_id FROM (${named}) n))
          AND (${prefix}provider_account_id, ${workspace}) IN (${named}))`);
  return anyOf(arms);
}

/**
 * SQL, true when a key hint of the organization holds the search term (in `search_values`, which
 * holds every hint a record has): a constant when the matches were read, else a lookup that refers
 * to no outer column, which PostgreSQL evaluates once.
 */
export function keyHintHolds(p: Params, organizationId: string, search: SearchTerm): string {
  const known = search.matches?.values.api_key_hint;
  if (known) return known.length > 0 ? 'true' : 'false';
  const pattern = p.add(containsPattern(search.text), 'text');
  return `(cardinality(${valuesHolding(p.add(organizationId, 'uuid'), 'api_key_hint', pattern)}) > 0)`;
}

/**
 * SQL that implies the search condition on `columns` (its model and key hint ILIKE `pattern`): the
 * column equals a value of `search_values` holding the term. Put before the exact condition in an
 * OR, it settles most matching rows with a hashed lookup instead of the ILIKE over the joined
 * columns; a row it misses (a value `search_values` lacks, as metered usage may report) still gets
 * the exact condition, so the result is the same. Null when no value holds the term.
 */
export function searchShortcut(
  p: Params,
  organizationId: string,
  search: SearchTerm,
  pattern: string,
  columns: { model: string | null; keyHint: string },
): string | null {
  const lookup = lazyLookup(p, organizationId, search.text, pattern);
  const arms = [
    columns.model ? holdingArm(p, search, 'model', columns.model, lookup) : null,
    holdingArm(p, search, 'api_key_hint', columns.keyHint, lookup),
  ].filter((arm): arm is string => arm !== null);
  return arms.length > 0 ? arms.join(' OR ') : null;
}

/** SQL, the provider ids (an array) of the organization's workspaces that meet `condition` (on `ws`). */
function workspaceIdsWhere(p: Params, organizationId: string, condition: string): string {
  return `ARRAY(SELECT ws.external_id FROM workspaces ws WHERE ws.organization_id = ${p.add(organizationId, 'uuid')} AND (${condition}))`;
}

/**
 * A condition on a source's own workspace columns that every row the workspace filter keeps meets
 * (`filterConditions` matches the admin's name, the provider's, the record's, the workspace's id
 * or the provider's id): the row's workspace id is one of a workspace named so, or a name given,
 * or its record name is one. Checked in each part of the scan, it keeps the other workspaces'
 * rows out of the join with the directory (a year of Models for one of 400 workspaces at 10 M
 * records: 330,000 rows read, 7,500 joined).
 */
export function workspacePrefilter(p: Params, organizationId: string, workspaces: readonly string[]): string {
  const names = p.add(workspaces, 'text[]');
  const named = workspaceIdsWhere(
    p,
    organizationId,
    `ws.display_name = ANY(${names}) OR ws.provider_name = ANY(${names}) OR ws.id::text = ANY(${names})`,
  );
  return `(workspace_external_id = ANY(${named} || ${names}) OR workspace_name = ANY(${names}))`;
}
