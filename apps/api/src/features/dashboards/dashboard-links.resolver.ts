import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireCaller, type ApiContext } from '../../context';
import { ApiKeyObject } from '../api-keys/api-key.type';
import { ProviderAccountObject } from '../provider-accounts/provider-account.type';
import { WorkspaceObject } from '../workspaces/workspace.type';
import { ApiKeyDashboardRowObject } from './api-key-dashboard.type';
import { ProviderDashboardRowObject } from './provider-dashboard.type';
import { WorkspaceMemberObject } from './workspace-dashboard.type';

/** Dashboard rows link to their entities (scoped to the caller's organization, like every read). */
@Resolver(() => ProviderDashboardRowObject)
export class ProviderDashboardRowResolver {
  @FieldResolver(() => ProviderAccountObject, { nullable: true })
  providerAccount(@Root() row: ProviderDashboardRowObject, @Ctx() ctx: ApiContext) {
    return ctx.services.providerAccounts.get(requireCaller(ctx).organizationId, row.providerAccountId);
  }
}

@Resolver(() => ApiKeyDashboardRowObject)
export class ApiKeyDashboardRowResolver {
  @FieldResolver(() => ApiKeyObject, { nullable: true })
  apiKey(@Root() row: ApiKeyDashboardRowObject, @Ctx() ctx: ApiContext) {
    return row.apiKeyId ? ctx.services.apiKeys.get(requireCaller(ctx).organizationId, row.apiKeyId) : null;
  }
}

@Resolver(() => WorkspaceMemberObject)
export class WorkspaceMemberResolver {
  @FieldResolver(() => WorkspaceObject, { nullable: true })
  workspace(@Root() member: WorkspaceMemberObject, @Ctx() ctx: ApiContext) {
    return member.workspaceId
      ? ctx.services.workspaces.get(requireCaller(ctx).organizationId, member.workspaceId)
      : null;
  }
}
