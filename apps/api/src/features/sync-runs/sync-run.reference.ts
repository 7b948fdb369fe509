import { requireCaller, type ApiContext } from '../../context';
import type { SyncRunObject } from './sync-run.type';

/** Federation: resolves `{ __typename: "SyncRun", id }` within the caller's organization only. */
export function resolveSyncRunReference(reference: { id: string }, ctx: ApiContext): Promise<SyncRunObject | null> {
  return ctx.services.syncRuns.get(requireCaller(ctx).organizationId, reference.id);
}
