import { requireCaller, type ApiContext } from '../../context';
import { isUuid } from '../../database/uuid';
import type { UserObject } from './user.type';

/** Federation: resolves `{ __typename: "User", id }` within the caller's organization only (else null). */
export async function resolveUserReference(reference: { id: string }, ctx: ApiContext): Promise<UserObject | null> {
  const { organizationId } = requireCaller(ctx);
  return isUuid(reference.id) ? ctx.services.users.get(organizationId, reference.id) : null;
}
