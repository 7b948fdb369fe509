import type { Day, DecimalText } from '@spendsync/domain';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { SeriesDimension, SeriesGranularity } from './dashboard-filter';

export const SeriesGranularityEnum = { DAY: 'day', WEEK: 'week' } as const satisfies Record<string, SeriesGranularity>;
registerEnumType(SeriesGranularityEnum, {
  name: 'SeriesGranularity',
  description: 'WEEK buckets start on Monday (ISO weeks).',
});

export const SeriesDimensionEnum = {
  PROVIDER: 'provider',
  MODEL: 'model',
  WORKSPACE: 'workspace',
} as const satisfies Record<string, SeriesDimension>;
registerEnumType(SeriesDimensionEnum, { name: 'SeriesDimension' });

/** One point of a cost-over-time series. */
@ObjectType('CostSeriesPoint', {
  simpleResolvers: true,
  description:
    'Cost of one key (provider, provider:model or workspace display name) in one bucket. Empty buckets are absent.',
})
export class CostSeriesPointObject {
  @Field(() => DateScalar, { description: 'First day of the bucket.' })
  bucket: Day;

  @Field()
  key: string;

  @Field(() => DecimalScalar)
  cost: DecimalText;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Null unless every provider in the point reports credits.',
  })
  credits: DecimalText | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'cost − credits; null when credits are not captured.' })
  net: DecimalText | null;

  @Field({ description: 'The bucket includes a provisional day (not yet settled): the provider may still revise it.' })
  provisional: boolean;
}

/** One API key for the key drill-down of cost over time. */
@InputType('ApiKeyRefInput', {
  description: "One API key: its account and the provider's id for it (as ApiKeyDashboardRow gives them).",
})
export class ApiKeyRefInput {
  @Field(() => ID)
  providerAccountId: string;

  @Field({ description: "The provider's id for the key (ApiKeyDashboardRow.externalId)." })
  externalId: string;
}
