import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApi, TEST_PASSWORD, type TestApi } from './api-harness';

const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { passwordChangeRequired } } }';
const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
const NEW_PASSWORD = 'a brand new admin password';

describe('a first admin who must change their password', () => {
  let api: TestApi;
  let email: string;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    const organization = await api.services.organizations.create(`First ${randomUUID()}`);
    email = `first-${randomUUID().slice(0, 8)}@example.com`;
    await api.services.users.create(organization.id, {
      email,
      password: TEST_PASSWORD,
      role: 'admin',
      passwordChangeRequired: true,
    });
    const login = (await api.gql(LOGIN, { email, password: TEST_PASSWORD })).data.login;
    expect(login.user.passwordChangeRequired).toBe(true);
    token = login.token;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('may only ask who they are, change the password or sign out until then; everything else says PASSWORD_CHANGE_REQUIRED', async () => {
    expect((await api.gql('{ me { role user { email passwordChangeRequired } } }', {}, token)).data.me).toEqual({
      role: 'ADMIN',
      user: { email, passwordChangeRequired: true },
    });
    for (const query of [
      '{ users { id } }',
      '{ me { role } apiTokens { id } }',
      'mutation { createApiToken(name: "x") { token } }',
    ]) {
      const refused = await api.gql(query, {}, token);
      expect(refused.status).toBe(403);
      expect(refused.errors?.[0]).toMatchObject({
        message: 'Change your password first (changePassword); until then only changePassword, logout and me work.',
        extensions: { code: 'PASSWORD_CHANGE_REQUIRED' },
      });
    }
    // Over the socket and on the REST routes too.
    const socketError = await new Promise<unknown>((resolve) => {
      api
        .wsClient(token)
        .subscribe({ query: '{ users { id } }' }, { next: () => {}, error: resolve, complete: () => resolve(null) });
    });
    expect(JSON.stringify(socketError)).toContain('PASSWORD_CHANGE_REQUIRED');
    const csv = await fetch(api.url.replace('/graphql', '/export/providers.csv?period=last_7_days'), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.status).toBe(401);
  });

  it('refuses the same password again, then lifts the requirement once changed', async () => {
    expect(
      (await api.gql(CHANGE, { c: TEST_PASSWORD, n: TEST_PASSWORD }, token)).errors?.[0]?.extensions,
    ).toMatchObject({ field: 'newPassword' });
    expect((await api.gql(CHANGE, { c: TEST_PASSWORD, n: NEW_PASSWORD }, token)).data).toEqual({
      changePassword: true,
    });
    expect((await api.gql('{ users { email passwordChangeRequired } }', {}, token)).data.users).toEqual([
      { email, passwordChangeRequired: false },
    ]);
    expect((await api.gql(LOGIN, { email, password: NEW_PASSWORD })).data.login.user.passwordChangeRequired).toBe(
      false,
    );
  });
});
