/** Topic name → payload type of a pub/sub. Payloads must survive JSON (strings, numbers, arrays, plain objects). */
export type TopicMap = { readonly [topic: string]: unknown };

/**
 * A typed publish/subscribe channel. Two implementations: in-process (one server) and
 * PostgreSQL LISTEN/NOTIFY (several processes). The shape also fits type-graphql's `PubSub`
 * (`publish(topic, payload)`, `subscribe(topic)` returning an AsyncIterable), so GraphQL
 * subscriptions can consume it directly.
 */
export type PubSub<M extends TopicMap> = {
  /** Delivers `payload` to every current subscriber of `topic` (in every process, for the shared one). */
  publish<T extends keyof M & string>(topic: T, payload: M[T]): Promise<void>;
  /**
   * Events of `topic` published from now on, optionally only those `filter` accepts. Ending the
   * iteration (`break`, `return()`) unsubscribes. A subscriber that falls far behind loses its
   * oldest buffered events rather than growing without bound.
   */
  subscribe<T extends keyof M & string>(topic: T, filter?: (payload: M[T]) => boolean): AsyncIterableIterator<M[T]>;
  /** Ends every subscription and releases connections. */
  close(): Promise<void>;
};
