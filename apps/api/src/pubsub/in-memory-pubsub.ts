import type { PubSub, TopicMap } from './pubsub';
import { createSubscription, type Subscription } from './subscription';

type Subscriber = { filter?: (payload: unknown) => boolean; subscription: Subscription<unknown> };

/** Local fan-out shared by both implementations: who listens to what in this process. */
export type LocalHub = {
  deliver(topic: string, payload: unknown): void;
  subscribe(topic: string, filter?: (payload: unknown) => boolean): AsyncIterableIterator<unknown>;
  endAll(): void;
};

/** Creates a {@link LocalHub}. A filter that throws counts as "not interested". */
export function createLocalHub(maxBuffered?: number): LocalHub {
  const topics = new Map<string, Set<Subscriber>>();
  return {
    deliver(topic, payload) {
      for (const subscriber of topics.get(topic) ?? []) {
        let wanted = true;
        try {
          wanted = subscriber.filter ? subscriber.filter(payload) : true;
        } catch {
          wanted = false;
        }
        if (wanted) subscriber.subscription.push(payload);
      }
    },
    subscribe(topic, filter) {
      const set = topics.get(topic) ?? new Set<Subscriber>();
      topics.set(topic, set);
      const subscriber: Subscriber = {
        filter,
        subscription: createSubscription<unknown>(() => {
          set.delete(subscriber);
          if (set.size === 0 && topics.get(topic) === set) topics.delete(topic);
        }, maxBuffered),
      };
      set.add(subscriber);
      return subscriber.subscription.iterator;
    },
    endAll() {
      for (const set of [...topics.values()]) for (const subscriber of [...set]) subscriber.subscription.end();
    },
  };
}

/** A pub/sub inside one process: enough for a single server and for tests. */
export function createInMemoryPubSub<M extends TopicMap>(options: { maxBuffered?: number } = {}): PubSub<M> {
  const hub = createLocalHub(options.maxBuffered);
  return {
    async publish(topic, payload) {
      hub.deliver(topic, payload);
    },
    subscribe: (topic, filter) =>
      hub.subscribe(topic, filter as (payload: unknown) => boolean) as AsyncIterableIterator<never>,
    async close() {
      hub.endAll();
    },
  };
}
