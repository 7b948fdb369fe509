import { requireCaller, type ApiContext } from '../../context';
import type { WorkspaceObject } from './workspace.type';

/** Federation: resolves `{ __typename: "Workspace", id }` within the caller's organization only. */
export function resolveWorkspaceReference(reference: { id: string }, ctx: ApiContext): Promise<WorkspaceObject | null> {
  return ctx.services.workspaces.get(requireCaller(ctx).organizationId, reference.id);
}
