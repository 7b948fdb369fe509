import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '../../logger';
import { catchAdapterError } from '../../testing/contract-helpers';
import error400 from './fixtures/error-400-range.json';
import error401 from './fixtures/error-401.json';
import error429 from './fixtures/error-429.json';
import organization from './fixtures/organization.json';
import { classifyRunwayError } from './classify-error';
import { RUNWAY_API_VERSION } from './client';
import { runwayProvider } from './index';

const KEY = `key_${'ab12'.repeat(32)}`;

/** A fetch that answers every call with `status` and `body`, and records what was asked. */
function fakeFetch(status: number, body: unknown) {
  const requests: { url: URL; method: string; headers: Headers; body: unknown }[] = [];
  const fetch = (async (input: string | URL, init?: RequestInit) => {
    requests.push({
      url: new URL(String(input)),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body && JSON.parse(String(init.body)),
    });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const deps = (fetch: typeof globalThis.fetch) => ({
  fetch,
  now: () => new Date('2026-06-01T00:00:00Z'),
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});

describe('classifyRunwayError', () => {
  it.each([
    [401, 'AUTH_FAILED', /Invalid API key.*dev\.runwayml\.com → API Keys/, error401],
    [
      400,
      'BAD_REQUEST',
      /Invalid request body \(beforeDate: beforeDate must be no more than 90 days after startDate\)/,
      error400,
    ],
    [429, 'RATE_LIMITED', /daily generation quota/, error429],
  ] as const)('maps HTTP %s to %s with a message to act on', (status, code, message, body) => {
    const result = classifyRunwayError({ status, headers: new Headers(), text: JSON.stringify(body), body });
    expect(result?.code).toBe(code);
    expect(result?.message).toMatch(message);
  });
});

describe('Runway adapter calls', () => {
  it('posts each window of at most 90 days with the bearer key and the version header', async () => {
    const { fetch, requests } = fakeFetch(200, { results: [], models: [] });
    const adapter = runwayProvider.create({ apiKey: KEY }, deps(fetch));
    for await (const page of adapter.listCostRecords({ start: '2026-01-01', end: '2026-07-01' }))
      expect(page).toEqual([]);
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ['POST', '/v1/organization/usage', { startDate: '2026-01-01', beforeDate: '2026-04-01' }],
      ['POST', '/v1/organization/usage', { startDate: '2026-04-01', beforeDate: '2026-06-30' }],
      ['POST', '/v1/organization/usage', { startDate: '2026-06-30', beforeDate: '2026-07-01' }],
    ]);
    expect(requests.map((r) => [r.headers.get('authorization'), r.headers.get('x-runway-version')])).toEqual(
      Array(3).fill([`Bearer ${KEY}`, RUNWAY_API_VERSION]),
    );
  });

  it('verifies with GET /v1/organization and reports the credit balance in credits and dollars', async () => {
    const { fetch, requests } = fakeFetch(200, organization);
    const result = await runwayProvider.create({ apiKey: KEY }, deps(fetch)).verify();
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /v1/organization']);
    expect(result).toEqual({ accountName: null, detail: 'full', message: 'Credit balance: 48210 credits ($482.10)' });
  });

  it('reports a rejected key as AUTH_FAILED without the key', async () => {
    const error = await catchAdapterError(
      runwayProvider.create({ apiKey: KEY }, deps(fakeFetch(401, error401).fetch)).verify(),
      'AUTH_FAILED',
    );
    expect(error.message).not.toContain('ab12ab12');
  });

  it.each([
    ['a secret without key_', 'ab12'.repeat(32)],
    ['another provider’s key', 'sk-proj-abc123'],
  ])('refuses %s before any call, saying which key is needed', (_name, apiKey) => {
    const parsed = runwayProvider.credentials.safeParse({ apiKey });
    expect(parsed.success ? 'accepted' : parsed.error.issues[0]?.message).toMatch(
      /not a Runway API key \(key_.*API Keys/,
    );
  });
});
