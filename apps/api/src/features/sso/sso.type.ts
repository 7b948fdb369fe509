import { Field, ObjectType } from 'type-graphql';

/** What the sign-in page offers (public). */
@ObjectType('SpendsyncSignInOptions')
export class SignInOptionsObject {
  @Field({ description: 'True when "Sign in with SSO" works (GET /auth/oidc/start).' })
  ssoConfigured: boolean;

  @Field({ description: 'False when the organization turned password sign-in off.' })
  passwordSignInEnabled: boolean;
}

/** An organization's sign-in settings (admins only). */
@ObjectType('SpendsyncSignInSettings')
export class SignInSettingsObject {
  @Field({ description: 'True when single sign-on is configured and signs users in to this organization.' })
  ssoConfigured: boolean;

  @Field({ description: 'False: members sign in with single sign-on only.' })
  passwordSignInEnabled: boolean;

  @Field(() => String, { nullable: true, description: "The identity provider's issuer URL, when configured." })
  issuer: string | null;
}
