import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';

type Result = ExecutionResult | Promise<ExecutionResult>;

function mapAsyncIterable<T, U>(source: AsyncIterable<T>, map: (value: T) => U | Promise<U>): AsyncIterableIterator<U> {
  const iterator = source[Symbol.asyncIterator]();
  const mapped: AsyncIterableIterator<U> = {
    async next() {
      const result = await iterator.next();
      return result.done ? { value: undefined, done: true } : { value: await map(result.value), done: false };
    },
    async return() {
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => mapped,
  };
  return mapped;
}

/**
 * graphql-js `subscribe`, except that subscribers running the same operation with the same
 * variables for the same audience share one execution per event: the in-process pub/sub hands
 * every subscriber the same event object, so the first to execute it caches the result (keyed
 * by that object, so it is forgotten with the event). A thousand admin screens watching one
 * sync then cost one execution per event instead of a thousand. Operations without a key (see
 * `shareKeys`) execute per subscriber, as usual.
 */
export function createSharedSubscribe() {
  const shareKeys = new WeakMap<DocumentNode, string>();
  const results = new WeakMap<object, Map<string, Result>>();

  async function subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const key = shareKeys.get(args.document);
    return mapAsyncIterable(stream as AsyncIterable<unknown>, (event) => {
      if (key === undefined || typeof event !== 'object' || event === null)
        return execute({ ...args, rootValue: event });
      let perEvent = results.get(event);
      if (!perEvent) results.set(event, (perEvent = new Map()));
      let result = perEvent.get(key);
      if (!result) perEvent.set(key, (result = execute({ ...args, rootValue: event })));
      return result;
    });
  }

  return {
    subscribe,
    /**
     * Lets `document` share executions with every other document given the same key. The key
     * must cover everything the result depends on: the query text, operation name, variables and
     * whose data it is (organization and role).
     */
    share(document: DocumentNode, key: string): void {
      shareKeys.set(document, key);
    },
  };
}
