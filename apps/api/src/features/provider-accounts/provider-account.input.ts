import type { ProviderId } from '@spendsync/domain';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';

/** Linking a provider account. */
@InputType('LinkProviderInput')
export class LinkProviderInput {
  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field({ description: 'Your name for the account, e.g. "OpenAI – research org".' })
  label: string;

  @Field(() => GraphQLJSON, {
    description: 'The credential object (see ProviderInfo.credentialFields), or its JSON text. Never returned.',
  })
  credentials: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'A custom endpoint (simulator, proxy); only when the server allows custom endpoints.',
  })
  endpoint?: string | null;
}

/** New credentials for an existing account. */
@InputType('UpdateProviderCredentialsInput')
export class UpdateProviderCredentialsInput {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLJSON, { description: 'The complete new credential object (or its JSON text). Never returned.' })
  credentials: unknown;

  @Field(() => String, {
    nullable: true,
    description: "Omit to keep the current endpoint; null for the provider's own.",
  })
  endpoint?: string | null;

  @Field(() => String, { nullable: true, description: 'Omit to keep the current name.' })
  label?: string | null;
}
