import type { Money, ProviderId } from '@spendsync/domain';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DecimalScalar } from '../../graphql/scalars';

/** Image figures of an image model. */
@ObjectType('ImageFigures', { simpleResolvers: true })
export class ImageFiguresObject {
  @Field(() => DecimalScalar, { description: 'Images generated in the period.' })
  count: Money;

  @Field(() => DecimalScalar, { nullable: true })
  costPerImage: Money | null;

  @Field(() => DecimalScalar)
  cost: Money;

  @Field(() => GraphQLJSONObject, { description: 'Counts by dimension, e.g. {"size":{"1024x1024":12},"quality":{"hd":2}}.' })
  mix: Record<string, Record<string, number>>;
}

/** One model (in one unit) on the Models dashboard. Counts are Float: they can pass 2^31. */
@ObjectType('ModelDashboardRow', { simpleResolvers: true, description: 'A model of one provider in one unit (null: tokens), with cost efficiency.' })
export class ModelDashboardRowObject {
  @Field(() => ID, { description: 'The Model entity id, provider:model.' })
  modelId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field()
  model: string;

  @Field(() => String, { nullable: true, description: 'Null for the token row; else the unit (images, seconds, credits…).' })
  unit: string | null;

  @Field(() => DecimalScalar)
  cost: Money;

  @Field(() => DecimalScalar)
  previousCost: Money;

  @Field(() => DecimalScalar, { nullable: true })
  costChange: Money | null;

  @Field(() => DecimalScalar)
  credits: Money;

  @Field(() => DecimalScalar)
  net: Money;

  @Field(() => Float, { nullable: true })
  inputTokens: number | null;

  @Field(() => Float, { nullable: true })
  outputTokens: number | null;

  @Field(() => Float, { nullable: true })
  cachedInputTokens: number | null;

  @Field(() => Float, { nullable: true, description: 'Null when the provider reports no request counts (unknown, not zero).' })
  requests: number | null;

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
}
