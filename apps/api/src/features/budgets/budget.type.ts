import type { Day, Money, ProviderId, ThresholdKind } from '@spendsync/domain';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { BudgetMeasure } from './budget.entity';

export const BudgetPeriodKindEnum = { MONTH: 'month', QUARTER: 'quarter', CUSTOM: 'custom' } as const;
registerEnumType(BudgetPeriodKindEnum, {
  name: 'BudgetPeriodKind',
  description: 'Calendar month, calendar quarter, or one fixed custom range.',
});
export const BudgetMeasureEnum = { GROSS: 'gross', NET: 'net' } as const satisfies Record<string, BudgetMeasure>;
registerEnumType(BudgetMeasureEnum, {
  name: 'BudgetMeasure',
  description: 'GROSS: cost; NET: cost minus credits applied.',
});
export const ThresholdKindEnum = { ACTUAL: 'actual', FORECAST: 'forecast' } as const satisfies Record<
  string,
  ThresholdKind
>;
registerEnumType(ThresholdKindEnum, {
  name: 'ThresholdKind',
  description: 'Compared with spend so far (ACTUAL) or the period forecast (FORECAST).',
});

/** One alert threshold. */
@ObjectType('BudgetThreshold')
export class BudgetThresholdObject {
  @Field(() => Int, { description: 'Percent of the amount, 1–1000.' })
  percent: number;

  @Field(() => ThresholdKindEnum)
  kind: ThresholdKind;
}

/** What a budget watches; empty lists mean any. */
@ObjectType('BudgetScope')
export class BudgetScopeObject {
  @Field(() => [ProviderEnum])
  providers: ProviderId[];

  @Field(() => [ID])
  accountIds: string[];

  @Field(() => [String], { description: 'Workspace display names (a mapped name spans providers) or workspace ids.' })
  workspaces: string[];

  @Field(() => [ID])
  apiKeyIds: string[];

  @Field(() => [String])
  models: string[];
}

/** One threshold reached in a period (an alert). */
@ObjectType('BudgetAlertEvent')
export class BudgetAlertEventObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  budgetId: string;

  @Field()
  budgetName: string;

  @Field(() => DateScalar)
  periodStart: Day;

  @Field(() => DateScalar, { description: 'Excluded.' })
  periodEnd: Day;

  @Field(() => ThresholdKindEnum)
  thresholdKind: ThresholdKind;

  @Field(() => Int)
  thresholdPercent: number;

  @Field(() => DecimalScalar, { description: 'The budget amount when it fired.' })
  budgetAmount: Money;

  @Field(() => DecimalScalar, { description: 'Spent when it fired.' })
  spent: Money;

  @Field(() => DecimalScalar, { nullable: true })
  forecast: Money | null;

  @Field()
  firedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When a re-sync took spend back below it; it does not fire again this period.',
  })
  recoveredAt: Date | null;

  @Field(() => DecimalScalar, { nullable: true })
  recoveredSpent: Money | null;
}

/** A budget's state in its current period. */
@ObjectType('BudgetStatus')
export class BudgetStatusObject {
  @Field(() => DateScalar)
  periodStart: Day;

  @Field(() => DateScalar, { description: 'Excluded.' })
  periodEnd: Day;

  @Field(() => DecimalScalar, {
    description: 'Spent in the period so far: equals the Overview for the same filter and period.',
  })
  spent: Money;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Spent + daily run rate × days left; null with no settled day to take a rate from.',
  })
  forecast: Money | null;

  @Field(() => DecimalScalar, { description: 'Spent as a percentage of the amount.' })
  percent: Money;

  @Field(() => DecimalScalar, { nullable: true })
  forecastPercent: Money | null;

  @Field(() => Int, { description: 'Settled days the run rate rests on; forecast thresholds need at least 3.' })
  forecastBasisDays: number;

  @Field(() => Int, { description: 'Days of the period, up to yesterday, a provider has not settled yet.' })
  provisionalDays: number;

  @Field(() => Int)
  daysLeft: number;

  @Field(() => [BudgetThresholdObject], { description: 'Thresholds reached now.' })
  reached: BudgetThresholdObject[];

  @Field(() => [BudgetAlertEventObject], { description: 'Alerts fired in this period (recovered ones included).' })
  fired: BudgetAlertEventObject[];

  @Field(() => Int, { nullable: true, description: 'The highest threshold percent reached now, for colouring.' })
  highestPercentReached: number | null;
}

/** A budget with its status. */
@ObjectType('Budget')
export class BudgetObject {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => DecimalScalar, { description: 'USD.' })
  amount: Money;

  @Field(() => BudgetPeriodKindEnum)
  periodKind: string;

  @Field(() => DateScalar, { nullable: true, description: 'Custom ranges only.' })
  customStart: Day | null;

  @Field(() => DateScalar, { nullable: true, description: 'Custom ranges only (excluded).' })
  customEnd: Day | null;

  @Field(() => BudgetMeasureEnum)
  measure: BudgetMeasure;

  @Field(() => BudgetScopeObject)
  scope: BudgetScopeObject;

  @Field(() => [BudgetThresholdObject])
  thresholds: BudgetThresholdObject[];

  @Field(() => BudgetStatusObject)
  status: BudgetStatusObject;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

/** A threshold fired or recovered, live. */
@ObjectType('BudgetAlert')
export class BudgetAlertObject {
  @Field(() => ID)
  eventId: string;

  @Field(() => ID)
  budgetId: string;

  @Field()
  budgetName: string;

  @Field({ description: '"fired" or "recovered".' })
  change: string;

  @Field(() => ThresholdKindEnum)
  thresholdKind: ThresholdKind;

  @Field(() => Int)
  thresholdPercent: number;

  @Field(() => DateScalar)
  periodStart: Day;

  @Field(() => DateScalar)
  periodEnd: Day;

  @Field(() => DecimalScalar)
  budgetAmount: string;

  @Field(() => DecimalScalar)
  spent: string;

  @Field(() => DecimalScalar, { nullable: true })
  forecast: string | null;

  @Field()
  at: Date;
}
