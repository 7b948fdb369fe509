import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTenant, startTestApi, TEST_PASSWORD, type Tenant, type TestApi } from './api-harness';

// The admin UI's session lives in an HttpOnly, SameSite=Strict cookie: a real HTTP server and a
// real graphql-ws client show it is set without a token in the body, authenticates every
// transport, is refused without the CSRF header or from a foreign origin, and ends at logout.
const ALLOWED = 'https://admin.example.com';
const FOREIGN = 'https://evil.example.net';
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { email } } }';

type Body = { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };

describe('session cookie', () => {
  let api: TestApi;
  let tenant: Tenant;
  let origin: string;
  beforeAll(async () => {
    api = await startTestApi({ corsOrigins: [ALLOWED] });
    tenant = await createTenant(api);
    origin = new URL(api.url).origin;
  });
  afterAll(async () => {
    await api?.close();
  });

  const signIn = async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spendsync-session': 'cookie', origin },
      body: JSON.stringify({ query: LOGIN, variables: { e: tenant.admin.email, p: TEST_PASSWORD } }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { response, body: (await response.json()) as Body, setCookie, cookie: setCookie.split(';')[0]! };
  };
  const post = (query: string, headers: Record<string, string>) =>
    fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
  const asCookie = (cookie: string, extra: Record<string, string> = {}) =>
    post('{ me { role user { email } } }', { cookie, origin, 'x-spendsync-csrf': '1', ...extra });
  const connect = (cookie: string, from: string) =>
    new Promise<{ ok: true; data: unknown } | { ok: false; status?: number; code?: number }>((resolve) => {
      let status: number | undefined;
      const client = createClient({
        url: api.url.replace('http', 'ws'),
        lazy: true,
        retryAttempts: 0,
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers: { cookie, origin: from } });
            this.on('error', (error) => {
              const refused = /Unexpected server response: (\d+)/.exec(error.message);
              if (refused) status = Number(refused[1]);
            });
          }
        },
      });
      client.subscribe(
        { query: '{ me { user { email } } }' },
        {
          next: (value) => resolve({ ok: true, data: value.data }),
          error: (error) => resolve({ ok: false, status, code: (error as { code?: number }).code }),
          complete: () => undefined,
        },
      );
      void Promise.resolve().then(() => setTimeout(() => void client.dispose(), 5_000).unref());
    });

  it('sets an HttpOnly, SameSite=Strict cookie for the session lifetime and returns no token', async () => {
    const { body, setCookie } = await signIn();
    expect(body.data).toEqual({ login: { token: null, user: { email: tenant.admin.email } } });
    expect(setCookie).toMatch(/^spendsync_session=sss_[\w-]+;/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; Max-Age=604800/);
    expect(setCookie).not.toMatch(/; Secure/i); // plain HTTP here
  });

  it('marks the cookie Secure when a trusted proxy says the request came over HTTPS', async () => {
    const proxied = await startTestApi({ trustedProxies: ['127.0.0.1'] });
    try {
      const other = await createTenant(proxied);
      const response = await fetch(proxied.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-spendsync-session': 'cookie', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ query: LOGIN, variables: { e: other.admin.email, p: TEST_PASSWORD } }),
      });
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('still returns the token in the body, and sets no cookie, without the header', async () => {
    const login = await api.gql<{ login: { token: string } }>(LOGIN, { e: tenant.viewer.email, p: TEST_PASSWORD });
    expect(login.data?.login.token).toMatch(/^sss_/);
    const raw = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { e: tenant.viewer.email, p: TEST_PASSWORD } }),
    });
    expect(raw.headers.get('set-cookie')).toBeNull();
    await raw.arrayBuffer();
  });

  it('authenticates GraphQL, a CSV export and graphql-ws with the cookie', async () => {
    const { cookie } = await signIn();
    const me = await asCookie(cookie);
    expect(((await me.json()) as Body).data).toEqual({ me: { role: 'ADMIN', user: { email: tenant.admin.email } } });
    const csv = await fetch(`${origin}/export/providers.csv?period=last_7_days`, { headers: { cookie, origin } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toMatch(/^provider/);
    const withoutOrigin = await fetch(`${origin}/export/providers.csv?period=last_7_days`, { headers: { cookie } });
    expect(withoutOrigin.status).toBe(200); // SameSite=Strict keeps it off cross-site GETs
    await withoutOrigin.arrayBuffer();
    expect(await connect(cookie, origin)).toEqual({ ok: true, data: { me: { user: { email: tenant.admin.email } } } });
  });

  it('accepts an origin on the CORS allow-list', async () => {
    const { cookie } = await signIn();
    const response = await asCookie(cookie, { origin: ALLOWED });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    await response.arrayBuffer();
  });

  it('refuses cookie-authenticated POSTs without the CSRF header (CSRF_HEADER_REQUIRED)', async () => {
    const { cookie } = await signIn();
    const response = await post('mutation { createApiToken(name: "forged") { token } }', { cookie, origin });
    expect(response.status).toBe(403);
    expect(((await response.json()) as Body).errors?.[0]?.extensions?.code).toBe('CSRF_HEADER_REQUIRED');
    const usage = await fetch(`${origin}/v1/metered-usage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin },
      body: '{}',
    });
    expect(usage.status).toBe(403);
    expect(await usage.json()).toMatchObject({ code: 'CSRF_HEADER_REQUIRED' });
    const [{ n }] = await api.ds.query("SELECT count(*)::int AS n FROM api_tokens WHERE name = 'forged'");
    expect(n).toBe(0);
  });

  it('refuses a foreign Origin (or none on a POST) over HTTP and on the WebSocket upgrade (403)', async () => {
    const { cookie } = await signIn();
    const foreign = await asCookie(cookie, { origin: FOREIGN });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as Body).errors?.[0]?.extensions?.code).toBe('ORIGIN_NOT_ALLOWED');
    const viaReferer = await post('{ me { role } }', { cookie, 'x-spendsync-csrf': '1', referer: `${FOREIGN}/x` });
    expect(viaReferer.status).toBe(403);
    await viaReferer.arrayBuffer();
    const noOrigin = await post('{ me { role } }', { cookie, 'x-spendsync-csrf': '1' });
    expect(noOrigin.status).toBe(403);
    await noOrigin.arrayBuffer();
    const csv = await fetch(`${origin}/export/providers.csv`, { headers: { cookie, origin: FOREIGN } });
    expect(csv.status).toBe(403);
    await csv.arrayBuffer();
    expect(await connect(cookie, FOREIGN)).toMatchObject({ ok: false, status: 403 });
  });

  it('clears the cookie at logout, and the old cookie no longer works anywhere', async () => {
    const { cookie } = await signIn();
    const logout = await post('mutation { logout }', { cookie, origin, 'x-spendsync-csrf': '1' });
    expect(((await logout.json()) as Body).data).toEqual({ logout: true });
    expect(logout.headers.get('set-cookie')).toMatch(/^spendsync_session=;.*Expires=Thu, 01 Jan 1970/);
    const me = await asCookie(cookie);
    expect(((await me.json()) as Body).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(me.headers.get('set-cookie')).toMatch(/^spendsync_session=;/); // a dead cookie is cleared
    const csv = await fetch(`${origin}/export/providers.csv`, { headers: { cookie, origin } });
    expect(csv.status).toBe(401);
    await csv.arrayBuffer();
    expect(await connect(cookie, origin)).toMatchObject({ ok: false });
    // A stale cookie never blocks signing in again.
    const again = await signIn();
    expect(again.body.data).toMatchObject({ login: { token: null } });
  });

  it('keeps the cookie session through a password change, which ends the other sessions', async () => {
    const other = await createTenant(api, 'Password change');
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spendsync-session': 'cookie', origin },
      body: JSON.stringify({ query: LOGIN, variables: { e: other.admin.email, p: TEST_PASSWORD } }),
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    await response.arrayBuffer();
    const change = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin, 'x-spendsync-csrf': '1' },
      body: JSON.stringify({
        query: 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
        variables: { c: TEST_PASSWORD, n: 'a brand new passphrase 42' },
      }),
    });
    expect(((await change.json()) as Body).data).toEqual({ changePassword: true });
    expect(((await (await asCookie(cookie)).json()) as Body).data).toMatchObject({ me: { role: 'ADMIN' } });
    const ended = await api.gql('{ me { role } }', {}, other.admin.token);
    expect(ended.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps bearer tokens working, and the Authorization header wins over a cookie', async () => {
    const bearer = await api.gql<{ me: { role: string } }>('{ me { role } }', {}, tenant.viewer.token);
    expect(bearer.data).toEqual({ me: { role: 'VIEWER' } });
    const { cookie } = await signIn();
    // No CSRF header needed: the credential is the header, which a foreign page cannot send.
    const both = await post('{ me { role } }', { cookie, authorization: `Bearer ${tenant.viewer.token}` });
    expect(((await both.json()) as Body).data).toEqual({ me: { role: 'VIEWER' } });
  });
});
