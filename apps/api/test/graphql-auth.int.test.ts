import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, TEST_PASSWORD, type Tenant, type TestApi } from './api-harness';

const ME = 'query { me { role canRecordUsage organization { id } user { email role } } }';
const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt user { email role } } }';

describe('GraphQL authentication and roles', () => {
  let api: TestApi;
  let tenant: Tenant;
  beforeAll(async () => {
    api = await startTestApi({ loginLimits: { perAccount: 3, perAddress: 1_000, windowMs: 60_000 } });
    tenant = await createTenant(api);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('signs in over HTTP and answers `me` with the bearer token', async () => {
    const login = await api.gql(LOGIN, { email: tenant.admin.email.toUpperCase(), password: TEST_PASSWORD });
    expect(login.errors).toBeUndefined();
    expect(login.data.login).toMatchObject({
      token: expect.stringMatching(/^sss_[\w-]{43}$/),
      user: { email: tenant.admin.email, role: 'ADMIN' },
    });
    const me = await api.gql(ME, {}, login.data.login.token);
    expect(me.data.me).toEqual({
      role: 'ADMIN',
      canRecordUsage: true,
      organization: { id: tenant.organizationId },
      user: { email: tenant.admin.email, role: 'ADMIN' },
    });
  });

  it.each([
    ['no token', undefined, 401],
    ['a malformed token', 'not-a-token', 401],
    ['an unknown session token', 'sss_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 401],
  ])('refuses `me` with %s (UNAUTHENTICATED)', async (_case, token, status) => {
    const response = await api.gql(ME, {}, token);
    expect(response.status).toBe(status);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data?.me).toBeUndefined();
  });

  it('lets anyone introspect and sign in, but nothing else without a token', async () => {
    expect((await api.gql('{ __typename _service { sdl } }')).data).toMatchObject({
      __typename: 'Query',
      _service: { sdl: expect.stringContaining('type ProviderAccount') },
    });
    const mixed = await api.gql('{ __typename providerAccounts { id } }');
    expect(mixed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rate-limits failed sign-ins per account and address, then refuses even the right password until the window ends', async () => {
    const other = await createTenant(api);
    for (let i = 0; i < 3; i += 1) {
      const wrong = await api.gql(LOGIN, { email: other.viewer.email, password: 'wrong password!' });
      expect(wrong.errors?.[0]).toMatchObject({
        message: 'The email or password is not correct.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
    const limited = await api.gql(LOGIN, { email: other.viewer.email, password: TEST_PASSWORD });
    expect(limited.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect((await api.gql(LOGIN, { email: other.admin.email, password: TEST_PASSWORD })).data?.login.user.email).toBe(
      other.admin.email,
    );
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const response = await api.gql(LOGIN, { email: 'nobody@example.com', password: TEST_PASSWORD });
    expect(response.errors?.[0]).toMatchObject({
      message: 'The email or password is not correct.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it.each([
    ['renameWorkspace', 'mutation { renameWorkspace(id: "00000000-0000-0000-0000-000000000000", name: "x") { id } }'],
    ['createApiToken', 'mutation { createApiToken(name: "x") { token } }'],
    ['refreshProvider', 'mutation { refreshProvider(id: "00000000-0000-0000-0000-000000000000") { alreadyRunning } }'],
    ['recordMeteredUsage', 'mutation { recordMeteredUsage(batch: { source: "s", entries: [] }) { accepted } }'],
  ])('refuses %s to a viewer (FORBIDDEN), over HTTP and in process', async (_name, mutation) => {
    const http = await api.gql(mutation, {}, tenant.viewer.token);
    expect(http.status).toBe(403);
    expect(http.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const inProcess = await api.exec(mutation, {}, tenant.viewer.caller);
    expect(inProcess.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('creates an API token shown once, which reads like a viewer, cannot mutate, and stops working when revoked', async () => {
    const created = await api.gql(
      'mutation { createApiToken(name: "widgets") { token apiToken { id hint canRecordUsage revokedAt } } }',
      {},
      tenant.admin.token,
    );
    const { token, apiToken } = created.data.createApiToken;
    expect(token).toMatch(/^ssk_/);
    expect(apiToken).toMatchObject({
      hint: `${token.slice(0, 7)}...${token.slice(-4)}`,
      canRecordUsage: false,
      revokedAt: null,
    });
    expect((await api.gql(ME, {}, token)).data.me).toMatchObject({ role: 'VIEWER', user: null, canRecordUsage: false });
    expect(
      (await api.gql('mutation { createApiToken(name: "escalate") { token } }', {}, token)).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const listed = await api.gql('{ apiTokens { id hint } }', {}, tenant.admin.token);
    expect(JSON.stringify(listed.data)).not.toContain(token);
    await api.gql(
      'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }',
      { id: apiToken.id },
      tenant.admin.token,
    );
    expect((await api.gql(ME, {}, token)).status).toBe(401);
  });

  it('ends a session on logout', async () => {
    const { data } = await api.gql(LOGIN, { email: tenant.viewer.email, password: TEST_PASSWORD });
    const token = data.login.token;
    expect((await api.gql('mutation { logout }', {}, token)).data).toEqual({ logout: true });
    expect((await api.gql(ME, {}, token)).status).toBe(401);
  });

  it("changes a password after checking the current one, and signs out the user's other sessions", async () => {
    const other = await createTenant(api);
    const second = (await api.gql(LOGIN, { email: other.admin.email, password: TEST_PASSWORD })).data.login.token;
    const change =
      'mutation($old: String!, $new: String!) { changePassword(currentPassword: $old, newPassword: $new) }';
    const wrong = await api.gql(change, { old: 'not it at all', new: 'a brand new password' }, other.admin.token);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const short = await api.gql(change, { old: TEST_PASSWORD, new: 'short' }, other.admin.token);
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    expect(
      (await api.gql(change, { old: TEST_PASSWORD, new: 'a brand new password' }, other.admin.token)).data,
    ).toEqual({ changePassword: true });
    expect((await api.gql(ME, {}, other.admin.token)).status).toBe(200);
    expect((await api.gql(ME, {}, second)).status).toBe(401);
    expect(
      (await api.gql(LOGIN, { email: other.admin.email, password: 'a brand new password' })).data.login.token,
    ).toMatch(/^sss_/);
  });

  it('refuses queries nested or sized beyond the limits', async () => {
    const deep =
      '{ providerAccounts { workspaces { providerAccount { workspaces { providerAccount { workspaces { providerAccount { workspaces { providerAccount { workspaces { id } } } } } } } } } } }';
    const response = await api.gql(deep, {}, tenant.admin.token);
    expect(response.errors?.[0]?.message).toMatch(/nested 11 levels deep; the limit is 10/);
    const wide = `{ ${Array.from({ length: 501 }, (_, i) => `a${i}: __typename me { role }`).join(' ')} }`;
    expect((await api.gql(wide, {}, tenant.admin.token)).errors?.[0]?.message).toMatch(/more than 500 fields/);
  });

  it('refuses GET queries without a CSRF header (Apollo CSRF prevention)', async () => {
    const response = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
  });
});
