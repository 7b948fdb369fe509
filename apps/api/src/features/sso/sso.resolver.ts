import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin, type ApiContext } from '../../context';
import { LoginPayloadObject } from '../auth/auth.type';
import { deliverSession } from '../auth/session-cookie';
import { SignInOptionsObject, SignInSettingsObject } from './sso.type';

/** Single sign-on: what the sign-in page offers, finishing an SSO sign-in, and the password sign-in setting. */
@Resolver()
export class SsoResolver {
  @Query(() => SignInOptionsObject, { description: 'How one can sign in (public: the sign-in page asks).' })
  spendsyncSignInOptions(@Ctx() ctx: ApiContext): Promise<SignInOptionsObject> {
    return ctx.services.sso.signInOptions();
  }

  @Query(() => SignInSettingsObject, { description: "The organization's sign-in settings (admins only)." })
  spendsyncSignInSettings(@Ctx() ctx: ApiContext): Promise<SignInSettingsObject> {
    return ctx.services.sso.settings(requireAdmin(ctx).organizationId);
  }

  @Mutation(() => SignInSettingsObject, {
    description: 'Turns password sign-in on or off; off only when single sign-on is configured for the organization.',
  })
  spendsyncSetPasswordSignIn(@Arg('enabled') enabled: boolean, @Ctx() ctx: ApiContext): Promise<SignInSettingsObject> {
    return ctx.services.sso.setPasswordSignIn(requireAdmin(ctx).organizationId, enabled);
  }

  @Mutation(() => LoginPayloadObject, {
    description:
      'Finishes a single sign-on: exchanges the one-time code the callback (GET /auth/oidc/callback) handed the admin ' +
      'for a session, once and within a minute. Returns what login returns (with `X-Spendsync-Session: cookie` the ' +
      'session is set as the HttpOnly cookie and the token is null).',
  })
  async spendsyncCompleteSsoSignIn(@Arg('code') code: string, @Ctx() ctx: ApiContext): Promise<LoginPayloadObject> {
    return deliverSession(ctx.sessionCookie, await ctx.services.sso.complete(code, ctx.clientAddress));
  }
}
