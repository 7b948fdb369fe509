import type { Money, ProviderId } from '@spendsync/domain';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DecimalScalar } from '../../graphql/scalars';
import { ModelDashboardRowObject } from './model-dashboard.type';

/** One provider's image figures over all matching rows. */
@ObjectType('ProviderImageFigures', { simpleResolvers: true })
export class ProviderImageFiguresObject {
  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field(() => DecimalScalar, { description: 'Images generated in the period.' })
  count: Money;

  @Field(() => DecimalScalar, { nullable: true })
  costPerImage: Money | null;

  @Field(() => DecimalScalar)
  cost: Money;

  @Field(() => GraphQLJSONObject, {
    description: 'Image counts by the dimensions the provider reports (OpenAI: size and source; no quality).',
  })
  mix: Record<string, Record<string, number>>;
}

/** The Models tab's headline cards, over every row the filter matches. */
@ObjectType('ModelInsights', {
  simpleResolvers: true,
  description: 'Figures over every model row the filter matches (not one page).',
})
export class ModelInsightsObject {
  @Field(() => ModelDashboardRowObject, {
    nullable: true,
    description: 'The token model with the lowest cost per 1M tokens; null when none.',
  })
  mostEfficientTokenModel: ModelDashboardRowObject | null;

  @Field(() => [ProviderImageFiguresObject], { description: 'Image figures per provider that bills images.' })
  images: ProviderImageFiguresObject[];
}
