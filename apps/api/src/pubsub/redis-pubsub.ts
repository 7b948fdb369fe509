import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLocalHub } from './in-memory-pubsub';
import { decodeNotification } from './notify-payload';
import { DEFAULT_PUBSUB_CHANNEL } from './pg-pubsub';
import type { PubSub, TopicMap } from './pubsub';

/** Where the Redis pub/sub connects, and how it reports trouble. */
export type RedisPubSubOptions = {
  /** redis:// or rediss:// URL (may contain a password: never logged). */
  url: string;
  /** The Redis channel; every process of one deployment must use the same. */
  channel?: string;
  /** Told about lost connections and unreadable messages; default silent. */
  onError?: (message: string, error?: unknown) => void;
  /** How long the first connection may take before start-up fails (default 10 s). */
  connectTimeoutMs?: number;
  maxBuffered?: number;
};

/**
 * A pub/sub across processes over Redis PUBLISH/SUBSCRIBE, with two connections (a subscribed
 * Redis connection can issue nothing else). Like the PostgreSQL one: local subscribers get an
 * event at once, other processes through the channel, and our own echo is skipped by origin
 * id. The message format is the NOTIFY one (no size limit applies here). While Redis is
 * unreachable, publishing rejects at once (no offline queue: events are best effort) and
 * ioredis reconnects and re-subscribes in the background; errors are reported, never thrown.
 */
export async function createRedisPubSub<M extends TopicMap>(options: RedisPubSubOptions): Promise<PubSub<M>> {
  const channel = options.channel ?? DEFAULT_PUBSUB_CHANNEL;
  const origin = randomUUID();
  const hub = createLocalHub(options.maxBuffered);
  const report = options.onError ?? (() => undefined);
  let started = false;
  let closed = false;
  let firstError: unknown;
  const connectionOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    // Start-up fails at once (a wrong URL is a configuration error); later losses reconnect with backoff.
    retryStrategy: (attempt: number) => (started && !closed ? Math.min(250 * 2 ** Math.min(attempt, 6), 10_000) : null),
  };
  const publisher = new Redis(options.url, { ...connectionOptions, connectionName: 'spendsync-pubsub-publish' });
  const subscriber = new Redis(options.url, {
    ...connectionOptions,
    connectionName: 'spendsync-pubsub-subscribe',
    // Re-subscribing after a reconnect needs the command sent before the connection is "ready".
    enableOfflineQueue: true,
    autoResubscribe: true,
  });
  const lost = new WeakSet<Redis>();
  for (const [connection, role] of [
    [publisher, 'publish'],
    [subscriber, 'subscribe'],
  ] as const) {
    connection.on('error', (error: unknown) => {
      firstError ??= error;
      if (!started || closed || lost.has(connection)) return;
      lost.add(connection);
      report(`The pub/sub's ${role} connection to Redis failed; reconnecting`, error);
    });
    connection.on('ready', () => lost.delete(connection));
  }
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const notification = decodeNotification(text);
    if (!notification) return report(`Ignored an unreadable event on Redis channel ${channel}`);
    if (notification.origin !== origin) hub.deliver(notification.topic, notification.payload);
  });
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(channel);
    started = true;
  } catch (error) {
    closed = true;
    publisher.disconnect();
    subscriber.disconnect();
    const why = error instanceof Error ? error.message : String(error);
    const first = firstError instanceof Error ? firstError.message : undefined;
    throw new Error(`Could not connect the pub/sub to Redis (SPENDSYNC_REDIS_URL): ${first ?? why}`);
  }

  return {
    async publish(topic, payload) {
      hub.deliver(topic, payload);
      if (publisher.status !== 'ready') {
        throw new Error('The pub/sub is not connected to Redis; the event reached this process only');
      }
      await publisher.publish(channel, JSON.stringify({ o: origin, t: topic, p: payload }));
    },
    subscribe: (topic, filter) =>
      hub.subscribe(topic, filter as (payload: unknown) => boolean) as AsyncIterableIterator<never>,
    async close() {
      closed = true;
      hub.endAll();
      await Promise.all(
        [publisher, subscriber].map((connection) =>
          connection.status === 'ready'
            ? connection.quit().catch(() => connection.disconnect())
            : connection.disconnect(),
        ),
      );
    },
  };
}
