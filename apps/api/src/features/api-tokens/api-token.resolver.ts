import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin, type ApiContext } from '../../context';
import { notFound } from '../../errors';
import { DEFAULT_API_TOKEN_DAYS, MAX_API_TOKEN_DAYS } from './api-token.service';
import { ApiTokenObject, CreatedApiTokenObject } from './api-token.type';

/** API tokens: admins list, create and revoke them. */
@Resolver()
export class ApiTokenResolver {
  @Query(() => [ApiTokenObject], { description: "The organization's API tokens (admins only)." })
  apiTokens(@Ctx() ctx: ApiContext): Promise<ApiTokenObject[]> {
    return ctx.services.apiTokens.list(requireAdmin(ctx).organizationId);
  }

  @Mutation(() => CreatedApiTokenObject, { description: 'Creates an API token; its value is returned only here.' })
  createApiToken(
    @Arg('name') name: string,
    @Arg('canRecordUsage', { defaultValue: false, description: 'Also allow reporting metered usage.' })
    canRecordUsage: boolean,
    @Arg('expiresInDays', () => Int, {
      defaultValue: DEFAULT_API_TOKEN_DAYS,
      description: `Days until the token stops working: 1 to ${MAX_API_TOKEN_DAYS}.`,
    })
    expiresInDays: number,
    @Ctx() ctx: ApiContext,
  ): Promise<CreatedApiTokenObject> {
    const caller = requireAdmin(ctx);
    return ctx.services.apiTokens.create(
      caller.organizationId,
      caller.userId,
      { name, canRecordUsage, expiresInDays },
      ctx.services.now(),
    );
  }

  @Mutation(() => ApiTokenObject, { description: 'Revokes an API token at once.' })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<ApiTokenObject> {
    const caller = requireAdmin(ctx);
    return (
      (await ctx.services.apiTokens.revoke(caller.organizationId, id, ctx.services.now())) ??
      Promise.reject(notFound('API token', id))
    );
  }
}
