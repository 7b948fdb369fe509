import type { ProviderId } from '@spendsync/domain';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';

/** A model (or endpoint, SKU, meter) of one provider. */
@Directive('@key(fields: "id")')
@ObjectType('Model', { description: 'A model (or endpoint, SKU, meter) of one provider, as its billing names it.' })
export class ModelObject {
  @Field(() => ID, { description: 'Provider id and model name, e.g. "openai:gpt-4o".' })
  id: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field()
  name: string;
}
