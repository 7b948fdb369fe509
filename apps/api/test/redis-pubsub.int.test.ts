import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { PubSub } from '../src/pubsub/pubsub';
import { createRedisPubSub } from '../src/pubsub/redis-pubsub';
import { createSharedPubSub } from '../src/pubsub/shared-pubsub';
import { nextEvent as next } from './support/next-event';

// Needs Redis (.ci/run starts it): SPENDSYNC_REDIS_URL, default the local one.
const REDIS_URL = process.env.SPENDSYNC_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Topics = { T: { n: number; pid?: number; text?: string } };

describe('createRedisPubSub', () => {
  const opened: PubSub<Topics>[] = [];
  const children: ChildProcess[] = [];
  const errors: string[] = [];
  const open = async (channel: string) => {
    const pubsub = await createRedisPubSub<Topics>({ url: REDIS_URL, channel, onError: (m) => errors.push(m) });
    opened.push(pubsub);
    return pubsub;
  };
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(opened.splice(0).map((p) => p.close()));
    errors.length = 0;
  });

  it('delivers to subscribers of another connection, and once (no echo) to its own', async () => {
    const channel = `t_echo_${randomUUID()}`;
    const [a, b] = [await open(channel), await open(channel)];
    const own = a.subscribe('T');
    const remote = b.subscribe('T');
    const evens = b.subscribe('T', (p) => p.n % 2 === 0);
    await a.publish('T', { n: 1 });
    await a.publish('T', { n: 2, text: 'x'.repeat(20_000) });
    expect((await next(own)).n).toBe(1);
    expect((await next(own)).n).toBe(2);
    expect((await next(remote)).n).toBe(1);
    expect(await next(remote)).toEqual({ n: 2, text: 'x'.repeat(20_000) }); // no NOTIFY size limit
    expect((await next(evens)).n).toBe(2);
    await expect(next(own, 300)).rejects.toThrow(/no event/);
  });

  it('delivers events published by another process, in order, and keeps channels apart', async () => {
    const channel = `t_process_${randomUUID()}`;
    const here = await open(channel);
    const elsewhere = await open(`t_other_${randomUUID()}`);
    const events = here.subscribe('T');
    const none = elsewhere.subscribe('T');
    const child = fork(path.join(__dirname, 'support/redis-publish-child.ts'), [REDIS_URL, channel], {
      execArgv: ['-r', require.resolve('./support/swc-register.cjs')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the publisher exited (${code})`)));
    });
    for (let n = 1; n <= 20; n++) child.send({ n });
    const received = [];
    for (let n = 1; n <= 20; n++) received.push(await next(events, 10_000));
    expect(received.map((e) => e.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(received.map((e) => e.pid))).toEqual(new Set([child.pid]));
    await expect(next(none, 300)).rejects.toThrow(/no event/);
  });

  it('survives its connections being dropped: publishing fails or goes through, never crashes; delivers again', async () => {
    const channel = `t_drop_${randomUUID()}`;
    const [a, b] = [await open(channel), await open(channel)];
    const remote = b.subscribe('T');
    const admin = new Redis(REDIS_URL);
    try {
      const clients = (await admin.client('LIST')) as string;
      const ours = clients
        .split('\n')
        .filter((line) => /name=spendsync-pubsub-/.test(line))
        .map((line) => /(?:^| )id=(\d+)/.exec(line)?.[1])
        .filter((id): id is string => id !== undefined);
      expect(ours.length).toBeGreaterThanOrEqual(4);
      for (const id of ours) await admin.client('KILL', 'ID', id).catch(() => undefined);
    } finally {
      admin.disconnect();
    }
    // One wait for the first delivery after the drop: an event published while the subscriber was
    // still reconnecting is lost (Redis pub/sub keeps nothing), and a fresh wait per attempt would
    // leave the lost one's wait first in line for every later event.
    const firstDelivery = remote.next().then(() => true);
    let delivered = false;
    for (let attempt = 0; attempt < 100 && !delivered; attempt++) {
      const ok = await a.publish('T', { n: attempt }).then(
        () => true,
        () => false,
      );
      const pause = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ok ? 300 : 100));
      delivered = await Promise.race([firstDelivery, pause]);
    }
    expect(delivered).toBe(true);
  }, 60_000);

  it('says which setting is wrong when Redis cannot be reached', async () => {
    await expect(createRedisPubSub<Topics>({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 200 })).rejects.toThrow(
      /Could not connect the pub\/sub to Redis \(SPENDSYNC_REDIS_URL\)/,
    );
  });

  it('is what SPENDSYNC_PUBSUB=redis opens: two such processes share the default channel', async () => {
    const shared = () =>
      createSharedPubSub<Topics>({
        backend: 'redis',
        databaseUrl: 'postgres://unused@127.0.0.1:1/x',
        redisUrl: REDIS_URL,
      });
    const [a, b] = [await shared(), await shared()];
    opened.push(a, b);
    const events = b.subscribe('T', (p) => p.n === 7);
    await a.publish('T', { n: 7 });
    expect(await next(events)).toEqual({ n: 7 });
  });
});
