import type { Day, Money, ProviderId } from '@spendsync/domain';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';

/** One API key on the API Keys dashboard. */
@ObjectType('ApiKeyDashboardRow', { simpleResolvers: true, description: 'A provider API key: cost, usage, trend, last use, and whether applications meter it.' })
export class ApiKeyDashboardRowObject {
  @Field(() => ID, { nullable: true, description: 'The ApiKey entity id; null when the key is only known from cost records.' })
  apiKeyId: string | null;

  @Field()
  externalId: string;

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

  @Field(() => String, { nullable: true, description: 'The workspace\'s display name.' })
  workspaceName: string | null;

  @Field(() => DecimalScalar)
  cost: Money;

  @Field(() => DecimalScalar)
  previousCost: Money;

  @Field(() => DecimalScalar, { nullable: true })
  costChange: Money | null;

  @Field(() => DecimalScalar)
  net: Money;

  @Field(() => Float, { nullable: true })
  inputTokens: number | null;

  @Field(() => Float, { nullable: true })
  outputTokens: number | null;

  @Field(() => Float, { nullable: true })
  cachedInputTokens: number | null;

  @Field(() => Float, { nullable: true })
  requests: number | null;

  @Field(() => Float, { nullable: true })
  previousRequests: number | null;

  @Field(() => Date, { nullable: true, description: 'When the provider says the key was last used.' })
  lastUsedAt: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last day with usage in the current or previous period.' })
  lastActiveDay: Day | null;

  @Field({ description: 'Applications reported metered traffic for this key in the period.' })
  hasMeteredTraffic: boolean;

  @Field({ description: 'Billed spend in the period but no metered traffic.' })
  isUninstrumented: boolean;

  @Field({ description: 'Zero requests in the period (where the provider reports requests).' })
  isIdle: boolean;
}

/** A page of the API Keys dashboard. */
@ObjectType('ApiKeyDashboardPage', { simpleResolvers: true })
export class ApiKeyDashboardPageObject {
  @Field(() => Int)
  total: number;

  @Field(() => [ApiKeyDashboardRowObject])
  rows: ApiKeyDashboardRowObject[];
}
