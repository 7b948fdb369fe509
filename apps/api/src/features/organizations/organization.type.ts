import { Field, ID, ObjectType } from 'type-graphql';

/** The caller's organization (the tenant). */
@ObjectType('Organization')
export class OrganizationObject {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;
}
