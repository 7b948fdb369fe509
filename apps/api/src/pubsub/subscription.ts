/** The producer side of one subscriber's event stream. */
export type Subscription<T> = {
  /** The consumer side: yields pushed values in order until ended. */
  readonly iterator: AsyncIterableIterator<T>;
  /** Queues a value (dropping the oldest when `maxBuffered` are already waiting). */
  push(value: T): void;
  /** Ends the stream; pending and later `next()` calls resolve as done. */
  end(): void;
};

/** Values a slow subscriber may have waiting before the oldest are dropped. */
export const DEFAULT_MAX_BUFFERED = 1_000;

/**
 * A push-to-pull bridge: events are pushed as they are published and pulled by `for await`.
 * `onEnd` runs once, when either side ends the stream, so the publisher can forget the subscriber.
 */
export function createSubscription<T>(onEnd: () => void, maxBuffered = DEFAULT_MAX_BUFFERED): Subscription<T> {
  const buffered: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let ended = false;

  const end = () => {
    if (ended) return;
    ended = true;
    buffered.length = 0;
    for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    onEnd();
  };

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift() as T, done: false });
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return() {
      end();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };

  return {
    iterator,
    push(value) {
      if (ended) return;
      const resolve = waiting.shift();
      if (resolve) return resolve({ value, done: false });
      if (buffered.length >= maxBuffered) buffered.shift();
      buffered.push(value);
    },
    end,
  };
}
