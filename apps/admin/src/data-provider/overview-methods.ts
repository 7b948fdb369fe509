import type { Client } from '@urql/core';

/** A GraphQL operation's variables. */
export type GraphqlVariables = Record<string, unknown>;

/**
 * Data provider methods the Overview needs beyond react-admin's CRUD calls: its dashboards are
 * queries with a filter, not lists of records. Spread into the app's data provider so
 * `useDataProvider()` exposes them and auth errors go through the auth provider as usual.
 */
export type OverviewMethods = {
  /** Runs one query or mutation through the app's urql client; rejects with the first GraphQL error. */
  graphql<T>(query: string, variables?: GraphqlVariables): Promise<T>;
  /** GETs a path of the API (e.g. `/export/models.csv?period=last_7_days`) with the session's bearer token. */
  fetchWithAuth(path: string): Promise<Response>;
};

/** What the Overview methods are built from: the one urql client and the current session. */
export type OverviewMethodDeps = {
  client: Client;
  /** The bearer token of the signed-in session, or null when signed out. */
  getToken: () => string | null;
  /** Defaults to the global fetch (tests pass their own). */
  fetch?: typeof fetch;
};

/** An error carrying the API's `extensions.code` (UNAUTHENTICATED, BAD_USER_INPUT…) and HTTP status. */
export class OverviewRequestError extends Error {
  constructor(message: string, readonly code: string | null, readonly status: number | null) {
    super(message);
    this.name = 'OverviewRequestError';
  }
}

const isMutation = (query: string) => /^\s*mutation\b/.test(query);

/** Builds {@link OverviewMethods} on the app's urql client (no document cache: react-query caches). */
export function createOverviewMethods(deps: OverviewMethodDeps): OverviewMethods {
  const fetchImpl = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return {
    async graphql<T>(query: string, variables: GraphqlVariables = {}): Promise<T> {
      const result = isMutation(query)
        ? await deps.client.mutation(query, variables).toPromise()
        : await deps.client.query(query, variables, { requestPolicy: 'network-only' }).toPromise();
      if (result.error) {
        const first = result.error.graphQLErrors[0];
        const status = (result.error.response as { status?: number } | undefined)?.status ?? null;
        const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : null;
        throw new OverviewRequestError(first?.message ?? result.error.message, code, status);
      }
      return result.data as T;
    },
    async fetchWithAuth(path: string): Promise<Response> {
      const token = deps.getToken();
      const response = await fetchImpl(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        throw new OverviewRequestError(body?.error?.message ?? `Request failed (${response.status})`, body?.error?.code ?? null, response.status);
      }
      return response;
    },
  };
}
