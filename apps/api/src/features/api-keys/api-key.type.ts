import type { ProviderId } from '@spendsync/domain';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';

/** A provider API key, as synced: metadata and hint, never the secret. */
@Directive('@key(fields: "id")')
@ObjectType('ApiKey', {
  description: 'An API key at a provider (its metadata and hint; spendsync never holds the key itself).',
})
export class ApiKeyObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  providerAccountId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field({ description: "The provider's id for the key." })
  externalId: string;

  @Field(() => String, { nullable: true, description: "The provider's id of the key's workspace." })
  workspaceExternalId: string | null;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true, description: 'A recognisable fragment such as sk-proj-abc...wxyz.' })
  hint: string | null;

  @Field(() => String, { nullable: true, description: "The provider's status word (active, archived…)." })
  status: string | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  /** Not a GraphQL field: scopes nested fields. */
  organizationId: string;
}
