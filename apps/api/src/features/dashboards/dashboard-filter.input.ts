import type { Day, Money, PeriodPreset, ProviderId } from '@spendsync/domain';
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { SortDirection } from './dashboard-filter';

export const PeriodPresetEnum = {
  LAST_7_DAYS: 'last_7_days',
  LAST_30_DAYS: 'last_30_days',
  LAST_90_DAYS: 'last_90_days',
  THIS_WEEK: 'this_week',
  LAST_WEEK: 'last_week',
  THIS_MONTH: 'this_month',
  LAST_MONTH: 'last_month',
  THIS_QUARTER: 'this_quarter',
  LAST_QUARTER: 'last_quarter',
  THIS_YEAR: 'this_year',
  LAST_YEAR: 'last_year',
} as const satisfies Record<string, PeriodPreset>;
registerEnumType(PeriodPresetEnum, {
  name: 'PeriodPreset',
  description:
    'LAST_N_DAYS: the N complete days before today, compared with the N days before; THIS_*: to date, today included, compared with the previous calendar period up to the same date; LAST_*: the whole previous ISO week / calendar month / quarter / year, compared with the one before it.',
});

export const SortDirectionEnum = { ASC: 'asc', DESC: 'desc' } as const satisfies Record<string, SortDirection>;
registerEnumType(SortDirectionEnum, { name: 'SortDirection' });

/** A custom range of days. */
@InputType('DayRangeInput')
export class DayRangeInput {
  @Field(() => DateScalar)
  start: Day;

  @Field(() => DateScalar, { description: 'Excluded: the day after the last day.' })
  end: Day;
}

/** Sort order of a dashboard. */
@InputType('DashboardSortInput')
export class DashboardSortInput {
  @Field({
    description: 'A sort field of the dashboard (e.g. cost, costChange, provider); the error lists the valid ones.',
  })
  field: string;

  // No schema default: an SDL-built subgraph would pass the enum's name (DESC) as the value.
  @Field(() => SortDirectionEnum, { nullable: true, description: 'Default DESC.' })
  direction?: SortDirection | null;
}

/** The one filter every dashboard (and its CSV export) takes. */
@InputType('DashboardFilterInput', {
  description: 'The filter every dashboard takes. Give `preset` or `range`, not both (default LAST_30_DAYS).',
})
export class DashboardFilterInput {
  @Field(() => [ProviderEnum], { nullable: true })
  providers?: ProviderId[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Display names, workspace ids or provider workspace ids (drill-down).',
  })
  workspaces?: string[] | null;

  @Field(() => PeriodPresetEnum, { nullable: true })
  preset?: PeriodPreset | null;

  @Field(() => DayRangeInput, { nullable: true })
  range?: DayRangeInput | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Rows costing at least this much in the period.' })
  costMin?: Money | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Rows costing at most this much in the period.' })
  costMax?: Money | null;

  @Field(() => String, { nullable: true, description: 'Part of a workspace name, key hint or model name.' })
  search?: string | null;

  @Field(() => DashboardSortInput, { nullable: true })
  sort?: DashboardSortInput | null;

  @Field(() => Int, { nullable: true, description: 'Rows to skip (default 0).' })
  offset?: number | null;

  @Field(() => Int, { nullable: true, description: 'Rows to return (default 50, at most 500).' })
  limit?: number | null;
}
