import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireAdmin, requireCaller, type ApiContext } from '../../context';
import type { ChannelRecord } from './notification-channel.service';
import {
  NotificationChannelInput,
  NotificationChannelObject,
  NotificationChannelSecretObject,
  NotificationDeliveryObject,
} from './notification.type';

function toObject(ctx: ApiContext, channel: ChannelRecord): NotificationChannelObject {
  return { ...channel, configured: channel.kind !== 'email' || ctx.services.emailConfigured };
}

/** Notification channels and their delivery log. Viewers read; admins change and test. */
@Resolver()
export class NotificationResolver {
  @Query(() => [NotificationChannelObject])
  async notificationChannels(@Ctx() ctx: ApiContext): Promise<NotificationChannelObject[]> {
    return (await ctx.services.channels.list(requireCaller(ctx).organizationId)).map((c) => toObject(ctx, c));
  }

  @Query(() => [NotificationDeliveryObject], {
    description: 'Deliveries with every try, newest first; of one channel or all.',
  })
  async notificationDeliveries(
    @Arg('channelId', () => ID, { nullable: true }) channelId: string | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<NotificationDeliveryObject[]> {
    const { organizationId } = requireCaller(ctx);
    if (channelId) await ctx.services.channels.require(organizationId, channelId);
    return ctx.services.deliveryLog.list(organizationId, { channelId, limit: limit ?? 100 });
  }

  @Mutation(() => NotificationChannelSecretObject, {
    description: "Adds a channel. A webhook's signing secret is in the answer, and never shown again.",
  })
  async createNotificationChannel(
    @Arg('input', () => NotificationChannelInput) input: NotificationChannelInput,
    @Ctx() ctx: ApiContext,
  ): Promise<NotificationChannelSecretObject> {
    const created = await ctx.services.channels.create(requireAdmin(ctx).organizationId, input);
    return { channel: toObject(ctx, created.channel), secret: created.secret };
  }

  @Mutation(() => NotificationChannelSecretObject, {
    description: 'A new signing secret for a webhook; the old one stops working now.',
  })
  async rotateNotificationChannelSecret(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ApiContext,
  ): Promise<NotificationChannelSecretObject> {
    const rotated = await ctx.services.channels.rotateSecret(requireAdmin(ctx).organizationId, id);
    return { channel: toObject(ctx, rotated.channel), secret: rotated.secret };
  }

  @Mutation(() => ID, {
    description:
      'Queues a test event to the channel and starts sending it; returns the delivery id (see notificationDeliveries).',
  })
  async testNotificationChannel(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<string> {
    const deliveryId = await ctx.services.channels.queueTest(requireAdmin(ctx).organizationId, id, ctx.services.now());
    void ctx.services.deliveryWorker
      .processDue()
      .catch((err: unknown) =>
        ctx.logger.warn({ err: String(err) }, 'Sending the test event failed; the poll retries'),
      );
    return deliveryId;
  }

  @Mutation(() => Boolean, { description: 'Deletes a channel and its delivery log.' })
  deleteNotificationChannel(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<boolean> {
    return ctx.services.channels.delete(requireAdmin(ctx).organizationId, id);
  }
}
