/**
 * @jest-environment node
 */
import { describe, expect, it } from '@jest/globals';
import { ApiRequestError } from './errors';
import { createOverviewMethods } from './overview-methods';

type Seen = { path: string; csrf: string | null; credentials: RequestCredentials | undefined };

function fakeFetch(status: number, body: string, seen: Seen[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      path: String(input),
      csrf: new Headers(init?.headers).get('x-spendsync-csrf'),
      credentials: init?.credentials,
    });
    return new Response(body, {
      status,
      headers: { 'Content-Type': status === 200 ? 'text/csv' : 'application/json' },
    });
  }) as typeof fetch;
}

describe('createOverviewMethods.fetchWithAuth', () => {
  it('sends the session cookie (same-origin credentials) and returns the response', async () => {
    const seen: Seen[] = [];
    const methods = createOverviewMethods({ fetch: fakeFetch(200, 'a,b\n1,2\n', seen) });
    const response = await methods.fetchWithAuth('/export/models.csv?period=last_7_days');
    expect(await response.text()).toBe('a,b\n1,2\n');
    expect(seen).toEqual([{ path: '/export/models.csv?period=last_7_days', csrf: '1', credentials: 'same-origin' }]);
  });

  it.each([
    [
      401,
      '{"error":{"code":"UNAUTHENTICATED","message":"Sign in, or send an API token, to export data."}}',
      'UNAUTHENTICATED',
      /Sign in/,
    ],
    [
      400,
      '{"error":{"code":"BAD_USER_INPUT","message":"costMax: costMin is above costMax","field":"costMax"}}',
      'BAD_USER_INPUT',
      /costMin is above/,
    ],
    [502, 'Bad gateway', 'UNEXPECTED', /HTTP 502/],
  ])('rejects HTTP %i with the API error', async (status, body, code, message) => {
    const methods = createOverviewMethods({ fetch: fakeFetch(status, body, []) });
    const error = await methods.fetchWithAuth('/export/api-keys.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code, status });
    expect((error as Error).message).toMatch(message);
  });
});
