import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startE2e, type E2eEnv } from './harness';

const NEW_PASSWORD = 'the admin password after install';

describe('first sign-in of the admin created at installation (SPENDSYNC_ADMIN_MUST_CHANGE_PASSWORD=true)', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e({ adminMustChangePassword: true });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('takes the admin to change the password first, and nothing else answers until they have', async () => {
    const page = await env.newPage(null);
    await page.goto(env.baseUrl);
    await page.getByLabel('Email').fill(env.admin.email);
    await page.getByLabel('Password').fill(env.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account\/password$/);
    await page.getByTestId('password-change-required').waitFor();
    // Another screen leads back here, and the API refuses everything else meanwhile.
    await page.goto(`${env.baseUrl}/api-tokens`);
    await page.waitForURL(/\/account\/password$/);
    const refused = await env.gql('{ users { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await env.screenshot(page, 'first-sign-in-change-password');
    await page.getByLabel('Current password').fill(env.admin.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: 'Link Provider' }).waitFor();
    // The change signed out the admin's other sessions: sign in again with the new password.
    const login = await env.gql(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { passwordChangeRequired } } }',
      {
        e: env.admin.email,
        p: NEW_PASSWORD,
      },
      null,
    );
    expect(login.data.login.user).toEqual({ passwordChangeRequired: false });
  });
});
