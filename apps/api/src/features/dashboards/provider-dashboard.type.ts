import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import { DashboardPeriodObject } from './dashboard-period.type';
import type { ProviderAccountStatus } from '../provider-accounts/provider-account.entity';
import type { AccountAttention } from '../provider-accounts/account-attention';
import { AccountAttentionObject } from '../provider-accounts/account-attention.type';
import { ProviderAccountStatusEnum } from '../provider-accounts/provider-account.type';

/** One linked account on the Providers dashboard. Changes are percent changes from the previous period. */
@ObjectType('ProviderDashboardRow', {
  simpleResolvers: true,
  description:
    'A linked account: spend, credits, net, metered spend and coverage, with the previous period and the change.',
})
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

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Percent change; null when the previous period had none.',
  })
  spendChange: Money | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "Credits applied; null when the provider's billing API does not report credits (not captured, not zero).",
  })
  credits: Money | null;

  @Field(() => DecimalScalar, { nullable: true })
  previousCredits: Money | null;

  @Field(() => DecimalScalar, { nullable: true })
  creditsChange: Money | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'spend − credits: what the invoice says; null when credits are not captured (net is never guessed as the spend).',
  })
  net: Money | null;

  @Field(() => DecimalScalar, { nullable: true })
  previousNet: Money | null;

  @Field(() => DecimalScalar, { nullable: true })
  netChange: Money | null;

  @Field(() => DecimalScalar, {
    description: 'Refunds in the period, already subtracted from spend (AWS Refund records); 0 when none.',
  })
  refunds: Money;

  @Field(() => DecimalScalar, {
    description:
      'The part of credits that is discounts (AWS EdpDiscount, BundledDiscount, SavingsPlanNegation…); 0 when none.',
  })
  discounts: Money;

  @Field(() => [String], { description: "The provider's names of the discount kinds in `discounts`." })
  discountKinds: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'The currency the period was billed in, when it is not USD (all of its spend in that one currency); else null.',
  })
  billingCurrency: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "spend as billed in `billingCurrency` (the provider's own figure); null when billingCurrency is.",
  })
  billingAmount: Money | null;

  @Field(() => DecimalScalar, {
    description:
      'Cost the applications reported themselves (metered usage) for keys of this account; reports that match no key are in unattributedMetered.',
  })
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

  @Field(() => [AccountAttentionObject], {
    description: 'What needs an admin although syncs do not fail, with the fix (as on ProviderAccount.attention).',
  })
  attention: AccountAttention[];

  @Field(() => Date, { nullable: true, description: 'When a sync last stored data.' })
  lastSyncedAt: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Every day before this one is stored completely.' })
  dataCompleteThrough: Day | null;

  @Field(() => Int, {
    description:
      "The provider's usual delay before a day is complete, in hours (the adapter's dataDelayHours; see the provider table in the README for where each figure comes from).",
  })
  expectedDelayHours: number;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Every read day before this one is settled (past the billing delay and re-read since).',
  })
  settledThrough: Day | null;

  @Field({
    description:
      'The current period includes provisional days of this account: the provider may still revise them, so the change vs the previous period may move.',
  })
  includesProvisional: boolean;
}

/** Metered spend of one provider that matched no synced API key. */
@ObjectType('UnattributedMetered', {
  simpleResolvers: true,
  description:
    "Metered usage for a provider that matched no synced API key: it belongs to no account, so no account's coverage counts it.",
})
export class UnattributedMeteredObject {
  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field(() => DecimalScalar)
  metered: Money;

  @Field(() => DecimalScalar)
  previousMetered: Money;
}

/** A page of the Providers dashboard. */
@ObjectType('ProviderDashboardPage', { simpleResolvers: true })
export class ProviderDashboardPageObject {
  @Field(() => Int, { description: 'Rows matching the filter, all pages.' })
  total: number;

  @Field(() => [ProviderDashboardRowObject])
  rows: ProviderDashboardRowObject[];

  @Field(() => [UnattributedMeteredObject], {
    description: 'Metered usage that matched no synced key, per provider (not given to any account).',
  })
  unattributedMetered: UnattributedMeteredObject[];

  @Field(() => DashboardPeriodObject, { description: 'The period shown and the one it is compared with.' })
  period: DashboardPeriodObject;
}
