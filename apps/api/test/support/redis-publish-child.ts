/**
 * A separate process for redis-pubsub.int: opens the Redis pub/sub on the channel it is given
 * (argv: url channel), reports "ready" over IPC, publishes `{ n }` for every number the parent
 * sends, and closes on "close".
 */
import { createRedisPubSub } from '../../src/pubsub/redis-pubsub';

async function main(): Promise<void> {
  const [url, channel] = process.argv.slice(2);
  const pubsub = await createRedisPubSub<{ T: { n: number; pid: number } }>({ url: url!, channel });
  process.on('message', async (message: { n?: number; close?: boolean }) => {
    if (message.close) {
      await pubsub.close();
      process.exit(0);
    }
    await pubsub.publish('T', { n: message.n!, pid: process.pid });
    process.send!({ published: message.n });
  });
  process.send!({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
