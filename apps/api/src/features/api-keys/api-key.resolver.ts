import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireCaller, type ApiContext } from '../../context';
import { ProviderAccountObject } from '../provider-accounts/provider-account.type';
import { WorkspaceObject } from '../workspaces/workspace.type';
import { ApiKeyObject } from './api-key.type';

/** Provider API keys, as synced. */
@Resolver(() => ApiKeyObject)
export class ApiKeyResolver {
  @Query(() => [ApiKeyObject], { description: "The organization's provider API keys (metadata and hints)." })
  apiKeys(
    @Arg('providerAccountId', () => ID, { nullable: true }) providerAccountId: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<ApiKeyObject[]> {
    return ctx.services.apiKeys.list(requireCaller(ctx).organizationId, {
      providerAccountId: providerAccountId ?? undefined,
    });
  }

  @Query(() => ApiKeyObject, { nullable: true })
  apiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<ApiKeyObject | null> {
    return ctx.services.apiKeys.get(requireCaller(ctx).organizationId, id);
  }

  @FieldResolver(() => ProviderAccountObject)
  providerAccount(@Root() key: ApiKeyObject, @Ctx() ctx: ApiContext): Promise<ProviderAccountObject> {
    return ctx.services.providerAccounts.require(key.organizationId, key.providerAccountId);
  }

  @FieldResolver(() => WorkspaceObject, { nullable: true })
  async workspace(@Root() key: ApiKeyObject, @Ctx() ctx: ApiContext): Promise<WorkspaceObject | null> {
    if (key.workspaceExternalId === null) return null;
    const [match] = await ctx.services.workspaces.list(key.organizationId, {
      providerAccountId: key.providerAccountId,
      externalId: key.workspaceExternalId,
    });
    return match ?? null;
  }
}
