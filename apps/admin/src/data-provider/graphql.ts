import {
  Client,
  fetchExchange,
  subscriptionExchange,
  type CombinedError,
  type SubscriptionForwarder,
} from '@urql/core';
import type { Client as WsClient } from 'graphql-ws';
import { toApiRequestError } from './errors';

/** Callbacks of one subscription. */
export type SubscriptionHandlers<T> = {
  next(data: T): void;
  /** The subscription failed (it is over); `error` is an {@link ApiRequestError}. */
  error?(error: Error): void;
};

/**
 * The one GraphQL transport of the admin: urql for queries and mutations over HTTP, graphql-ws
 * for subscriptions through urql's subscriptionExchange (graphql-ws is loaded, and the socket
 * opened, when the first subscription starts, so it stays out of the first screen's bundle). It caches nothing: react-query (which
 * react-admin runs on) is the one cache.
 */
export type GraphqlTransport = {
  /** Runs a query or mutation; resolves with `data`, rejects with an {@link ApiRequestError}. */
  request<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
  /** Starts a subscription; call the returned function to stop it. */
  subscribe<T>(document: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<T>): () => void;
  /** Drops the WebSocket so the next subscription connects with the current session cookie (after login or logout). */
  reconnect(): void;
  /**
   * Calls `listener` each time the WebSocket comes back after a drop (events sent meanwhile
   * were missed, so cached data may be stale). Returns the function that removes it.
   */
  onReconnected(listener: () => void): () => void;
};

/**
 * Headers of every request to the API. The session is the HttpOnly cookie the API sets at
 * sign-in (`x-spendsync-session: cookie` asks for it), which page scripts never see; the API
 * accepts the cookie on changes only with `x-spendsync-csrf`, a header no foreign page can send.
 */
export const SESSION_HEADERS = { 'x-spendsync-session': 'cookie', 'x-spendsync-csrf': '1' } as const;

/** How the transport is built; the defaults suit the browser on the API's own origin. */
export type GraphqlTransportOptions = {
  /** HTTP endpoint, default `/graphql`. */
  url?: string;
  /** True while signed in: a dropped WebSocket reconnects only then. */
  isSignedIn(): boolean;
  /** WebSocket endpoint; default the page's origin with ws(s):. Ignored when `forwardSubscription` is given. */
  wsUrl?: string;
  /** Fetch implementation (tests pass a fake that answers GraphQL). */
  fetch?: typeof fetch;
  /** Where subscriptions go instead of graphql-ws (tests pass an in-memory source). */
  forwardSubscription?: SubscriptionForwarder;
};

/** `ws://host/graphql` for the page's origin. */
export function defaultWsUrl(
  location: Pick<Location, 'protocol' | 'host'> = window.location,
  path = '/graphql',
): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

/** Loads graphql-ws (its own chunk) and opens a lazy socket; the browser sends the session cookie with the upgrade and the API checks its Origin. */
async function createSocket(url: string, isSignedIn: () => boolean, onReconnected: () => void): Promise<WsClient> {
  const { createClient } = await import('graphql-ws');
  return createClient({
    on: { connected: (_socket, _payload, wasRetry) => (wasRetry ? onReconnected() : undefined) },
    url,
    lazy: true,
    connectionParams: { 'x-spendsync-csrf': SESSION_HEADERS['x-spendsync-csrf'] },
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: isSignedIn,
  });
}

/** Builds the transport. See {@link GraphqlTransport}. */
export function createGraphqlTransport(options: GraphqlTransportOptions): GraphqlTransport {
  let socket: Promise<WsClient> | null = null;
  const reconnectListeners = new Set<() => void>();
  const notifyReconnected = () => reconnectListeners.forEach((listener) => listener());
  const socketForwarder: SubscriptionForwarder = (request) => ({
    subscribe(sink) {
      socket ??= createSocket(options.wsUrl ?? defaultWsUrl(), options.isSignedIn, notifyReconnected);
      let stop: (() => void) | undefined;
      let isStopped = false;
      socket.then(
        (ws) => {
          if (!isStopped) stop = ws.subscribe({ ...request, query: request.query ?? '' }, sink);
        },
        (error: unknown) => sink.error(error),
      );
      return {
        unsubscribe() {
          isStopped = true;
          stop?.();
        },
      };
    },
  });
  const client = new Client({
    url: options.url ?? '/graphql',
    // Apollo's CSRF prevention refuses GET queries without a special header: always POST.
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetch: options.fetch,
    fetchOptions: { headers: SESSION_HEADERS, credentials: 'same-origin' },
    // No cacheExchange: react-query is the only cache.
    exchanges: [
      fetchExchange,
      subscriptionExchange({ forwardSubscription: options.forwardSubscription ?? socketForwarder }),
    ],
  });

  const fail = (error: CombinedError | undefined, data: unknown) => {
    if (error) throw toApiRequestError(error);
    return data;
  };

  return {
    async request<T>(document: string, variables: Record<string, unknown> = {}) {
      const isMutation = /^\s*mutation\b/.test(document);
      const result = isMutation
        ? await client.mutation(document, variables).toPromise()
        : await client.query(document, variables).toPromise();
      return fail(result.error, result.data) as T;
    },
    subscribe<T>(document: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<T>) {
      const { unsubscribe } = client.subscription(document, variables).subscribe((result) => {
        if (result.error) handlers.error?.(toApiRequestError(result.error));
        else if (result.data) handlers.next(result.data as T);
      });
      return unsubscribe;
    },
    reconnect() {
      const old = socket;
      socket = null;
      void old?.then((ws) => ws.dispose());
    },
    onReconnected(listener) {
      reconnectListeners.add(listener);
      return () => void reconnectListeners.delete(listener);
    },
  };
}
