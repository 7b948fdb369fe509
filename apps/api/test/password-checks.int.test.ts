import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, TEST_PASSWORD, type Tenant, type TestApi } from './api-harness';

// Each password check is a slow scrypt run: one per request, and wrong current passwords are
// limited like sign-ins.
describe('password checks', () => {
  let api: TestApi;
  let tenant: Tenant;
  beforeAll(async () => {
    api = await startTestApi({ loginLimits: { perAccount: 3, perAddress: 30, windowMs: 60_000 } });
    tenant = await createTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  const change = (current: string, next = 'a brand new password 42', token = tenant.admin.token) =>
    api.gql(
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      { c: current, n: next },
      token,
    );

  it('refuses a request that checks more than one password (aliases), before checking any', async () => {
    const guesses = Array.from(
      { length: 5 },
      (_, i) => `g${i}: changePassword(currentPassword: "guess-${i}-xxxxxxxx", newPassword: "a brand new password 42")`,
    ).join('\n');
    const aliased = await api.gql(`mutation { ${guesses} }`, {}, tenant.admin.token);
    expect(aliased.errors?.[0]?.message).toMatch(/may check a password only once/);
    expect(aliased.data).toBeUndefined();
    const logins = await api.gql(
      `mutation { a: login(email: "x@example.com", password: "one") { token } b: spendsyncLogin(email: "x@example.com", password: "two") { token } }`,
    );
    expect(logins.errors?.[0]?.message).toMatch(/may check a password only once/);
    // Over the socket too.
    const client = api.wsClient(tenant.admin.token);
    const socketErrors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `mutation { ${guesses} }` },
        { next: () => {}, error: resolve, complete: () => resolve(null) },
      );
    });
    expect(JSON.stringify(socketErrors)).toMatch(/may check a password only once/);
  });

  it('limits wrong current passwords per user and address, then refuses even the right one for the window', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await change(`wrong password ${i}`)).errors?.[0]?.extensions?.field).toBe('currentPassword');
    }
    const limited = await change(TEST_PASSWORD);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Another user is not affected.
    expect((await change(TEST_PASSWORD, 'the viewer password 42', tenant.viewer.token)).data).toEqual({
      changePassword: true,
    });
  });
});
