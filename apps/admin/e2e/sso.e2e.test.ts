import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startE2e, type E2eEnv } from './harness';

describe('single sign-on through a real OpenID provider', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e({ oidc: { SPENDSYNC_OIDC_ROLE_CLAIM: 'spendsync_role' } });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('signs a new user in with "Sign in with SSO", as a viewer', async () => {
    await env.oidc!.setNextAccount({ email: 'ada@sso.e2e.test', email_verified: true });
    const page = await env.newPage(null);
    await page.goto(`${env.baseUrl}/login`);
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();
    // To the provider (which signs the test user in at once), back to the callback, then the admin.
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('ada@sso.e2e.test').first().waitFor();
    // The session is the HttpOnly cookie the SSO exchange set; the page keeps no token.
    expect(await page.evaluate(() => window.localStorage.getItem('spendsync.session'))).toBeNull();
    const cookies = await page.context().cookies(env.baseUrl);
    expect(cookies.find((c) => c.name === 'spendsync_session')?.httpOnly).toBe(true);
    const me = await page.evaluate(() =>
      fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-spendsync-csrf': '1' },
        body: JSON.stringify({ query: '{ me { role user { email } } }' }),
      }).then((r) => r.json() as Promise<{ data: { me: unknown } }>),
    );
    expect(me.data.me).toEqual({ role: 'VIEWER', user: { email: 'ada@sso.e2e.test' } });
    await env.screenshot(page, 'sso-signed-in');
  });

  it("shows why the provider's answer was refused (an unverified email)", async () => {
    await env.oidc!.setNextAccount({ email: 'eve@sso.e2e.test', email_verified: false });
    const page = await env.newPage(null);
    await page.goto(`${env.baseUrl}/login`);
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'Your email address eve@sso.e2e.test is not verified at the identity provider; verify it there, then sign in again.',
    );
  });

  it('lets an admin turn password sign-in off on the Users screen, after which the admin signs in with SSO', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/users`);
    const toggle = page.getByRole('switch', { name: 'Password sign-in' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await page.getByText('Password sign-in is off: members sign in with SSO.').waitFor();
    await env.screenshot(page, 'sso-users-sign-in-settings');

    const signedOut = await env.newPage(null);
    await signedOut.goto(`${env.baseUrl}/login`);
    await signedOut.getByText('Password sign-in is turned off for this organization.').waitFor();
    expect(await signedOut.getByLabel('Password').count()).toBe(0);
    await env.oidc!.setNextAccount({ email: env.admin.email, email_verified: true });
    await signedOut.getByRole('link', { name: 'Sign in with SSO' }).click();
    await signedOut.waitForURL((url) => url.pathname === '/');
    await signedOut.getByText(env.admin.email).first().waitFor();
    const refused = await env.gql(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: env.admin.email, p: env.admin.password },
      null,
    );
    expect(refused.errors?.[0]?.message).toBe(
      'Password sign-in is turned off for your organization; use "Sign in with SSO" instead.',
    );
  });
});
