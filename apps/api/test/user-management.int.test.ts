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
  afterAll(async () => {
    await api?.close();
  });

  it("changes another user's role, which takes effect on their next request", async () => {
    const promoted = await api.gql(UPDATE, { input: { id: tenant.viewer.id, role: 'ADMIN' } }, tenant.admin.token);
    expect(promoted.data.updateUser).toEqual({
      id: tenant.viewer.id,
      email: tenant.viewer.email,
      role: 'ADMIN',
      deactivatedAt: null,
    });
    expect((await api.gql(ME, {}, tenant.viewer.token)).data.me.user.role).toBe('ADMIN');
    await api.gql(UPDATE, { input: { id: tenant.viewer.id, role: 'VIEWER' } }, tenant.admin.token);
    expect((await api.gql(ME, {}, tenant.viewer.token)).data.me.user.role).toBe('VIEWER');
  });

  it('deactivates a user: their session stops working at once and sign-in is refused, until reactivated', async () => {
    const user = (
      await api.gql(
        'mutation($i: CreateUserInput!) { createUser(input: $i) { id email } }',
        {
          i: { email: `leaver-${Date.now()}@example.com`, password: TEST_PASSWORD, role: 'ADMIN' },
        },
        tenant.admin.token,
      )
    ).data.createUser;
    const session = (await api.gql(LOGIN, { email: user.email, password: TEST_PASSWORD })).data.login.token;
    expect((await api.gql(ME, {}, session)).data.me.user.email).toBe(user.email);
    const deactivated = await api.gql(UPDATE, { input: { id: user.id, active: false } }, tenant.admin.token);
    expect(deactivated.data.updateUser.deactivatedAt).toEqual(expect.any(String));
    const refused = await api.gql(ME, {}, session);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(LOGIN, { email: user.email, password: TEST_PASSWORD })).errors?.[0]).toMatchObject({
      message: 'The email or password is not correct.',
    });
    const listed = (await api.gql('{ users { id deactivatedAt } }', {}, tenant.admin.token)).data.users;
    expect(listed.find((u: { id: string }) => u.id === user.id).deactivatedAt).toBe(
      deactivated.data.updateUser.deactivatedAt,
    );
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

  it('refuses a taken email with one message, never saying that another organization has it', async () => {
    const CREATE = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }';
    const other = await createTenant(api);
    const elsewhere = await api.gql(
      CREATE,
      { i: { email: other.viewer.email, password: TEST_PASSWORD, role: 'VIEWER' } },
      tenant.admin.token,
    );
    const here = await api.gql(
      CREATE,
      { i: { email: tenant.viewer.email.toUpperCase(), password: TEST_PASSWORD, role: 'VIEWER' } },
      tenant.admin.token,
    );
    expect(elsewhere.errors?.[0]).toEqual(here.errors?.[0]);
    expect(elsewhere.errors?.[0]).toMatchObject({
      message: 'This email address cannot be used for a new user; choose another.',
      extensions: { code: 'CONFLICT', field: 'email' },
    });
    expect(JSON.stringify(elsewhere)).not.toMatch(/exist|organization/i);
  });

  it('keeps the last active admin: two admins demoting or deactivating each other at once leave one', async () => {
    for (const change of [{ role: 'VIEWER' }, { active: false }]) {
      const pair = await createTenant(api);
      await api.gql(UPDATE, { input: { id: pair.viewer.id, role: 'ADMIN' } }, pair.admin.token);
      const results = await Promise.all([
        api.gql(UPDATE, { input: { id: pair.viewer.id, ...change } }, pair.admin.token),
        api.gql(UPDATE, { input: { id: pair.admin.id, ...change } }, pair.viewer.token),
      ]);
      expect(results.filter((r) => r.data?.updateUser)).toHaveLength(1);
      const admins = await api.ds.query(
        `SELECT id FROM users WHERE organization_id = $1 AND role = 'admin' AND deactivated_at IS NULL`,
        [pair.organizationId],
      );
      expect(admins).toHaveLength(1);
    }
  });

  it('refuses demoting or deactivating the last active admin, with a message that says what to do', async () => {
    const solo = await createTenant(api);
    // Called without an acting user (as a script would), so only the last-admin guard stands in the way.
    for (const change of [{ role: 'viewer' as const }, { active: false }]) {
      await expect(api.services.users.update(solo.organizationId, null, solo.admin.id, change)).rejects.toMatchObject({
        message: "This is the organization's last active admin; make another user an admin first.",
        extensions: { code: 'BAD_USER_INPUT', field: 'id' },
      });
    }
    expect((await api.gql(ME, {}, solo.admin.token)).data.me.user.role).toBe('ADMIN');
    // With a second admin, one of them may go.
    await api.gql(UPDATE, { input: { id: solo.viewer.id, role: 'ADMIN' } }, solo.admin.token);
    expect((await api.services.users.update(solo.organizationId, null, solo.admin.id, { role: 'viewer' }))?.role).toBe(
      'viewer',
    );
  });
});
