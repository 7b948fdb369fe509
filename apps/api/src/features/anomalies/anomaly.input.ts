import type { Day, ProviderId } from '@spendsync/domain';
import { Field, ID, InputType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar } from '../../graphql/scalars';
import type { AnomalyStatus } from './anomaly.service';
import type { AnomalySeverity } from './detect-anomalies';
import { AnomalyLevelEnum, AnomalySeverityEnum, AnomalyStatusEnum } from './anomaly.type';
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

/** A channel to receive new anomalies. */
@InputType('AnomalyRouteInput')
export class AnomalyRouteInput {
  @Field(() => ID)
  channelId: string;

  @Field(() => AnomalySeverityEnum, { nullable: true, description: 'Default MEDIUM (every anomaly).' })
  minSeverity?: AnomalySeverity | null;
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

  @Field(() => [AnomalyRouteInput], {
    nullable: true,
    description: 'Replaces the channels that receive new anomalies; omitted keeps them.',
  })
  routes?: AnomalyRouteInput[] | null;
}
