import { requireCaller, type ApiContext } from '../../context';
import type { ProviderAccountObject } from './provider-account.type';

/** Federation: resolves `{ __typename: "ProviderAccount", id }` within the caller's organization only. */
export function resolveProviderAccountReference(
  reference: { id: string },
  ctx: ApiContext,
): Promise<ProviderAccountObject | null> {
  return ctx.services.providerAccounts.get(requireCaller(ctx).organizationId, reference.id);
}
