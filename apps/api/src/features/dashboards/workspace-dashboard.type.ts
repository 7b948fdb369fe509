import type { Money, ProviderId } from '@spendsync/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';
import { CountScalar, DecimalScalar } from '../../graphql/scalars';
import { DashboardPeriodObject } from './dashboard-period.type';

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

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Null when the workspace's provider does not report credits.",
  })
  net: Money | null;
}

/** One display name on the Workspaces dashboard, combining workspaces mapped to it across providers. */
@ObjectType('WorkspaceDashboardRow', {
  simpleResolvers: true,
  description: 'One display name, combining every workspace mapped to it across providers.',
})
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

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Null unless every member's provider reports credits (a partial sum would pass for a whole one).",
  })
  credits: Money | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'cost − credits; null when credits are not captured for some member.',
  })
  net: Money | null;

  @Field(() => DecimalScalar, { nullable: true })
  previousNet: Money | null;

  @Field(() => DecimalScalar, { nullable: true })
  netChange: Money | null;

  @Field(() => CountScalar, { nullable: true })
  inputTokens: bigint | null;

  @Field(() => CountScalar, { nullable: true })
  outputTokens: bigint | null;

  @Field(() => CountScalar, { nullable: true })
  requests: bigint | null;

  @Field(() => [WorkspaceMemberObject], { description: 'The member workspaces, for expanding the row.' })
  members: WorkspaceMemberObject[];

  @Field({
    description:
      'The row sums records of an account whose current period includes provisional days: the provider may still revise them, so its figures and change may move.',
  })
  includesProvisional: boolean;
}

/** A page of the Workspaces dashboard. */
@ObjectType('WorkspaceDashboardPage', { simpleResolvers: true })
export class WorkspaceDashboardPageObject {
  @Field(() => Int)
  total: number;

  @Field(() => [WorkspaceDashboardRowObject])
  rows: WorkspaceDashboardRowObject[];

  @Field(() => DashboardPeriodObject, { description: 'The period shown and the one it is compared with.' })
  period: DashboardPeriodObject;
}
