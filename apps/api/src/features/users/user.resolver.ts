import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin, type ApiContext } from '../../context';
import { CreateUserInput } from './user.input';
import { UserObject } from './user.type';

/** Users of the organization (admins manage them). */
@Resolver()
export class UserResolver {
  @Query(() => [UserObject], { description: 'The organization\'s users (admins only).' })
  users(@Ctx() ctx: ApiContext): Promise<UserObject[]> {
    return ctx.services.users.list(requireAdmin(ctx).organizationId);
  }

  @Mutation(() => UserObject, { description: 'Adds a user to the organization.' })
  createUser(@Arg('input') input: CreateUserInput, @Ctx() ctx: ApiContext): Promise<UserObject> {
    return ctx.services.users.create(requireAdmin(ctx).organizationId, input);
  }
}
