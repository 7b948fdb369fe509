import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '../../logger';
import { catchAdapterError } from '../../testing/contract-helpers';
import billing from './fixtures/billing.json';
import error400 from './fixtures/error-400.json';
import error401 from './fixtures/error-401.json';
import error403 from './fixtures/error-403.json';
import error429 from './fixtures/error-429.json';
import keys from './fixtures/keys.json';
import { FAL_ADMIN_KEY_NEEDED, classifyFalError } from './classify-error';
import { createFalClient } from './client';
import { falProvider } from './index';

const KEY = '3f1c9d2e-5b7a-4c1e-9f0a-2d4b6c8e0a1b:0123456789abcdef0123456789abcdef';

/** A fetch that answers every call with `status` and `body`, and records what was asked. */
function fakeFetch(status: number, body: unknown) {
  const requests: { url: URL; headers: Headers }[] = [];
  const fetch = (async (input: string | URL, init?: RequestInit) => {
    requests.push({ url: new URL(String(input)), headers: new Headers(init?.headers) });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const deps = (fetch: typeof globalThis.fetch) => ({
  fetch,
  now: () => new Date('2026-02-01T00:00:00Z'),
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});

describe('classifyFalError', () => {
  it.each([
    [401, 'AUTH_FAILED', /Authentication required.*key_id:key_secret/, error401],
    [403, 'CREDENTIAL_REJECTED', /Access denied.*ADMIN key.*API Keys/, error403],
    [400, 'BAD_REQUEST', /Invalid request parameters/, error400],
  ] as const)('maps HTTP %s to %s with a message to act on', (status, code, message, body) => {
    const result = classifyFalError({ status, headers: new Headers(), text: JSON.stringify(body), body });
    expect(result?.code).toBe(code);
    expect(result?.message).toMatch(message);
  });

  it('leaves 429 and 5xx to the shared classification (retried)', () => {
    expect(classifyFalError({ status: 429, headers: new Headers(), text: '', body: error429 })).toBeUndefined();
    expect(classifyFalError({ status: 503, headers: new Headers(), text: '', body: undefined })).toBeUndefined();
  });
});

describe('createFalClient', () => {
  it('sends the key as `Authorization: Key …` and asks for daily UTC buckets of the exclusive range', async () => {
    const { fetch, requests } = fakeFetch(200, { time_series: [], next_cursor: null, has_more: false });
    await createFalClient(KEY, [KEY], deps(fetch), silentLogger).getUsagePage(
      { start: '2026-01-01', end: '2026-01-08' },
      'Mg==',
    );
    const [request] = requests;
    expect(request!.headers.get('authorization')).toBe(`Key ${KEY}`);
    expect(request!.url.pathname).toBe('/v1/models/usage');
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      start: '2026-01-01',
      end: '2026-01-08',
      timezone: 'UTC',
      timeframe: 'day',
      bound_to_timeframe: 'true',
      expand: 'time_series',
      limit: '1000',
      cursor: 'Mg==',
    });
  });

  it('turns a non-admin key into CREDENTIAL_REJECTED that says which key to create, without the key', async () => {
    const adapter = falProvider.create({ apiKey: KEY }, deps(fakeFetch(403, error403).fetch));
    const error = await catchAdapterError(adapter.verify(), 'CREDENTIAL_REJECTED');
    expect(error.message).toContain(FAL_ADMIN_KEY_NEEDED);
    expect(error.message).not.toContain('0123456789abcdef');
  });

  it('verifies with the billing call and reports the account and balance', async () => {
    const { fetch, requests } = fakeFetch(200, billing);
    const result = await falProvider.create({ apiKey: KEY }, deps(fetch)).verify();
    expect(requests.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual(['/v1/account/billing?expand=credits']);
    expect(result).toEqual({
      accountName: 'acme-ai',
      detail: 'full',
      message: 'ADMIN key accepted; credit balance 1250.75 USD',
    });
  });

  it('lists keys by id and alias; the id (public half) is the hint', async () => {
    const listed = await falProvider.create({ apiKey: KEY }, deps(fakeFetch(200, keys).fetch)).listApiKeys!();
    expect(listed.map((k) => [k.id, k.name, k.hint])).toEqual([
      ['3f1c9d2e-5b7a-4c1e-9f0a-2d4b6c8e0a1b', 'Billing export', '3f1c9d2e-5b7a-4c1e-9f0a-2d4b6c8e0a1b'],
      ['abc123def456', 'Production', 'abc123def456'],
    ]);
  });
});
