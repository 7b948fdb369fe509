import type { Day, Money, ProviderId, ThresholdKind } from '@spendsync/domain';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { BudgetMeasure } from './budget.entity';
import { BudgetMeasureEnum, BudgetPeriodKindEnum, ThresholdKindEnum } from './budget.type';

@InputType('BudgetPeriodInput')
export class BudgetPeriodInput {
  @Field(() => BudgetPeriodKindEnum)
  kind: 'month' | 'quarter' | 'custom';

  @Field(() => DateScalar, { nullable: true, description: 'CUSTOM only: the first day.' })
  start?: Day | null;

  @Field(() => DateScalar, { nullable: true, description: 'CUSTOM only: the day after the last day.' })
  end?: Day | null;
}

@InputType('BudgetScopeInput', {
  description: 'Empty or absent lists mean any; everything empty is the whole organization.',
})
export class BudgetScopeInput {
  @Field(() => [ProviderEnum], { nullable: true })
  providers?: ProviderId[] | null;

  @Field(() => [ID], { nullable: true })
  accountIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Display names (incl. mapped names) or workspace ids.' })
  workspaces?: string[] | null;

  @Field(() => [ID], { nullable: true })
  apiKeyIds?: string[] | null;

  @Field(() => [String], { nullable: true })
  models?: string[] | null;
}

@InputType('BudgetThresholdInput')
export class BudgetThresholdInput {
  @Field(() => Int, { description: '1–1000.' })
  percent: number;

  @Field(() => ThresholdKindEnum)
  kind: ThresholdKind;
}

/** A budget as created or replaced. */
@InputType('BudgetInput')
export class BudgetInput {
  @Field()
  name: string;

  @Field(() => DecimalScalar, { description: 'USD, more than 0.' })
  amount: Money;

  @Field(() => BudgetPeriodInput)
  period: BudgetPeriodInput;

  @Field(() => BudgetMeasureEnum, { nullable: true, description: 'Default GROSS.' })
  measure?: BudgetMeasure | null;

  @Field(() => BudgetScopeInput, { nullable: true })
  scope?: BudgetScopeInput | null;

  @Field(() => [BudgetThresholdInput], {
    nullable: true,
    description: 'Default: 80 % and 100 % actual, 100 % forecast.',
  })
  thresholds?: BudgetThresholdInput[] | null;
}

const list = <T>(v: T[] | null | undefined) => v ?? undefined;

/** The GraphQL input as `parseBudgetInput` reads it (absent lists dropped). */
export function budgetInputValues(input: BudgetInput): unknown {
  const { period, scope } = input;
  return {
    name: input.name,
    amount: input.amount,
    measure: input.measure ?? undefined,
    thresholds: input.thresholds?.map((t) => ({ percent: t.percent, kind: t.kind })),
    period:
      period.kind === 'custom'
        ? { kind: 'custom', start: period.start ?? '', end: period.end ?? '' }
        : { kind: period.kind },
    scope: scope
      ? {
          providers: list(scope.providers),
          accountIds: list(scope.accountIds),
          workspaces: list(scope.workspaces),
          apiKeyIds: list(scope.apiKeyIds),
          models: list(scope.models),
        }
      : undefined,
  };
}
