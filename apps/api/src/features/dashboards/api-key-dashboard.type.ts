import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { CountScalar, DateScalar, DecimalScalar } from '../../graphql/scalars';
import { DashboardPeriodObject } from './dashboard-period.type';

/** One API key on the API Keys dashboard. */
@ObjectType('ApiKeyDashboardRow', {
  simpleResolvers: true,
  description:
    "A provider API key: cost, usage, trend, last use, and whether applications meter it; or (isUnattributed) an account's spend with no key, so the rows add up to the bill.",
})
export class ApiKeyDashboardRowObject {
  @Field(() => ID, {
    nullable: true,
    description: 'The ApiKey entity id; null when the key is only known from cost records.',
  })
  apiKeyId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The provider's id for the key; null in the row of spend with no key.",
  })
  externalId: string | null;

  @Field({
    description: 'True for the row of an account\'s spend that the provider tied to no key ("(no key attribution)").',
  })
  isUnattributed: boolean;

  @Field(() => String, { nullable: true, description: 'Why the row has no key (unattributed rows only).' })
  note: string | null;

  @Field(() => ID)
  providerAccountId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field(() => String, { nullable: true })
  hint: string | null;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  workspaceExternalId: string | null;

  @Field(() => String, { nullable: true, description: "The workspace's display name." })
  workspaceName: string | null;

  @Field(() => DecimalScalar)
  cost: Money;

  @Field(() => DecimalScalar)
  previousCost: Money;

  @Field(() => DecimalScalar, { nullable: true })
  costChange: Money | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "Credits applied; null when the provider's billing API does not report credits (not captured, not zero).",
  })
  credits: Money | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'cost − credits; null when credits are not captured (net is never guessed as the cost).',
  })
  net: Money | null;

  @Field(() => CountScalar, { nullable: true })
  inputTokens: bigint | null;

  @Field(() => CountScalar, { nullable: true })
  outputTokens: bigint | null;

  @Field(() => CountScalar, { nullable: true })
  cachedInputTokens: bigint | null;

  @Field(() => CountScalar, { nullable: true })
  requests: bigint | null;

  @Field(() => CountScalar, { nullable: true })
  previousRequests: bigint | null;

  @Field(() => Date, { nullable: true, description: 'When the provider says the key was last used.' })
  lastUsedAt: Date | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The last day with usage in the current or previous period.',
  })
  lastActiveDay: Day | null;

  @Field({ description: 'Applications reported metered traffic for this key in the period.' })
  hasMeteredTraffic: boolean;

  @Field({ description: 'Billed spend in the period but no metered traffic.' })
  isUninstrumented: boolean;

  @Field({ description: 'Zero requests in the period (where the provider reports requests).' })
  isIdle: boolean;

  @Field({
    description:
      'The row sums records of an account whose current period includes provisional days: the provider may still revise them, so its figures and change may move.',
  })
  includesProvisional: boolean;
}

/** A page of the API Keys dashboard. */
@ObjectType('ApiKeyDashboardPage', { simpleResolvers: true })
export class ApiKeyDashboardPageObject {
  @Field(() => Int)
  total: number;

  @Field(() => [ApiKeyDashboardRowObject])
  rows: ApiKeyDashboardRowObject[];

  @Field(() => DashboardPeriodObject, { description: 'The period shown and the one it is compared with.' })
  period: DashboardPeriodObject;
}
