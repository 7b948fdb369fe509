/*
 * Anthropic reports two kinds of usage without an id: the default workspace (`workspace_id:
 * null`) and Console / Workbench traffic (`api_key_id: null`). Both get explicit, named buckets
 * so their cost never disappears and the UI can say where it came from.
 */

/** Id we give the default workspace, which Anthropic reports as `workspace_id: null`. */
export const DEFAULT_WORKSPACE_ID = 'default';
/** Name of the default workspace (Anthropic's own label in the Console). */
export const DEFAULT_WORKSPACE_NAME = 'Default Workspace';
/** Name of the bucket for usage without an API key (Console playground, Workbench). */
export const CONSOLE_KEY_NAME = 'Console / Workbench (no API key)';

/** Our id for a workspace id as Anthropic sends it. */
export function workspaceBucketId(workspaceId: string | null | undefined): string {
  return workspaceId ?? DEFAULT_WORKSPACE_ID;
}

/**
 * Our id for an API key id as Anthropic sends it. Console usage gets one bucket per workspace
 * (`console:<workspace>`), so every key id belongs to exactly one workspace.
 */
export function apiKeyBucketId(apiKeyId: string | null | undefined, workspaceId: string): string {
  return apiKeyId ?? `console:${workspaceId}`;
}

/** True for the Console / Workbench bucket's id. */
export function isConsoleKeyId(id: string): boolean {
  return id.startsWith('console:');
}
