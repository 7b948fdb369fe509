import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, TEST_PASSWORD, type Tenant, type TestApi } from './api-harness';
import { postFrom, startGateway, type TestGateway } from './gateway-harness';

const LOGIN =
  'mutation($email: String!, $password: String!) { spendsyncLogin(email: $email, password: $password) { user { email } } }';

describe('login limits behind a trusted gateway (SPENDSYNC_TRUSTED_PROXIES)', () => {
  let api: TestApi;
  let tenant: Tenant;
  let gateway: TestGateway;

  beforeAll(async () => {
    // The gateway connects from 127.0.0.1; clients reach it from 127.0.0.2, 127.0.0.3…
    api = await startTestApi({
      trustedProxies: ['127.0.0.1'],
      loginLimits: { perAccount: 3, perAddress: 5, windowMs: 60_000 },
    });
    tenant = await createTenant(api);
    gateway = await startGateway([{ name: 'spendsync', url: api.url }]);
  });
  afterAll(async () => {
    await gateway?.stop();
    await api?.close();
  });

  const login = (from: string, email: string, password: string) =>
    postFrom(from, gateway.url, { query: LOGIN, variables: { email, password } }).then(({ body }) => body);

  it('locks an account only for the client that failed, not for the admin behind the same gateway (regression: gateway-wide lockout)', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await login('127.0.0.2', tenant.admin.email, 'wrong password!')).errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const attacker = await login('127.0.0.2', tenant.admin.email, TEST_PASSWORD);
    expect(attacker.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    const admin = await login('127.0.0.3', tenant.admin.email, TEST_PASSWORD);
    expect(admin.errors).toBeUndefined();
    expect(admin.data.spendsyncLogin.user.email).toBe(tenant.admin.email);
  });

  it('stops a client probing many accounts, and only that client', async () => {
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com', 'e@example.com']) {
      expect((await login('127.0.0.4', email, 'wrong password!')).errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    expect((await login('127.0.0.4', tenant.viewer.email, TEST_PASSWORD)).errors?.[0]?.extensions?.code).toBe(
      'RATE_LIMITED',
    );
    expect((await login('127.0.0.5', tenant.viewer.email, TEST_PASSWORD)).errors).toBeUndefined();
  });

  it('ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
    for (let i = 0; i < 5; i += 1) {
      const { body } = await postFrom(
        '127.0.0.6',
        api.url,
        { query: LOGIN, variables: { email: `x${i}@example.com`, password: 'wrong password!' } },
        {
          'x-forwarded-for': `10.9.9.${i}`,
        },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const { body } = await postFrom(
      '127.0.0.6',
      api.url,
      { query: LOGIN, variables: { email: tenant.admin.email, password: TEST_PASSWORD } },
      {
        'x-forwarded-for': '10.9.9.99',
      },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});
