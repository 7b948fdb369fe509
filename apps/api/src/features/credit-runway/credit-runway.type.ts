import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';

export const RunwayKindEnum = { BALANCE: 'balance', GRANT: 'grant' } as const;
registerEnumType(RunwayKindEnum, {
  name: 'RunwayKind',
  description: 'BALANCE: a prepaid balance the provider reports; GRANT: a grant an admin entered.',
});
export const RunwayStatusEnum = {
  BURNING: 'burning',
  NO_BURN: 'no-burn',
  EXHAUSTED: 'exhausted',
  EXPIRED: 'expired',
} as const;
registerEnumType(RunwayStatusEnum, {
  name: 'RunwayStatus',
  description:
    'BURNING: being used; NO_BURN: nothing used in the window; EXHAUSTED: nothing left; EXPIRED: past its expiry.',
});

/** A credit grant an admin entered. */
@ObjectType('CreditGrant')
export class CreditGrantObject {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => DecimalScalar, { description: 'USD granted.' })
  amount: Money;

  @Field(() => DateScalar, { description: 'The first day its credits apply.' })
  startsOn: Day;

  @Field(() => DateScalar, { nullable: true, description: 'The last day it can be used (included); null: no expiry.' })
  expiresOn: Day | null;

  @Field(() => ID)
  providerAccountId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field()
  accountLabel: string;

  @Field(() => Int, {
    nullable: true,
    description: "Notify when its runway falls under this many days (else the organization's setting).",
  })
  notifyUnderDays: number | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

/** A grant as created or replaced. */
@InputType('CreditGrantInput')
export class CreditGrantInput {
  @Field()
  name: string;

  @Field(() => String, { description: 'USD, a decimal such as "25000.00"; more than 0.' })
  amount: string;

  @Field(() => DateScalar)
  startsOn: Day;

  @Field(() => DateScalar, { nullable: true, description: 'On or after startsOn; absent: no expiry.' })
  expiresOn?: Day | null;

  @Field(() => ID)
  providerAccountId: string;

  @Field(() => Int, { nullable: true, description: "1–3650; absent: the organization's setting." })
  notifyUnderDays?: number | null;
}

/** One day of a runway's balance. */
@ObjectType('RunwayHistoryPoint')
export class RunwayHistoryPointObject {
  @Field(() => DateScalar)
  day: Day;

  @Field(() => DecimalScalar, { description: 'USD left at the end of the day.' })
  balance: Money;

  @Field({
    description: 'True when the provider reported it that day; false when worked out from the usage or credits since.',
  })
  reported: boolean;
}

/** The projected balance on a day at the three burn rates. */
@ObjectType('RunwayProjectionPoint')
export class RunwayProjectionPointObject {
  @Field(() => DateScalar)
  day: Day;

  @Field(() => DecimalScalar, { description: 'At the 28-day average.' })
  expected: Money;

  @Field(() => DecimalScalar, { description: "At the fastest week's rate." })
  fastest: Money;

  @Field(() => DecimalScalar, { description: "At the slowest week's rate." })
  slowest: Money;
}

/** When a provider balance or a grant runs out. */
@ObjectType('CreditRunway')
export class CreditRunwayObject {
  @Field(() => ID, { description: '`balance:<provider account id>` or `grant:<grant id>`.' })
  id: string;

  @Field(() => RunwayKindEnum)
  kind: 'balance' | 'grant';

  @Field(() => ID)
  providerAccountId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field()
  accountLabel: string;

  @Field({ description: "The grant's name, or the account's label." })
  name: string;

  @Field(() => ID, { nullable: true })
  grantId: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Credits bought (when the provider reports it) or the grant's amount, USD.",
  })
  granted: Money | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Credits used (when the provider reports it) or covered by the grant so far, USD.',
  })
  used: Money | null;

  @Field(() => DecimalScalar, { description: 'USD left as of `asOf`.' })
  remaining: Money;

  @Field(() => DateScalar)
  asOf: Day;

  @Field(() => DateScalar, { nullable: true })
  startsOn: Day | null;

  @Field(() => DateScalar, { nullable: true })
  expiresOn: Day | null;

  @Field(() => RunwayStatusEnum)
  status: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the settled window the rates come from.' })
  windowStart: Day | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day after the window.' })
  windowEnd: Day | null;

  @Field(() => Int, { description: "Window days that count (on or after a grant's start)." })
  basisDays: number;

  @Field(() => DecimalScalar, { description: 'Average burn per day over the window, USD.' })
  dailyBurn: Money;

  @Field(() => DecimalScalar, { description: 'Burn per day in the fastest week.' })
  fastestDailyBurn: Money;

  @Field(() => DecimalScalar, { description: 'Burn per day in the slowest week.' })
  slowestDailyBurn: Money;

  @Field(() => DateScalar, { nullable: true, description: 'Expected run-out day; null when it does not burn.' })
  runOutOn: Day | null;

  @Field(() => DateScalar, { nullable: true, description: "Run-out at the fastest week's rate." })
  runOutEarliest: Day | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Run-out at the slowest week's rate; null when some week burnt nothing.",
  })
  runOutLatest: Day | null;

  @Field(() => Int, { nullable: true })
  daysLeft: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Money left on the table: what is still unused at expiry at the expected rate.',
  })
  leftAtExpiry: Money | null;

  @Field({ description: 'True when it runs out before its expiry.' })
  runsOutBeforeExpiry: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "The notify threshold that applies (the grant's, else the organization's).",
  })
  notifyUnderDays: number | null;

  @Field({ description: 'True when it runs out sooner than `notifyUnderDays`.' })
  underThreshold: boolean;

  @Field(() => [RunwayHistoryPointObject], { description: 'Balance by day, oldest first (up to 60 days).' })
  history: RunwayHistoryPointObject[];

  @Field(() => [RunwayProjectionPointObject], {
    description: 'Projected balance, weekly from `asOf` (up to 180 days).',
  })
  projection: RunwayProjectionPointObject[];
}

/** The organization's runway notification setting. */
@ObjectType('RunwayAlertSettings')
export class RunwayAlertSettingsObject {
  @Field(() => Int, {
    nullable: true,
    description: 'Notify when a runway falls under this many days; null: off (grants may set their own).',
  })
  notifyUnderDays: number | null;
}
