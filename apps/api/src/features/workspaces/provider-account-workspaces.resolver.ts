import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../../context';
import { ProviderAccountObject } from '../provider-accounts/provider-account.type';
import { WorkspaceObject } from './workspace.type';

/** `ProviderAccount.workspaces`: lives with the workspaces it returns (features point one way). */
@Resolver(() => ProviderAccountObject)
export class ProviderAccountWorkspacesResolver {
  @FieldResolver(() => [WorkspaceObject])
  workspaces(@Root() account: ProviderAccountObject, @Ctx() ctx: ApiContext): Promise<WorkspaceObject[]> {
    return ctx.services.workspaces.list(account.organizationId, { providerAccountId: account.id });
  }
}
