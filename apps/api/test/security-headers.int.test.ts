import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from '../src/security-headers';
import { createTenant, startTestApi, type Tenant, type TestApi } from './api-harness';

const ALLOWED = 'https://app.example.com';

describe('security headers and CORS', () => {
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

  it.each(['/healthz', '/graphql', '/export/providers.csv'])(
    'sends CSP (frame-ancestors none), a same-origin Referrer-Policy and nosniff on %s',
    async (path) => {
      const response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${tenant.admin.token}` } });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toBeNull(); // plain HTTP
      await response.arrayBuffer();
    },
  );

  it('answers a preflight from an allowed origin, and gives other origins nothing to read', async () => {
    const preflight = (from: string) =>
      fetch(api.url, {
        method: 'OPTIONS',
        headers: {
          origin: from,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight(ALLOWED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const query = (from: string) =>
      fetch(api.url, {
        method: 'POST',
        headers: { origin: from, 'content-type': 'application/json', authorization: `Bearer ${tenant.admin.token}` },
        body: JSON.stringify({ query: '{ me { role } }' }),
      });
    expect((await query(ALLOWED)).headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect((await query('https://evil.example.net')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds Strict-Transport-Security only to requests that came over TLS', async () => {
    const app = express();
    app.use((req, _res, next) => {
      // Stands in for a TLS socket (or a trusted proxy's X-Forwarded-Proto: https).
      if (req.headers['x-test-tls'] === '1') Object.defineProperty(req, 'secure', { value: true });
      next();
    });
    app.use(securityHeaders());
    app.get('/', (_req, res) => void res.send('ok'));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      expect((await fetch(url, { headers: { 'x-test-tls': '1' } })).headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect((await fetch(url)).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
