import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireAdmin, type ApiContext } from '../../context';
import { ApiError } from '../../errors';
import { AuditEventFilterInput, AuditEventPageObject } from './audit-event.type';

const MAX_PAGE = 500;

/** The audit log: admins read it; nothing writes it but the API's own audit plugin. */
@Resolver()
export class AuditResolver {
  @Query(() => AuditEventPageObject, { description: "The organization's audit log, newest first (admins only)." })
  spendsyncAuditEvents(
    @Ctx() ctx: ApiContext,
    @Arg('filter', () => AuditEventFilterInput, { nullable: true }) filter: AuditEventFilterInput | null,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<AuditEventPageObject> {
    const caller = requireAdmin(ctx);
    if (limit < 1 || limit > MAX_PAGE)
      throw new ApiError('BAD_USER_INPUT', `limit must be from 1 to ${MAX_PAGE}.`, { field: 'limit' });
    if (offset < 0) throw new ApiError('BAD_USER_INPUT', 'offset must be 0 or more.', { field: 'offset' });
    if (filter?.from && filter.to && filter.to <= filter.from) {
      throw new ApiError('BAD_USER_INPUT', '"to" must come after "from".', { field: 'filter.to' });
    }
    return ctx.services.audit.list(caller.organizationId, filter ?? {}, { limit, offset });
  }
}
