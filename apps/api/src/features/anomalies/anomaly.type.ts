import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { ChangeKind } from './anomaly-drivers';
import type { AnomalyStatus } from './anomaly.service';
import type { AnomalyKind, AnomalySeverity } from './detect-anomalies';
import type { AnomalyLevel } from './spend-series';

export const AnomalyLevelEnum = {
  WORKSPACE: 'workspace',
  API_KEY: 'api_key',
  MODEL: 'model',
} as const satisfies Record<string, AnomalyLevel>;
registerEnumType(AnomalyLevelEnum, {
  name: 'AnomalyLevel',
  description: 'What a series sums: one workspace (display name), API key or model.',
});
export const AnomalyKindEnum = { SPIKE: 'spike', DROP: 'drop' } as const satisfies Record<string, AnomalyKind>;
registerEnumType(AnomalyKindEnum, {
  name: 'AnomalyKind',
  description: 'SPIKE: above the baseline; DROP: a steadily spending series went silent.',
});
export const AnomalySeverityEnum = { MEDIUM: 'medium', HIGH: 'high', CRITICAL: 'critical' } as const satisfies Record<
  string,
  AnomalySeverity
>;
registerEnumType(AnomalySeverityEnum, {
  name: 'AnomalySeverity',
  description: 'How far past the threshold: HIGH at twice the margin, CRITICAL at four times; drops are HIGH.',
});
export const AnomalyStatusEnum = {
  OPEN: 'open',
  ACKNOWLEDGED: 'acknowledged',
  RESOLVED: 'resolved',
} as const satisfies Record<string, AnomalyStatus>;
registerEnumType(AnomalyStatusEnum, { name: 'AnomalyStatus', description: 'RESOLVED: a re-sync removed the change.' });
export const ChangeKindEnum = { VOLUME: 'volume', PRICE: 'price', UNKNOWN: 'unknown' } as const satisfies Record<
  string,
  ChangeKind
>;
registerEnumType(ChangeKindEnum, {
  name: 'AnomalyChangeKind',
  description:
    'VOLUME: more tokens/requests/units; PRICE: cost per unit moved; UNKNOWN: the provider reports no volume.',
});

/** One part of an anomaly's delta. */
@ObjectType('AnomalyDriver', { simpleResolvers: true })
export class AnomalyDriverObject {
  @Field(() => AnomalyLevelEnum, { description: 'Which breakdown this part belongs to.' })
  dimension: AnomalyLevel;

  @Field(() => String, {
    nullable: true,
    description: 'The key id, model or workspace name; null for "other" (everything past the top 5).',
  })
  key: string | null;

  @Field()
  label: string;

  @Field(() => DecimalScalar, {
    description: 'Its part of the delta; the parts of one dimension sum exactly to the delta.',
  })
  amount: Money;

  @Field(() => DecimalScalar, { description: 'amount / delta, to 4 places.' })
  share: Money;
}

/** A settled day of a series beyond its baseline. */
@ObjectType('Anomaly', { simpleResolvers: true })
export class AnomalyObject {
  @Field(() => ID)
  id: string;

  @Field(() => AnomalyLevelEnum)
  level: AnomalyLevel;

  @Field(() => ProviderEnum, { nullable: true, description: 'The provider; null for a series across providers.' })
  provider: ProviderId | null;

  @Field({ description: 'The key id, model or workspace name the series sums.' })
  seriesKey: string;

  @Field()
  seriesLabel: string;

  @Field(() => DateScalar)
  day: Day;

  @Field(() => AnomalyKindEnum)
  kind: AnomalyKind;

  @Field(() => AnomalySeverityEnum)
  severity: AnomalySeverity;

  @Field(() => DecimalScalar, {
    description: 'The baseline: median of the trailing 28 settled days (same weekday when weekly).',
  })
  expected: Money;

  @Field(() => DecimalScalar)
  actual: Money;

  @Field(() => DecimalScalar, { description: 'actual - expected.' })
  delta: Money;

  @Field(() => ChangeKindEnum)
  changeKind: ChangeKind;

  @Field(() => [AnomalyDriverObject], { description: 'Top 5 per dimension plus "other", largest first.' })
  drivers: AnomalyDriverObject[];

  @Field(() => AnomalyDriverObject, {
    nullable: true,
    description: 'The leading key (workspaces, models) or model (keys).',
  })
  topDriver: AnomalyDriverObject | null;

  @Field(() => AnomalyStatusEnum)
  status: AnomalyStatus;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => Date)
  detectedAt: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;
}

@ObjectType('AnomalyPage')
export class AnomalyPageObject {
  @Field(() => Int)
  total: number;

  @Field(() => [AnomalyObject])
  rows: AnomalyObject[];
}

/** A notification channel that receives new anomalies. */
@ObjectType('AnomalyRoute', { simpleResolvers: true })
export class AnomalyRouteObject {
  @Field(() => ID)
  channelId: string;

  @Field(() => AnomalySeverityEnum, { description: 'The least severe anomaly the channel receives.' })
  minSeverity: AnomalySeverity;
}

/** The organization's thresholds and which channels receive new anomalies. */
@ObjectType('AnomalySettings', { simpleResolvers: true })
export class AnomalySettingsObject {
  @Field(() => [AnomalyRouteObject], { description: 'Channels that receive each new anomaly (none by default).' })
  routes: AnomalyRouteObject[];

  @Field(() => DecimalScalar, { description: 'k in baseline + max(k × MAD, f × median); default 5.' })
  madMultiplier: Money;

  @Field(() => DecimalScalar, { description: 'f in baseline + max(k × MAD, f × median); default 0.5.' })
  medianFraction: Money;

  @Field(() => DecimalScalar, { description: 'A spike must be at least this many dollars; default 10.' })
  minCost: Money;
}
