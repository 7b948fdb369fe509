import { ApiRequestError } from './errors';
import { SESSION_HEADERS } from './graphql';

/**
 * Data provider methods the Overview needs beyond GraphQL: the CSV exports are plain HTTP
 * routes of the API (`GET /export/<tab>.csv`) with the same session cookie. Spread into
 * the app's data provider so `useDataProvider()` exposes them and a 401 reaches the auth
 * provider's checkError like any other call.
 */
export type OverviewMethods = {
  /** GETs a path of the API (e.g. `/export/models.csv?period=last_7_days`) with the session cookie. */
  fetchWithAuth(path: string): Promise<Response>;
};

/** What the Overview methods are built from. */
export type OverviewMethodDeps = {
  /** Defaults to the global fetch (tests pass their own). */
  fetch?: typeof fetch;
};

/** Builds {@link OverviewMethods}. A non-2xx answer rejects with an ApiRequestError carrying the API's code and status. */
export function createOverviewMethods(deps: OverviewMethodDeps = {}): OverviewMethods {
  const fetchImpl = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return {
    async fetchWithAuth(path: string): Promise<Response> {
      const response = await fetchImpl(path, { headers: SESSION_HEADERS, credentials: 'same-origin' });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as {
          error?: { code?: string; message?: string; field?: string };
        } | null;
        const code = body?.error?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'UNEXPECTED');
        const message = body?.error?.message ?? `The request failed (HTTP ${response.status}).`;
        throw new ApiRequestError(
          message,
          code,
          body?.error?.field ? { field: body.error.field } : {},
          response.status,
        );
      }
      return response;
    },
  };
}
