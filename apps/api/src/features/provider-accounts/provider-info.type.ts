import type { ProviderId } from '@spendsync/domain';
import { Field, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';

/** One credential field of a provider, for building its form. */
@ObjectType('CredentialField', { description: 'A field of a provider credential, for building the link form.' })
export class CredentialFieldObject {
  @Field({ description: 'The JSON field name the credentials object uses.' })
  name: string;

  @Field()
  label: string;

  @Field({ description: 'Shown masked; its value is never sent back by the API.' })
  secret: boolean;

  @Field()
  optional: boolean;

  @Field(() => String, { nullable: true })
  placeholder: string | null;

  @Field(() => String, { nullable: true })
  help: string | null;
}

/** What spendsync knows about a provider: credential needs, delays, capabilities. */
@ObjectType('ProviderInfo', {
  description: 'A provider: what credential it needs, where to create it, how late its data is.',
})
export class ProviderInfoObject {
  @Field(() => ProviderEnum)
  id: ProviderId;

  @Field()
  label: string;

  @Field({ description: 'The kind of key billing data needs (and which kinds do not work).' })
  keyType: string;

  @Field()
  whereToCreate: string;

  @Field(() => [CredentialFieldObject])
  credentialFields: CredentialFieldObject[];

  @Field(() => String, { nullable: true, description: "How late the provider's billing data usually is, in words." })
  dataDelay: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What to know before linking: what some credentials cannot sync, how far back data goes.',
  })
  limitations: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The provider's usual data delay in hours; null when no adapter is available.",
  })
  expectedDelayHours: number | null;

  @Field({ description: 'True when this version can sync the provider.' })
  available: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True when request counts are reported (false: requests are always null).',
  })
  reportsRequests: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'True when credits applied are captured.' })
  reportsCredits: boolean | null;
}
