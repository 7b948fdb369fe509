import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireCaller, type ApiContext } from '../../context';
import { LoginPayloadObject, ViewerObject } from './auth.type';
import { deliverSession } from './session-cookie';

/** Sign-in, sign-out and "who am I". */
@Resolver()
export class AuthResolver {
  @Query(() => ViewerObject, { description: 'The caller and their organization.' })
  async me(@Ctx() ctx: ApiContext): Promise<ViewerObject> {
    const caller = requireCaller(ctx);
    const [organization, user] = await Promise.all([
      ctx.services.organizations.get(caller.organizationId),
      caller.userId ? ctx.services.users.get(caller.organizationId, caller.userId) : null,
    ]);
    return { organization: organization!, user, role: caller.role, canRecordUsage: caller.canRecordUsage };
  }

  @Mutation(() => LoginPayloadObject, {
    description:
      'Signs in. Attempts are limited per account from one client address, per client address, and per account from ' +
      'addresses it never signed in from; locks back off exponentially. With the request header ' +
      '"X-Spendsync-Session: cookie" the session is set as an HttpOnly cookie and `token` is null.',
  })
  async login(
    @Arg('email') email: string,
    @Arg('password') password: string,
    @Ctx() ctx: ApiContext,
  ): Promise<LoginPayloadObject> {
    return deliverSession(ctx.sessionCookie, await ctx.services.auth.login(email, password, ctx.clientAddress));
  }

  @Mutation(() => Boolean, {
    description: 'Ends the current session (and clears its cookie); false when the caller is not a session.',
  })
  logout(@Ctx() ctx: ApiContext): Promise<boolean> {
    const caller = requireCaller(ctx);
    ctx.sessionCookie?.clear();
    return ctx.services.auth.logout(caller);
  }

  @Mutation(() => Boolean, { description: "Changes the signed-in user's password and signs out their other sessions." })
  async changePassword(
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: ApiContext,
  ): Promise<boolean> {
    const caller = requireCaller(ctx);
    if (!caller.userId) return false;
    await ctx.services.auth.changePassword(
      caller.userId,
      caller.organizationId,
      currentPassword,
      newPassword,
      ctx.clientAddress,
    );
    await ctx.services.auth.endOtherSessions(caller);
    return true;
  }
}
