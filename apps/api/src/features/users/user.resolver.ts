import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin, type ApiContext } from '../../context';
import { notFound } from '../../errors';
import { CreateUserInput, UpdateUserInput } from './user.input';
import { UserObject } from './user.type';

/** Users of the organization (admins manage them). */
@Resolver()
export class UserResolver {
  @Query(() => [UserObject], { description: "The organization's users (admins only)." })
  users(@Ctx() ctx: ApiContext): Promise<UserObject[]> {
    return ctx.services.users.list(requireAdmin(ctx).organizationId);
  }

  @Mutation(() => UserObject, { description: 'Adds a user to the organization.' })
  createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: ApiContext): Promise<UserObject> {
    return ctx.services.users.create(requireAdmin(ctx).organizationId, input);
  }

  @Mutation(() => UserObject, {
    description:
      "Changes another user's role, or deactivates (their sessions end, sign-in is refused) or reactivates them. Not for yourself.",
  })
  async updateUser(@Arg('input') input: UpdateUserInput, @Ctx() ctx: ApiContext): Promise<UserObject> {
    const caller = requireAdmin(ctx);
    const updated = await ctx.services.users.update(caller.organizationId, caller.userId, input.id, {
      role: input.role ?? undefined,
      active: input.active ?? undefined,
    });
    return updated ?? Promise.reject(notFound('User', input.id));
  }
}
