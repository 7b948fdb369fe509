import type { Money, ProviderId } from '@spendsync/domain';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { CountScalar, DecimalScalar } from '../../graphql/scalars';
import { DashboardPeriodObject } from './dashboard-period.type';

/** Image figures of an image model. */
@ObjectType('ImageFigures', { simpleResolvers: true })
export class ImageFiguresObject {
  @Field(() => DecimalScalar, { description: 'Images generated in the period.' })
  count: Money;

  @Field(() => DecimalScalar, { nullable: true })
  costPerImage: Money | null;

  @Field(() => DecimalScalar)
  cost: Money;

  @Field(() => GraphQLJSONObject, {
    description:
      'Image counts by the dimensions the provider reports, e.g. OpenAI\'s {"size":{"1024x1024":12},"source":{"image.generation":12}}. OpenAI\'s usage API reports no image quality, so "quality" appears only for a provider whose records carry it.',
  })
  mix: Record<string, Record<string, number>>;
}

/** One model (in one unit) on the Models dashboard. Counts are Count strings: sums can pass 2^53. */
@ObjectType('ModelDashboardRow', {
  simpleResolvers: true,
  description: 'A model of one provider in one unit (null: tokens), with cost efficiency.',
})
export class ModelDashboardRowObject {
  @Field(() => ID, { description: 'The Model entity id, provider:model.' })
  modelId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field()
  model: string;

  @Field(() => String, {
    nullable: true,
    description: 'Null for the token row; else the unit (images, seconds, credits…).',
  })
  unit: string | null;

  @Field(() => DecimalScalar)
  cost: Money;

  @Field(() => DecimalScalar)
  previousCost: Money;

  @Field(() => DecimalScalar, { nullable: true })
  costChange: Money | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "Credits applied; null when the provider's billing API does not report credits (not captured, not zero).",
  })
  credits: Money | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'cost − credits; null when credits are not captured (net is never guessed as the cost).',
  })
  net: Money | null;

  @Field(() => CountScalar, { nullable: true })
  inputTokens: bigint | null;

  @Field(() => CountScalar, { nullable: true })
  outputTokens: bigint | null;

  @Field(() => CountScalar, { nullable: true })
  cachedInputTokens: bigint | null;

  @Field(() => CountScalar, {
    nullable: true,
    description: 'Null when the provider reports no request counts (unknown, not zero).',
  })
  requests: bigint | null;

  @Field(() => DecimalScalar, { nullable: true })
  averageTokensPerRequest: Money | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Token rows: cost per 1,000,000 tokens.' })
  costPerMillionTokens: Money | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Unit rows: units in the period.' })
  quantity: Money | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Unit rows: cost per unit (per image, second, credit…).' })
  costPerUnit: Money | null;

  @Field({ description: 'Lowest cost per 1M tokens among token rows, or per unit among rows of its unit.' })
  isMostEfficient: boolean;

  @Field({
    description:
      'The row sums records of an account whose current period includes provisional days: the provider may still revise them, so its figures and change may move.',
  })
  includesProvisional: boolean;

  @Field(() => ImageFiguresObject, { nullable: true })
  images: ImageFiguresObject | null;
}

/** A page of the Models dashboard. */
@ObjectType('ModelDashboardPage', { simpleResolvers: true })
export class ModelDashboardPageObject {
  @Field(() => Int)
  total: number;

  @Field(() => [ModelDashboardRowObject])
  rows: ModelDashboardRowObject[];

  @Field(() => DashboardPeriodObject, { description: 'The period shown and the one it is compared with.' })
  period: DashboardPeriodObject;
}
