import type { PubSubBackend } from '@spendsync/config';
import { createPgPubSub } from './pg-pubsub';
import type { PubSub, TopicMap } from './pubsub';
import { createRedisPubSub } from './redis-pubsub';

/** Which cross-process pub/sub to open (SPENDSYNC_PUBSUB, SPENDSYNC_REDIS_URL) and where. */
export type SharedPubSubOptions = {
  backend: PubSubBackend;
  /** The database's postgres:// URL (the `postgres` backend listens on it). */
  databaseUrl: string;
  /** Required for the `redis` backend (config validation guarantees it). */
  redisUrl?: string;
  onError?: (message: string, error?: unknown) => void;
  maxBuffered?: number;
};

/** The pub/sub every process of a deployment shares: PostgreSQL LISTEN/NOTIFY or Redis. */
export async function createSharedPubSub<M extends TopicMap>(options: SharedPubSubOptions): Promise<PubSub<M>> {
  const { onError, maxBuffered } = options;
  if (options.backend === 'redis') {
    if (!options.redisUrl) throw new Error('SPENDSYNC_PUBSUB=redis needs SPENDSYNC_REDIS_URL');
    return createRedisPubSub<M>({ url: options.redisUrl, onError, maxBuffered });
  }
  return createPgPubSub<M>({ connectionString: options.databaseUrl, onError, maxBuffered });
}
