import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../../context';
import { ProviderAccountObject } from '../provider-accounts/provider-account.type';
import { WorkspaceObject } from '../workspaces/workspace.type';
import { ApiKeyObject } from './api-key.type';

/** `ProviderAccount.apiKeys`: lives with the keys it returns (features point one way). */
@Resolver(() => ProviderAccountObject)
export class ProviderAccountApiKeysResolver {
  @FieldResolver(() => [ApiKeyObject])
  apiKeys(@Root() account: ProviderAccountObject, @Ctx() ctx: ApiContext): Promise<ApiKeyObject[]> {
    return ctx.services.apiKeys.list(account.organizationId, { providerAccountId: account.id });
  }
}

/** `Workspace.apiKeys`: lives with the keys it returns. */
@Resolver(() => WorkspaceObject)
export class WorkspaceApiKeysResolver {
  @FieldResolver(() => [ApiKeyObject], { description: 'The keys of this workspace.' })
  apiKeys(@Root() workspace: WorkspaceObject, @Ctx() ctx: ApiContext): Promise<ApiKeyObject[]> {
    return ctx.services.apiKeys.list(workspace.organizationId, {
      providerAccountId: workspace.providerAccountId,
      workspaceExternalId: workspace.externalId,
    });
  }
}
