import { afterEach, describe, expect, it } from '@jest/globals';
import { createGuardedFetch } from './guarded-fetch';
import { findOutboundRefusal, OutboundRefusedError } from './outbound-refused-error';
import { sendJson, startTestServer, type TestServer } from '../testing/test-server';

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function server(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const started = await startTestServer(handler);
  servers.push(started);
  return started;
}

async function refusal(promise: Promise<unknown>): Promise<OutboundRefusedError | undefined> {
  try {
    await promise;
  } catch (error) {
    return findOutboundRefusal(error);
  }
  throw new Error('expected the call to be refused');
}

describe('createGuardedFetch', () => {
  it('refuses a loopback address literal before connecting', async () => {
    const target = await server((_r, res) => sendJson(res, 200, { ok: true }));
    const fetch = createGuardedFetch({ allowPrivate: false, allowedHosts: [] });
    const refused = await refusal(fetch(`${target.url}/latest/key/list`));
    expect(refused?.message).toMatch(/127\.0\.0\.1 is a loopback or private address .*SPENDSYNC_LITELLM_ALLOWED_HOSTS/);
    expect(target.requests).toHaveLength(0);
  });

  it('checks the address a host name resolves to at connect time (localhost -> 127.0.0.1)', async () => {
    const target = await server((_r, res) => sendJson(res, 200, { ok: true }));
    const port = new URL(target.url).port;
    const fetch = createGuardedFetch({ allowPrivate: false, allowedHosts: [] });
    const refused = await refusal(fetch(`http://localhost:${port}/x`));
    expect(refused?.message).toMatch(/^localhost is a loopback or private address/);
    expect(target.requests).toHaveLength(0);
  });

  it('connects to a host the operator allowed, by name or by address', async () => {
    const target = await server((_r, res) => sendJson(res, 200, { ok: true }));
    const port = new URL(target.url).port;
    const byName = createGuardedFetch({ allowPrivate: false, allowedHosts: ['localhost', '::1'] });
    await expect((await byName(`http://localhost:${port}/x`)).json()).resolves.toEqual({ ok: true });
    const byRange = createGuardedFetch({ allowPrivate: false, allowedHosts: ['127.0.0.0/8'] });
    await expect((await byRange(`${target.url}/y`)).json()).resolves.toEqual({ ok: true });
    expect(target.requests.map((r) => r.url)).toEqual(['/x', '/y']);
  });

  it('always refuses the cloud metadata address, whatever is allowed', async () => {
    const fetch = createGuardedFetch({ allowPrivate: true, allowedHosts: ['169.254.169.254'] });
    const refused = await refusal(fetch('http://169.254.169.254/latest/meta-data/iam/security-credentials/'));
    expect(refused?.message).toMatch(/link-local or cloud metadata address/);
  });

  it('never follows a redirect: the 302 comes back and its target is never called', async () => {
    const inner = await server((_r, res) => sendJson(res, 200, { secret: 'internal' }));
    const outer = await server((_r, res) => {
      res.writeHead(302, { location: `${inner.url}/admin` });
      res.end();
    });
    const fetch = createGuardedFetch({ allowPrivate: true, allowedHosts: [] });
    const response = await fetch(`${outer.url}/start`, { redirect: 'follow' });
    expect(response.status).toBe(302);
    expect(inner.requests).toHaveLength(0);
  });
});
