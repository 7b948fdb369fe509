import type { Day, ProviderId } from '@spendsync/domain';
import { Field, InputType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar } from '../../graphql/scalars';
import type { AnomalyStatus } from './anomaly.service';
import { AnomalyLevelEnum, AnomalyStatusEnum } from './anomaly.type';
import type { AnomalyLevel } from './spend-series';

/** Which anomalies to list. */
@InputType('AnomalyFilterInput')
export class AnomalyFilterInput {
  @Field(() => [AnomalyStatusEnum], { nullable: true })
  status?: AnomalyStatus[] | null;

  @Field(() => [AnomalyLevelEnum], { nullable: true })
  level?: AnomalyLevel[] | null;

  @Field(() => [ProviderEnum], { nullable: true })
  provider?: ProviderId[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day included.' })
  from?: Day | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day excluded.' })
  to?: Day | null;
}

/** New thresholds, as decimal text (so a bad value gets a field error, not a type error); omitted fields are kept. */
@InputType('AnomalySettingsInput')
export class AnomalySettingsInput {
  @Field(() => String, { nullable: true })
  madMultiplier?: string | null;

  @Field(() => String, { nullable: true })
  medianFraction?: string | null;

  @Field(() => String, { nullable: true })
  minCost?: string | null;
}
