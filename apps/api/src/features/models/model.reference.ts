import { requireCaller, type ApiContext } from '../../context';
import type { ModelObject } from './model.type';

/** Federation: resolves `{ __typename: "Model", id }` when the caller's organization has records for it. */
export function resolveModelReference(reference: { id: string }, ctx: ApiContext): Promise<ModelObject | null> {
  return ctx.services.models.get(requireCaller(ctx).organizationId, reference.id);
}
