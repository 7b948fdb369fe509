import { requireCaller, type ApiContext } from '../../context';
import type { OrganizationObject } from './organization.type';

/** Federation: resolves `{ __typename: "Organization", id }` only for the caller's own organization (else null). */
export async function resolveOrganizationReference(
  reference: { id: string },
  ctx: ApiContext,
): Promise<OrganizationObject | null> {
  const caller = requireCaller(ctx);
  return reference.id === caller.organizationId ? ctx.services.organizations.get(caller.organizationId) : null;
}
