import type { Money, ProviderId } from '@spendsync/domain';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { DecimalScalar } from '../../graphql/scalars';

/** A workspace inside a display-name row. */
@ObjectType('WorkspaceDashboardMember', { simpleResolvers: true })
export class WorkspaceMemberObject {
  @Field(() => ID, { nullable: true, description: 'The Workspace entity id; null when only known from cost records.' })
  workspaceId: string | null;

  @Field(() => ID)
  providerAccountId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field(() => String, { nullable: true, description: 'Null in the row of spend without a workspace.' })
  externalId: string | null;

  @Field(() => String, { nullable: true })
  providerName: string | null;

  @Field(() => DecimalScalar)
  cost: Money;

  @Field(() => DecimalScalar)
  previousCost: Money;

  @Field(() => DecimalScalar)
  net: Money;
}

/** One display name on the Workspaces dashboard, combining workspaces mapped to it across providers. */
@ObjectType('WorkspaceDashboardRow', { simpleResolvers: true, description: 'One display name, combining every workspace mapped to it across providers.' })
export class WorkspaceDashboardRowObject {
  @Field(() => String, { nullable: true, description: 'Null for spend not tied to any workspace.' })
  displayName: string | null;

  @Field(() => [ProviderEnum])
  providers: ProviderId[];

  @Field(() => DecimalScalar)
  cost: Money;

  @Field(() => DecimalScalar)
  previousCost: Money;

  @Field(() => DecimalScalar, { nullable: true })
  costChange: Money | null;

  @Field(() => DecimalScalar)
  credits: Money;

  @Field(() => DecimalScalar)
  net: Money;

  @Field(() => DecimalScalar)
  previousNet: Money;

  @Field(() => DecimalScalar, { nullable: true })
  netChange: Money | null;

  @Field(() => Float, { nullable: true })
  inputTokens: number | null;

  @Field(() => Float, { nullable: true })
  outputTokens: number | null;

  @Field(() => Float, { nullable: true })
  requests: number | null;

  @Field(() => [WorkspaceMemberObject], { description: 'The member workspaces, for expanding the row.' })
  members: WorkspaceMemberObject[];
}

/** A page of the Workspaces dashboard. */
@ObjectType('WorkspaceDashboardPage', { simpleResolvers: true })
export class WorkspaceDashboardPageObject {
  @Field(() => Int)
  total: number;

  @Field(() => [WorkspaceDashboardRowObject])
  rows: WorkspaceDashboardRowObject[];
}
