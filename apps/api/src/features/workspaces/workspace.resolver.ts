import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAdmin, requireCaller, type ApiContext } from '../../context';
import { ProviderAccountObject } from '../provider-accounts/provider-account.type';
import { WorkspaceNameChangeObject, WorkspaceObject } from './workspace.type';

/** Workspaces: listing, renames with history and revert, mapping several to one display name. */
@Resolver(() => WorkspaceObject)
export class WorkspaceResolver {
  @Query(() => [WorkspaceObject], { description: "The organization's workspaces, by display name." })
  workspaces(
    @Arg('providerAccountId', () => ID, { nullable: true }) providerAccountId: string | null,
    @Arg('displayName', () => String, { nullable: true, description: 'Only the members of this display name.' })
    displayName: string | null,
    @Arg('search', () => String, { nullable: true, description: 'Part of the display name or provider id.' })
    search: string | null,
    @Ctx() ctx: ApiContext,
  ): Promise<WorkspaceObject[]> {
    return ctx.services.workspaces.list(requireCaller(ctx).organizationId, {
      providerAccountId: providerAccountId ?? undefined,
      displayName: displayName ?? undefined,
      search: search ?? undefined,
    });
  }

  @Query(() => WorkspaceObject, { nullable: true })
  workspace(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<WorkspaceObject | null> {
    return ctx.services.workspaces.get(requireCaller(ctx).organizationId, id);
  }

  @Mutation(() => WorkspaceObject, { description: 'Gives a workspace a display name (recorded in its name history).' })
  renameWorkspace(
    @Arg('id', () => ID) id: string,
    @Arg('name') name: string,
    @Ctx() ctx: ApiContext,
  ): Promise<WorkspaceObject> {
    const caller = requireAdmin(ctx);
    return ctx.services.workspaces.rename(caller.organizationId, id, name, caller.userId);
  }

  @Mutation(() => WorkspaceObject, {
    description: 'Undoes one name change: the workspace gets back the name it had just before it.',
  })
  revertWorkspaceName(
    @Arg('historyEntryId', () => ID) historyEntryId: string,
    @Ctx() ctx: ApiContext,
  ): Promise<WorkspaceObject> {
    const caller = requireAdmin(ctx);
    return ctx.services.workspaces.revert(caller.organizationId, historyEntryId, caller.userId);
  }

  @Mutation(() => [WorkspaceObject], {
    description: 'Gives several workspaces (of any providers) one display name, so dashboards combine them.',
  })
  mapWorkspaces(
    @Arg('workspaceIds', () => [ID]) workspaceIds: string[],
    @Arg('displayName') displayName: string,
    @Ctx() ctx: ApiContext,
  ): Promise<WorkspaceObject[]> {
    const caller = requireAdmin(ctx);
    return ctx.services.workspaces.map(caller.organizationId, workspaceIds, displayName, caller.userId);
  }

  @Mutation(() => WorkspaceObject, {
    description: "Takes a workspace out of its shared name; it shows the provider's name again.",
  })
  unmapWorkspace(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<WorkspaceObject> {
    const caller = requireAdmin(ctx);
    return ctx.services.workspaces.unmap(caller.organizationId, id, caller.userId);
  }

  @FieldResolver(() => [WorkspaceNameChangeObject], { description: 'Every change of the display name, newest first.' })
  nameHistory(@Root() workspace: WorkspaceObject, @Ctx() ctx: ApiContext): Promise<WorkspaceNameChangeObject[]> {
    return ctx.services.workspaces.history(workspace.organizationId, workspace.id);
  }

  @FieldResolver(() => ProviderAccountObject)
  async providerAccount(@Root() workspace: WorkspaceObject, @Ctx() ctx: ApiContext): Promise<ProviderAccountObject> {
    return ctx.services.providerAccounts.require(workspace.organizationId, workspace.providerAccountId);
  }
}
