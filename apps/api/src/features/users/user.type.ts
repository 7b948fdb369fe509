import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { UserRole } from './user.entity';

export const UserRoleEnum = { ADMIN: 'admin', VIEWER: 'viewer' } as const;
registerEnumType(UserRoleEnum, {
  name: 'SpendsyncUserRole',
  description: 'ADMIN can change things; VIEWER can only read.',
});

/**
 * A person who signs in. An entity other subgraphs can extend by `id`; `email` is shareable,
 * since a team's own user service may know it too.
 */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserObject {
  @Field(() => ID)
  id: string;

  @Directive('@shareable')
  @Field()
  email: string;

  @Field(() => UserRoleEnum)
  role: UserRole;

  @Field()
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Set while an admin has deactivated the user: they cannot sign in.',
  })
  deactivatedAt: Date | null;

  @Field({
    description:
      'True until the user changes their password (the first admin): only changePassword, logout and me work until then.',
  })
  passwordChangeRequired: boolean;
}
