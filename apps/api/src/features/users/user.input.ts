import { MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { UserRole } from './user.entity';
import { MIN_PASSWORD_LENGTH } from './user.service';
import { UserRoleEnum } from './user.type';

/** A new user of the caller's organization. */
@InputType('CreateUserInput')
export class CreateUserInput {
  @Field()
  email: string;

  @Field({ description: `At least ${MIN_PASSWORD_LENGTH} characters.` })
  @MinLength(MIN_PASSWORD_LENGTH)
  password: string;

  @Field(() => UserRoleEnum)
  role: UserRole;
}

/** A change to another user of the caller's organization; fields left out stay as they are. */
@InputType('UpdateUserInput')
export class UpdateUserInput {
  @Field(() => ID)
  id: string;

  @Field(() => UserRoleEnum, { nullable: true })
  role?: UserRole | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false deactivates the user (no sign-in, sessions end); true reactivates them.',
  })
  active?: boolean | null;
}
