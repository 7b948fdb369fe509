import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTenant, startTestApi, TEST_PASSWORD, type Tenant, type TestApi } from './api-harness';

const UPDATE = 'mutation($input: UpdateUserInput!) { updateUser(input: $input) { id email role deactivatedAt } }';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
const ME = '{ me { user { email role } } }';

describe('user management by admins', () => {
  let api: TestApi;
  let tenant: Tenant;
  beforeAll(async () => {
    api = await startTestApi();
    tenant = await createTenant(api);
  });
  afterAll(async () => { await api?.close(); });

  it('changes another user\'s role, which takes effect on their next request', async () => {
    const promoted = await api.gql(UPDATE, { input: { id: tenant.viewer.id, role: 'ADMIN' } }, tenant.admin.token);
    expect(promoted.data.updateUser).toEqual({ id: tenant.viewer.id, email: tenant.viewer.email, role: 'ADMIN', deactivatedAt: null });
    expect((await api.gql(ME, {}, tenant.viewer.token)).data.me.user.role).toBe('ADMIN');
    await api.gql(UPDATE, { input: { id: tenant.viewer.id, role: 'VIEWER' } }, tenant.admin.token);
    expect((await api.gql(ME, {}, tenant.viewer.token)).data.me.user.role).toBe('VIEWER');
  });

  it('deactivates a user: their session stops working at once and sign-in is refused, until reactivated', async () => {
    const user = (await api.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id email } }', {
      i: { email: `leaver-${Date.now()}@example.com`, password: TEST_PASSWORD, role: 'ADMIN' },
    }, tenant.admin.token)).data.createUser;
    const session = (await api.gql(LOGIN, { email: user.email, password: TEST_PASSWORD })).data.login.token;
    expect((await api.gql(ME, {}, session)).data.me.user.email).toBe(user.email);
    const deactivated = await api.gql(UPDATE, { input: { id: user.id, active: false } }, tenant.admin.token);
    expect(deactivated.data.updateUser.deactivatedAt).toEqual(expect.any(String));
    const refused = await api.gql(ME, {}, session);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(LOGIN, { email: user.email, password: TEST_PASSWORD })).errors?.[0]).toMatchObject({ message: 'The email or password is not correct.' });
    const listed = (await api.gql('{ users { id deactivatedAt } }', {}, tenant.admin.token)).data.users;
    expect(listed.find((u: { id: string }) => u.id === user.id).deactivatedAt).toBe(deactivated.data.updateUser.deactivatedAt);
    await api.gql(UPDATE, { input: { id: user.id, active: true } }, tenant.admin.token);
    expect((await api.gql(LOGIN, { email: user.email, password: TEST_PASSWORD })).data.login.token).toMatch(/^sss_/);
  });

  it('refuses changing yourself, viewers, and users of another organization', async () => {
    const self = await api.gql(UPDATE, { input: { id: tenant.admin.id, active: false } }, tenant.admin.token);
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const byViewer = await api.gql(UPDATE, { input: { id: tenant.admin.id, role: 'VIEWER' } }, tenant.viewer.token);
    expect(byViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await createTenant(api);
    const foreign = await api.gql(UPDATE, { input: { id: other.viewer.id, active: false } }, tenant.admin.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await api.gql(ME, {}, other.viewer.token)).data.me.user.email).toBe(other.viewer.email);
  });
});
