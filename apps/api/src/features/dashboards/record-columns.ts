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

/**
 * Where a scan of records or of a rollup (aliased `record`), joined to the workspace directory
 * (aliased `directory`), holds each filtered column. The workspace is shown as the admin's name
 * (rename or shared mapping), else the provider's name from the directory, else the name the
 * record carried, else its id.
 */
export function recordFilterColumns(record: string, directory: string): FilterColumns {
  return {
    provider: `${record}.provider`,
    workspaceName: `coalesce(${directory}.display_name, ${directory}.provider_name, ${record}.workspace_name, ${record}.workspace_external_id)`,
    workspaceId: `${directory}.id`,
    workspaceExternalId: `${record}.workspace_external_id`,
    keyHint: `${record}.api_key_hint`,
    model: `${record}.model`,
    searchAlso: [`${directory}.provider_name`, `${record}.workspace_name`],
  };
}

/** The columns of a scan as `cr`, joined to the directory as `w` (what dashboards read). */
export const RECORD_FILTER_COLUMNS: FilterColumns = recordFilterColumns('cr', 'w');

/** A cost record's workspace as dashboards show it (`recordFilterColumns`). */
export const RECORD_WORKSPACE_NAME = RECORD_FILTER_COLUMNS.workspaceName;

/** The columns `search` looks in, the key hint left out when `keyHint` is false. */
export function searchedFields(columns: FilterColumns, { keyHint = true } = {}): string[] {
  return [
    columns.workspaceName,
    ...(keyHint ? [columns.keyHint] : []),
    ...(columns.model ? [columns.model] : []),
    ...(columns.searchAlso ?? []),
  ];
}
