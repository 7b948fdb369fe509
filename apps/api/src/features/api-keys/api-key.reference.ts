import { requireCaller, type ApiContext } from '../../context';
import type { ApiKeyObject } from './api-key.type';

/** Federation: resolves `{ __typename: "ApiKey", id }` within the caller's organization only. */
export function resolveApiKeyReference(reference: { id: string }, ctx: ApiContext): Promise<ApiKeyObject | null> {
  return ctx.services.apiKeys.get(requireCaller(ctx).organizationId, reference.id);
}
