import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startE2e, type E2eEnv } from './harness';

// The admin's session lives in the API's HttpOnly cookie, out of reach of page scripts: signing
// in through the UI leaves no token in localStorage, a reload stays signed in, sign-out ends it.
describe('browser session (HttpOnly cookie)', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2e();
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('signs in through the UI into an HttpOnly cookie, survives a reload, and ends at sign-out', async () => {
    const page = await env.newPage(null);
    await page.goto(env.baseUrl);
    await page.getByLabel('Email').fill(env.admin.email);
    await page.getByLabel('Password').fill(env.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Link Provider' }).first().waitFor();

    const cookies = await page.context().cookies(env.baseUrl);
    const session = cookies.find((cookie) => cookie.name === 'spendsync_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session!.value).toMatch(/^sss_/);
    // Nothing a page script can read holds the token.
    const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage, ...window.sessionStorage }));
    expect(stored).not.toContain(session!.value);
    expect(stored).not.toMatch(/sss_/);
    expect(await page.evaluate(() => document.cookie)).not.toContain('spendsync_session');

    await page.reload();
    await page.getByRole('link', { name: 'Link Provider' }).first().waitFor();
    expect(page.url()).not.toMatch(/\/login$/);

    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await page.waitForURL(/\/login$/);
    const after = await page.context().cookies(env.baseUrl);
    expect(after.find((cookie) => cookie.name === 'spendsync_session')).toBeUndefined();
    // The session ended at the API too: its token no longer works.
    const response = await fetch(`${env.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session!.value}` },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    expect(response.status).toBe(401);
    await page.reload();
    await page.waitForURL(/\/login$/);
  });
});
