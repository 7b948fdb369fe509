import type { ApolloServerOptions } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

/** Bounds of the automatic persisted query (APQ) store. */
export type PersistedQueryLimits = {
  /** Total size of the stored query texts, in characters; the least recently used go first. */
  maxBytes: number;
  /** How long a registered query stays without being used again, in seconds. */
  ttlSeconds: number;
};

/** About 8 MB of query text (thousands of typical operations) for a day. */
export const DEFAULT_PERSISTED_QUERY_LIMITS: PersistedQueryLimits = { maxBytes: 8 * 2 ** 20, ttlSeconds: 24 * 60 * 60 };

/**
 * Apollo's automatic persisted queries, in a store of its own with a hard size bound: a client
 * sends the query's SHA-256 (POST, or GET that a CDN can cache); an unknown hash answers
 * PERSISTED_QUERY_NOT_FOUND and the client resends it with the text once, which registers it.
 * Anyone may register queries, so the store is a bounded LRU, not the server's shared cache.
 */
export function createPersistedQueries(
  limits: PersistedQueryLimits,
): NonNullable<ApolloServerOptions<never>['persistedQueries']> {
  return { cache: new InMemoryLRUCache<string>({ maxSize: limits.maxBytes }), ttl: limits.ttlSeconds };
}
