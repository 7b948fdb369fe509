import { MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
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
