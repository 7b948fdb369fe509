import { afterAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, TEST_PASSWORD, type TestApi } from './api-harness';
import type { UntypedData } from './support/untyped-data';

const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';

type Answer = { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: UntypedData };

/** The API trusts 127.0.0.1 as a proxy, so each request can come "from" any client address. */
async function post(api: TestApi, from: string, query: string, variables: object, token?: string): Promise<Answer> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': from,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

const codes = (answers: Answer[]) => {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const code = String(a.errors?.[0]?.extensions?.code ?? 'OK');
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
};

describe('password attempts are counted in PostgreSQL before the password is checked', () => {
  const apis: TestApi[] = [];
  const start = async (limits: Parameters<typeof startTestApi>[0] = {}) => {
    const api = await startTestApi({ trustedProxies: ['127.0.0.1'], ...limits });
    apis.push(api);
    return api;
  };
  afterAll(async () => {
    await Promise.all(apis.map((a) => a.close()));
  });

  it('lets a parallel burst of 200 wrong passwords check no more than the limit (regression: the whole burst was checked)', async () => {
    const api = await start({ loginLimits: { perAccount: 5, perAddress: 1_000, windowMs: 60_000 } });
    const tenant = await createTenant(api);
    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(api, '10.1.0.1', LOGIN, { email: tenant.admin.email, password: `wrong password ${i}` }),
      ),
    );
    expect(codes(burst)).toEqual({ UNAUTHENTICATED: 5, RATE_LIMITED: 195 });
    const limited = burst.find((a) => a.errors?.[0]?.extensions?.code === 'RATE_LIMITED')!;
    expect(limited.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    // The right password from that address is refused too while it is locked; other addresses are not.
    expect(codes([await post(api, '10.1.0.1', LOGIN, { email: tenant.admin.email, password: TEST_PASSWORD })])).toEqual(
      { RATE_LIMITED: 1 },
    );
    expect(codes([await post(api, '10.1.0.2', LOGIN, { email: tenant.admin.email, password: TEST_PASSWORD })])).toEqual(
      { OK: 1 },
    );
  });

  it('caps guessing one account from many addresses, yet lets its user in from an address they signed in from before', async () => {
    const api = await start({
      loginLimits: { perAccount: 5, perAddress: 1_000, perAccountAnyAddress: 10, windowMs: 60_000 },
    });
    const tenant = await createTenant(api);
    expect(codes([await post(api, '10.2.0.1', LOGIN, { email: tenant.admin.email, password: TEST_PASSWORD })])).toEqual(
      { OK: 1 },
    );
    const spread = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(api, `10.3.0.${i + 1}`, LOGIN, { email: tenant.admin.email, password: `wrong password ${i}` }),
      ),
    );
    expect(codes(spread)).toEqual({ UNAUTHENTICATED: 10, RATE_LIMITED: 30 });
    // A new address is refused even with the right password; the admin's own address is not.
    expect(
      codes([await post(api, '10.3.0.200', LOGIN, { email: tenant.admin.email, password: TEST_PASSWORD })]),
    ).toEqual({ RATE_LIMITED: 1 });
    expect(codes([await post(api, '10.2.0.1', LOGIN, { email: tenant.admin.email, password: TEST_PASSWORD })])).toEqual(
      { OK: 1 },
    );
    // Another account is not affected.
    expect(
      codes([await post(api, '10.3.0.1', LOGIN, { email: tenant.viewer.email, password: TEST_PASSWORD })]),
    ).toEqual({ OK: 1 });
  });

  it('backs off exponentially: each further lock of the same account and address lasts twice as long', async () => {
    let clock = Date.now();
    const api = await start({
      now: () => new Date(clock),
      loginLimits: { perAccount: 2, perAddress: 1_000, windowMs: 60_000, lockMs: 60_000 },
    });
    const tenant = await createTenant(api);
    const lockAfterFailures = async () => {
      for (let i = 0; i < 2; i += 1) {
        expect(
          codes([await post(api, '10.4.0.1', LOGIN, { email: tenant.viewer.email, password: 'wrong password!' })]),
        ).toEqual({ UNAUTHENTICATED: 1 });
      }
      const refused = await post(api, '10.4.0.1', LOGIN, { email: tenant.viewer.email, password: TEST_PASSWORD });
      return refused.errors?.[0]?.extensions?.retryAfterSeconds;
    };
    expect(await lockAfterFailures()).toBe(60);
    clock += 61_000;
    expect(await lockAfterFailures()).toBe(120);
    clock += 121_000;
    expect(await lockAfterFailures()).toBe(240);
  });

  it('limits a parallel burst of wrong current passwords in changePassword the same way', async () => {
    const api = await start({ loginLimits: { perAccount: 3, perAddress: 1_000, windowMs: 60_000 } });
    const tenant = await createTenant(api);
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(api, '10.5.0.1', CHANGE, { c: `wrong password ${i}`, n: 'a brand new password 42' }, tenant.viewer.token),
      ),
    );
    expect(codes(burst)).toEqual({ BAD_USER_INPUT: 3, RATE_LIMITED: 27 });
    expect(
      codes([
        await post(api, '10.5.0.1', CHANGE, { c: TEST_PASSWORD, n: 'a brand new password 42' }, tenant.viewer.token),
      ]),
    ).toEqual({ RATE_LIMITED: 1 });
  });

  it('deletes counters that ended longer ago than the longest lock, now and then', async () => {
    const api = await start();
    const stale = `stale-${Date.now()}`;
    await api.ds.query(
      `INSERT INTO login_throttles (key, attempts, window_ends_at, locked_until, lockouts)
      VALUES ($1, 3, now() - interval '2 days', now() - interval '2 days', 2), ($2, 3, now() - interval '2 days', now() + interval '1 hour', 2)`,
      [`${stale}-old`, `${stale}-locked`],
    );
    await post(api, '10.6.0.1', LOGIN, { email: 'nobody@example.com', password: 'wrong password!' });
    const left = await api.ds.query('SELECT key FROM login_throttles WHERE key LIKE $1 ORDER BY key', [`${stale}%`]);
    expect(left).toEqual([{ key: `${stale}-locked` }]);
  });
});
