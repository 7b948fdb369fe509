import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createLocalHub } from './in-memory-pubsub';
import { decodeNotification, encodeNotification } from './notify-payload';
import type { PubSub, TopicMap } from './pubsub';

/** Where the cross-process pub/sub connects, and how it reports trouble. */
export type PgPubSubOptions = {
  /** postgres:// URL (contains a password: never logged). */
  connectionString: string;
  /** The NOTIFY channel; every process of one deployment must use the same. */
  channel?: string;
  /** Told about lost connections and unreadable messages; default silent. */
  onError?: (message: string, error?: unknown) => void;
  /** First reconnect delay; doubles up to 10 s. */
  reconnectDelayMs?: number;
  maxBuffered?: number;
};

export const DEFAULT_PUBSUB_CHANNEL = 'spendsync_events';

/**
 * A pub/sub across processes over PostgreSQL LISTEN/NOTIFY, on one dedicated connection that
 * both listens and notifies. Local subscribers get an event at once (no round trip); other
 * processes get it through NOTIFY, and our own echo is skipped by origin id. While the
 * connection is down, publishing rejects (callers treat events as best effort) and the
 * connection is re-established in the background. NOTIFY payloads are limited to 8000 bytes:
 * oversized events are trimmed (see `encodeNotification`).
 */
export async function createPgPubSub<M extends TopicMap>(options: PgPubSubOptions): Promise<PubSub<M>> {
  const channel = options.channel ?? DEFAULT_PUBSUB_CHANNEL;
  const origin = randomUUID();
  const hub = createLocalHub(options.maxBuffered);
  const report = options.onError ?? (() => undefined);
  let client: pg.Client | undefined;
  let closed = false;
  let reconnecting: Promise<void> | undefined;

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== channel || message.payload === undefined) return;
    const notification = decodeNotification(message.payload);
    if (!notification) return report(`Ignored an unreadable event on channel ${channel}`);
    if (notification.origin !== origin) hub.deliver(notification.topic, notification.payload);
  };

  async function connect(): Promise<pg.Client> {
    const next = new pg.Client({ connectionString: options.connectionString });
    next.on('notification', onNotification);
    next.on('error', (error) => {
      report('The pub/sub connection to PostgreSQL failed; reconnecting', error);
      scheduleReconnect(next);
    });
    next.on('end', () => scheduleReconnect(next));
    await next.connect();
    await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
    return next;
  }

  function scheduleReconnect(lost: pg.Client): void {
    if (closed || client !== lost || reconnecting) return;
    client = undefined;
    lost.end().catch(() => undefined);
    reconnecting = (async () => {
      for (let delay = options.reconnectDelayMs ?? 250; !closed; delay = Math.min(delay * 2, 10_000)) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        try {
          const next = await connect();
          if (closed) await next.end();
          else client = next;
          return;
        } catch (error) {
          report('Reconnecting the pub/sub to PostgreSQL failed; retrying', error);
        }
      }
    })().finally(() => {
      reconnecting = undefined;
    });
  }

  client = await connect();

  return {
    async publish(topic, payload) {
      hub.deliver(topic, payload);
      if (!client) throw new Error('The pub/sub is not connected to PostgreSQL; the event reached this process only');
      await client.query('SELECT pg_notify($1, $2)', [channel, encodeNotification({ origin, topic, payload })]);
    },
    subscribe: (topic, filter) =>
      hub.subscribe(topic, filter as (payload: unknown) => boolean) as AsyncIterableIterator<never>,
    async close() {
      closed = true;
      hub.endAll();
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
      await reconnecting;
    },
  };
}
