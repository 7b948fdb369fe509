import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { UserRole } from './user.entity';

export const UserRoleEnum = { ADMIN: 'admin', VIEWER: 'viewer' } as const;
registerEnumType(UserRoleEnum, { name: 'UserRole', description: 'ADMIN can change things; VIEWER can only read.' });

/** A person who signs in. */
@ObjectType('User')
export class UserObject {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field(() => UserRoleEnum)
  role: UserRole;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Set while an admin has deactivated the user: they cannot sign in.' })
  deactivatedAt: Date | null;
}
