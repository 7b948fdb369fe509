import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AuditActorType, AuditOutcome } from './audit-event.entity';

export enum AuditOutcomeEnum {
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}
registerEnumType(AuditOutcomeEnum, { name: 'AuditOutcome', description: 'How a change ended.' });

export enum AuditActorTypeEnum {
  USER = 'user',
  API_TOKEN = 'api_token',
}
registerEnumType(AuditActorTypeEnum, {
  name: 'AuditActorType',
  description: 'Who made a change: a signed-in user or an API token.',
});

/** One change made through the API. */
@ObjectType('AuditEvent', { description: 'One change an admin, user or API token made through the API (append-only).' })
export class AuditEventObject {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field(() => AuditActorTypeEnum)
  actorType: AuditActorType;

  @Field(() => ID, { nullable: true, description: "The user's or the API token's id." })
  actorId: string | null;

  @Field({ description: "The user's email or the token's name at the time." })
  actorLabel: string;

  @Field({ description: 'The client address the request came from (through trusted proxies).' })
  clientAddress: string;

  @Field({ description: 'The operation, e.g. linkProvider or spendsyncRenameWorkspace.' })
  action: string;

  @Field(() => String, { nullable: true, description: 'The type the operation returns, e.g. ProviderAccount.' })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => GraphQLJSON, {
    description: '{ input }: the operation\'s arguments, every secret replaced by "[redacted]".',
  })
  changes: Record<string, unknown>;

  @Field(() => AuditOutcomeEnum)
  outcome: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'The error code when it failed.' })
  errorCode: string | null;
}

/** One page of the audit log. */
@ObjectType('AuditEventPage')
export class AuditEventPageObject {
  @Field(() => Int, { description: 'Events matching the filter.' })
  total: number;

  @Field(() => [AuditEventObject], { description: 'Newest first.' })
  rows: AuditEventObject[];
}

/** Filters of the audit log. */
@InputType('AuditEventFilter')
export class AuditEventFilterInput {
  @Field(() => String, { nullable: true, description: "Part of the actor's email or token name." })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'One operation, e.g. linkProvider.' })
  action?: string | null;

  @Field(() => AuditOutcomeEnum, { nullable: true })
  outcome?: AuditOutcome | null;

  @Field(() => Date, { nullable: true, description: 'From this instant (inclusive).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until this instant (exclusive).' })
  to?: Date | null;
}
