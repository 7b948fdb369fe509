import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ChannelKind } from './notification-channel.entity';
import type { DeliveryStatus } from './notification-delivery.entity';

export const ChannelKindEnum = { WEBHOOK: 'webhook', SLACK: 'slack', EMAIL: 'email' } as const satisfies Record<
  string,
  ChannelKind
>;
registerEnumType(ChannelKindEnum, {
  name: 'ChannelKind',
  description: 'WEBHOOK: signed JSON POST; SLACK: incoming webhook; EMAIL: over SMTP.',
});
export const DeliveryStatusEnum = {
  PENDING: 'pending',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
} as const satisfies Record<string, DeliveryStatus>;
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  description: 'PENDING: waiting for its next try; FAILED: given up.',
});

@ObjectType('NotificationChannel')
export class NotificationChannelObject {
  @Field(() => ID)
  id: string;

  @Field(() => ChannelKindEnum)
  kind: ChannelKind;

  @Field()
  name: string;

  @Field({
    description: "Enough of the target to recognise it (never a Slack hook's secret path or a signing secret).",
  })
  targetHint: string;

  @Field({
    description: 'False for email while the server has no SMTP settings (SPENDSYNC_SMTP_URL, SPENDSYNC_SMTP_FROM).',
  })
  configured: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType('NotificationChannelSecret', {
  description: 'A channel and, for webhooks, its signing secret: shown this once only.',
})
export class NotificationChannelSecretObject {
  @Field(() => NotificationChannelObject)
  channel: NotificationChannelObject;

  @Field(() => String, { nullable: true })
  secret: string | null;
}

@ObjectType('NotificationDeliveryAttempt')
export class NotificationDeliveryAttemptObject {
  @Field(() => Int)
  attempt: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status, when it answered." })
  statusCode: number | null;

  @Field(() => Int)
  latencyMs: number;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field()
  attemptedAt: Date;
}

@ObjectType('NotificationDelivery')
export class NotificationDeliveryObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  channelId: string;

  @Field(() => ID, { nullable: true })
  alertEventId: string | null;

  @Field({ description: '"budget.threshold_fired" or "test".' })
  eventType: string;

  @Field(() => DeliveryStatusEnum)
  status: DeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => Date, { nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field(() => [NotificationDeliveryAttemptObject], { description: 'Every try, newest first.' })
  attemptLog: NotificationDeliveryAttemptObject[];
}

@InputType('NotificationChannelInput')
export class NotificationChannelInput {
  @Field(() => ChannelKindEnum)
  kind: ChannelKind;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'WEBHOOK and SLACK: an https:// URL on a public host.' })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'EMAIL: the recipients.' })
  emailTo?: string[] | null;
}
