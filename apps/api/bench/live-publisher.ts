/**
 * The worker side of bench:live, in its own process as a sync worker is: opens the shared pub/sub
 * the way `serve` does (SPENDSYNC_PUBSUB, SPENDSYNC_REDIS_URL, DATABASE_URL) and publishes each
 * progress event the parent asks for, answering with the epoch time it was handed to the pub/sub.
 */
import { performance } from 'node:perf_hooks';
import { loadApiConfig } from '@spendsync/config';
import { SYNC_TOPICS, type SyncRunProgress } from '../src/features/sync-runs/sync-run.topics';
import type { SyncTopicMap } from '../src/features/sync/sync-pubsub';
import { createSharedPubSub } from '../src/pubsub/shared-pubsub';

/** What the parent asks for. */
export type PublisherRequest = { kind: 'publish'; event: SyncRunProgress } | { kind: 'close' };
/** What the publisher answers. */
export type PublisherMessage =
  { kind: 'ready' } | { kind: 'published'; n: number; at: number } | { kind: 'failed'; error: string };

const epochNow = () => performance.timeOrigin + performance.now();
const send = (message: PublisherMessage) => process.send!(message);

async function main(): Promise<void> {
  const config = loadApiConfig();
  const pubsub = await createSharedPubSub<SyncTopicMap>({
    backend: config.pubsub,
    databaseUrl: config.databaseUrl!,
    redisUrl: config.redisUrl,
  });
  process.on('message', (request: PublisherRequest) => {
    if (request.kind === 'close') {
      void pubsub.close().then(() => process.exit(0));
      return;
    }
    const at = epochNow();
    pubsub.publish(SYNC_TOPICS.RUN_PROGRESSED, request.event).then(
      () => send({ kind: 'published', n: request.event.daysDone, at }),
      (error: unknown) => send({ kind: 'failed', error: String(error) }),
    );
  });
  send({ kind: 'ready' });
}

main().catch((error: unknown) => {
  send({ kind: 'failed', error: String(error) });
  process.exit(1);
});
