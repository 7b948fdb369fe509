import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import type { ProviderAccountStatus } from '../provider-accounts/provider-account.entity';
import { ProviderAccountStatusEnum } from '../provider-accounts/provider-account.type';

/** One linked account on the Providers dashboard. Changes are percent changes from the previous period. */
@ObjectType('ProviderDashboardRow', { simpleResolvers: true, description: 'A linked account: spend, credits, net, metered spend and coverage, with the previous period and the change.' })
export class ProviderDashboardRowObject {
  @Field(() => ID)
  providerAccountId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field()
  label: string;

  @Field(() => DecimalScalar, { description: 'Billed (list) cost, before credits.' })
  spend: Money;

  @Field(() => DecimalScalar)
  previousSpend: Money;

  @Field(() => DecimalScalar, { nullable: true, description: 'Percent change; null when the previous period had none.' })
  spendChange: Money | null;

  @Field(() => DecimalScalar)
  credits: Money;

  @Field(() => DecimalScalar)
  previousCredits: Money;

  @Field(() => DecimalScalar, { nullable: true })
  creditsChange: Money | null;

  @Field(() => DecimalScalar, { description: 'spend − credits: what the invoice says.' })
  net: Money;

  @Field(() => DecimalScalar)
  previousNet: Money;

  @Field(() => DecimalScalar, { nullable: true })
  netChange: Money | null;

  @Field(() => DecimalScalar, { description: 'Cost the applications reported themselves (metered usage).' })
  metered: Money;

  @Field(() => DecimalScalar)
  previousMetered: Money;

  @Field(() => DecimalScalar, { nullable: true })
  meteredChange: Money | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'metered ÷ spend; null when nothing was billed.' })
  coverage: Money | null;

  @Field(() => DecimalScalar, { nullable: true })
  previousCoverage: Money | null;

  @Field(() => ProviderAccountStatusEnum)
  status: ProviderAccountStatus;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'When a sync last stored data.' })
  lastSyncedAt: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Every day before this one is stored completely.' })
  dataCompleteThrough: Day | null;

  @Field(() => Int, { description: 'The provider\'s usual delay before a day is complete, in hours.' })
  expectedDelayHours: number;

  @Field(() => DateScalar, { nullable: true, description: 'Every read day before this one is settled (past the billing delay and re-read since).' })
  settledThrough: Day | null;

  @Field({ description: 'The current period includes provisional days of this account: the provider may still revise them, so the change vs the previous period may move.' })
  includesProvisional: boolean;
}

/** A page of the Providers dashboard. */
@ObjectType('ProviderDashboardPage', { simpleResolvers: true })
export class ProviderDashboardPageObject {
  @Field(() => Int, { description: 'Rows matching the filter, all pages.' })
  total: number;

  @Field(() => [ProviderDashboardRowObject])
  rows: ProviderDashboardRowObject[];
}
