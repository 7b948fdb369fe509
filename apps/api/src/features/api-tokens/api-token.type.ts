import { Field, ID, ObjectType } from 'type-graphql';

/** An API token (never the token itself after creation). */
@ObjectType('ApiToken', { description: 'A token for programmatic readers and metering clients; reads like a viewer.' })
export class ApiTokenObject {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'A recognisable fragment, e.g. ssk_Ab1...wxyz.' })
  hint: string;

  @Field({ description: 'May also report metered usage.' })
  canRecordUsage: boolean;

  @Field()
  createdAt: Date;

  @Field({ description: 'After this the token is refused.' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the token was last used (updated at most once a minute).' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set once revoked; a revoked token no longer works.' })
  revokedAt: Date | null;
}

/** A token just created: the only time its value is shown. */
@ObjectType('CreatedApiToken')
export class CreatedApiTokenObject {
  @Field({ description: 'The token. Store it now: it cannot be shown again.' })
  token: string;

  @Field(() => ApiTokenObject)
  apiToken: ApiTokenObject;
}
