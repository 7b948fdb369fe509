import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The caller's organization (the tenant): an entity other subgraphs can extend by `id`; `name` is shareable. */
@Directive('@key(fields: "id")')
@ObjectType('Organization')
export class OrganizationObject {
  @Field(() => ID)
  id: string;

  @Directive('@shareable')
  @Field()
  name: string;

  @Field()
  createdAt: Date;
}
