import { z } from 'zod';

/** The pub/sub backends live events can travel over between processes. */
export const PUBSUB_BACKENDS = ['postgres', 'redis'] as const;
export type PubSubBackend = (typeof PUBSUB_BACKENDS)[number];

const BACKEND_RULE = `must be one of ${PUBSUB_BACKENDS.join(', ')} (default postgres)`;
const REDIS_URL_RULE = 'must be a redis:// or rediss:// URL such as redis://:password@redis.internal:6379/0';

function isRedisUrl(text: string): boolean {
  try {
    const url = new URL(text);
    const db = url.pathname.replace(/^\//, '');
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '' && /^\d*$/.test(db);
  } catch {
    return false;
  }
}

/**
 * How live events (sync progress, log lines, job events) reach the subscribers of every API
 * process: PostgreSQL LISTEN/NOTIFY on the shared database, or Redis pub/sub.
 */
export const ZPubSubEnv = z.object({
  /** `postgres` (LISTEN/NOTIFY on DATABASE_URL, nothing else to run) or `redis` (needs SPENDSYNC_REDIS_URL). */
  SPENDSYNC_PUBSUB: z.enum(PUBSUB_BACKENDS, { error: BACKEND_RULE }).default('postgres'),
  /** The Redis server of SPENDSYNC_PUBSUB=redis. May hold a password: never logged. */
  SPENDSYNC_REDIS_URL: z.string().trim().refine(isRedisUrl, { error: REDIS_URL_RULE }).optional(),
});
