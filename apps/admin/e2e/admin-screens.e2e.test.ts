import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startE2e, type E2eEnv, type E2eUser } from './harness';
import { waitForAttribute } from './wait';

const tokenRow = (page: Page, name: string) => page.locator(`[data-testid="api-token-row"][data-name="${name}"]`);
const userRow = (page: Page, email: string) => page.locator(`[data-testid="user-row"][data-email="${email}"]`);

describe('API tokens, users and change password in the browser', () => {
  let env: E2eEnv;

  /** Reports one metered-usage entry with `token`; resolves with the HTTP status. */
  const reportUsage = async (token: string) =>
    (
      await fetch(`${env.baseUrl}/v1/metered-usage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          source: 'e2e checkout',
          entries: [{ provider: 'openai', model: 'gpt-4o', day: env.dataRange.start, cost: '1.25' }],
        }),
      })
    ).status;

  beforeAll(async () => {
    env = await startE2e();
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('creates a metering token shown once, which can report usage until it is revoked', async () => {
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/overview`);
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    await page.getByLabel('Token name').fill('checkout metering');
    expect(await page.getByLabel(/Can report metered usage/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/shown only once/).waitFor();
    const token = await dialog.getByTestId('new-token').inputValue();
    expect(token).toMatch(/^ssk_/);
    await env.screenshot(page, 'api-token-created');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = tokenRow(page, 'checkout metering');
    await row.getByText('Read + report metered usage').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(token);
    expect(await reportUsage(token)).toBe(202);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await waitForAttribute(row, 'data-revoked', /^true$/);
    expect(await reportUsage(token)).toBe(401);
    await env.screenshot(page, 'api-tokens');
  });

  it('adds a user, changes their role, and deactivating them signs them out at once', async () => {
    const member: E2eUser = {
      email: 'member@e2e.spendsync.local',
      password: 'member-password-long-enough',
      role: 'VIEWER',
    };
    const page = await env.newPage(env.admin);
    await page.goto(`${env.baseUrl}/users`);
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('First password').fill(member.password);
    await page.getByRole('button', { name: 'Add user' }).click();
    const row = userRow(page, member.email);
    await waitForAttribute(row, 'data-active', /^true$/);
    const memberPage = await env.newPage(member);
    await memberPage.goto(`${env.baseUrl}/provider-accounts`);
    await memberPage.getByTestId('viewer-badge').waitFor();
    await row.getByRole('combobox').click();
    await page.getByRole('option', { name: 'Admin' }).click();
    await page.getByText(`${member.email} is now an admin.`).waitFor();
    expect((await env.gql<{ me: { role: string } }>('{ me { role } }', {}, member)).data?.me.role).toBe('ADMIN');
    await env.screenshot(page, 'users');
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await waitForAttribute(row, 'data-active', /^false$/);
    expect((await env.gql('{ me { role } }', {}, member)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The member's open tab: the next request is refused and the app asks to sign in again.
    await memberPage.reload();
    await memberPage.getByRole('button', { name: 'Sign in' }).waitFor();
    await env.screenshot(page, 'users-deactivated');
  });

  it('lets a signed-in user change their password from the user menu', async () => {
    const user: E2eUser = {
      email: 'changer@e2e.spendsync.local',
      password: 'first-password-long-enough',
      role: 'VIEWER',
    };
    const created = await env.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
      i: { email: user.email, password: user.password, role: 'VIEWER' },
    });
    expect(created.errors).toBeUndefined();
    const page = await env.newPage(user);
    await page.goto(`${env.baseUrl}/overview`);
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    await page.waitForURL(/\/account\/password$/);
    await page.getByLabel('Current password').fill(user.password);
    await page.getByLabel('New password', { exact: true }).fill('second-password-long-enough');
    await page.getByLabel('New password again').fill('second-password-long-enough');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password was changed; your other sessions were signed out.').waitFor();
    await env.screenshot(page, 'change-password');
    const login = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
    expect((await env.gql(login, { e: user.email, p: user.password }, null)).errors?.[0]?.message).toBe(
      'The email or password is not correct.',
    );
    expect(
      (await env.gql<{ login: { token: string } }>(login, { e: user.email, p: 'second-password-long-enough' }, null))
        .data?.login.token,
    ).toMatch(/^sss_/);
  });
});
