import type { ComparisonBasis, Day } from '@spendsync/domain';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

export const ComparisonBasisEnum = { CALENDAR: 'calendar', EQUAL_LENGTH: 'equal_length' } as const satisfies Record<
  string,
  ComparisonBasis
>;
registerEnumType(ComparisonBasisEnum, {
  name: 'ComparisonBasis',
  description:
    'CALENDAR: the previous calendar week, month, quarter or year (to-date presets: up to the same date); EQUAL_LENGTH: the same number of days just before (rolling presets, custom ranges).',
});

/** The period a dashboard page covers and the one its `previous*` and `*Change` figures compare with. */
@ObjectType('DashboardPeriod', {
  simpleResolvers: true,
  description: 'The period shown and the period it is compared with (days; end excluded).',
})
export class DashboardPeriodObject {
  @Field(() => DateScalar)
  start: Day;

  @Field(() => DateScalar, { description: 'Excluded: the day after the last day.' })
  end: Day;

  @Field(() => DateScalar, { description: 'First day of the comparison period.' })
  previousStart: Day;

  @Field(() => DateScalar, { description: "Excluded: the day after the comparison period's last day." })
  previousEnd: Day;

  @Field(() => ComparisonBasisEnum, { description: 'How the comparison period was chosen.' })
  comparison: ComparisonBasis;
}
