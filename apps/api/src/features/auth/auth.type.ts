import { Field, ObjectType } from 'type-graphql';
import { UserRoleEnum, UserObject } from '../users/user.type';
import type { UserRole } from '../users/user.entity';
import { OrganizationObject } from '../organizations/organization.type';

/** A new session. */
@ObjectType('LoginPayload')
export class LoginPayloadObject {
  @Field(() => String, {
    nullable: true,
    description:
      'Bearer token: send it as "Authorization: Bearer <token>" and as connectionParams.authorization over WebSocket. ' +
      'Shown only now. Null when the sign-in asked for the session cookie (header "X-Spendsync-Session: cookie").',
  })
  token: string | null;

  @Field()
  expiresAt: Date;

  @Field(() => UserObject)
  user: UserObject;
}

/** Who the caller is. */
@ObjectType('SpendsyncViewer', {
  description: 'The caller: a signed-in user or an API token, within one organization.',
})
export class ViewerObject {
  @Field(() => OrganizationObject)
  organization: OrganizationObject;

  @Field(() => UserObject, { nullable: true, description: 'Null when the caller is an API token.' })
  user: UserObject | null;

  @Field(() => UserRoleEnum)
  role: UserRole;

  @Field({ description: 'True when the caller may report metered usage.' })
  canRecordUsage: boolean;
}
