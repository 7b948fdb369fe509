import { describe, expect, it } from '@jest/globals';
import { createInMemoryPubSub } from './in-memory-pubsub';

type Topics = { A: { n: number }; B: { s: string } };

async function take<T>(iterator: AsyncIterator<T>, count: number): Promise<T[]> {
  const out: T[] = [];
  while (out.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe('createInMemoryPubSub', () => {
  it('delivers events of a topic, in order, to every subscriber, filtered', async () => {
    const pubsub = createInMemoryPubSub<Topics>();
    const all = pubsub.subscribe('A');
    const even = pubsub.subscribe('A', (p) => p.n % 2 === 0);
    const other = pubsub.subscribe('B');
    for (const n of [1, 2, 3, 4]) await pubsub.publish('A', { n });
    expect(await take(all, 4)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(await take(even, 2)).toEqual([{ n: 2 }, { n: 4 }]);
    await pubsub.publish('B', { s: 'x' });
    expect(await take(other, 1)).toEqual([{ s: 'x' }]);
  });

  it('resolves a waiting subscriber when an event arrives later', async () => {
    const pubsub = createInMemoryPubSub<Topics>();
    const sub = pubsub.subscribe('A');
    const pending = sub.next();
    await pubsub.publish('A', { n: 7 });
    await expect(pending).resolves.toEqual({ value: { n: 7 }, done: false });
  });

  it('stops delivering after return() and ends everything on close()', async () => {
    const pubsub = createInMemoryPubSub<Topics>();
    const early = pubsub.subscribe('A');
    const late = pubsub.subscribe('A');
    await early.return?.();
    await pubsub.publish('A', { n: 1 });
    await expect(early.next()).resolves.toEqual({ value: undefined, done: true });
    const waiting = (async () => {
      const got = [];
      for await (const e of late) got.push(e);
      return got;
    })();
    await pubsub.close();
    await expect(waiting).resolves.toEqual([{ n: 1 }]);
  });

  it('drops the oldest events of a subscriber that falls too far behind', async () => {
    const pubsub = createInMemoryPubSub<Topics>({ maxBuffered: 3 });
    const slow = pubsub.subscribe('A');
    for (const n of [1, 2, 3, 4, 5]) await pubsub.publish('A', { n });
    expect(await take(slow, 3)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
  });

  it('treats a filter that throws as not interested', async () => {
    const pubsub = createInMemoryPubSub<Topics>();
    const broken = pubsub.subscribe('A', () => {
      throw new Error('boom');
    });
    const fine = pubsub.subscribe('A');
    await pubsub.publish('A', { n: 1 });
    expect(await take(fine, 1)).toEqual([{ n: 1 }]);
    await pubsub.close();
    expect(await take(broken, 1)).toEqual([]);
  });
});
