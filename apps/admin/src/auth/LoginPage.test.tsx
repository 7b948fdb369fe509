import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { renderApp } from '../test/render-app';

const options = (ssoConfigured: boolean, passwordSignInEnabled = true) => ({
  spendsyncSignInOptions: () => ({ ssoConfigured, passwordSignInEnabled }),
});

describe('LoginPage', () => {
  it('offers "Sign in with SSO" when the API has single sign-on, and only passwords otherwise', async () => {
    renderApp('/login', options(true), null);
    const sso = await screen.findByRole('link', { name: 'Sign in with SSO' });
    expect(sso.getAttribute('href')).toBe('/auth/oidc/start');
    expect(screen.getByLabelText(/Password/)).toBeTruthy();
  });

  it('hides the password form when password sign-in is off', async () => {
    renderApp('/login', options(true, false), null);
    expect(await screen.findByText('Password sign-in is turned off for this organization.')).toBeTruthy();
    expect(screen.queryByLabelText(/Password/)).toBeNull();
  });

  it('exchanges the one-time code the SSO callback handed back, once, and signs in', async () => {
    const { fake, deps } = renderApp(
      '/login?ssoCode=one-time',
      {
        ...options(true),
        spendsyncCompleteSsoSignIn: ({ code }) => ({
          token: code === 'one-time' ? null : 'unexpected',
          expiresAt: '2030-01-01T00:00:00Z',
          user: { id: 'u', email: 'ada@acme.test', role: 'VIEWER', createdAt: '2026-01-01T00:00:00Z' },
        }),
      },
      null,
    );
    // The API set the session cookie; the page keeps only the viewer.
    await waitFor(() => expect(deps.session.isSignedIn()).toBe(true));
    expect(fake.calls.filter((c) => c.operationName === 'CompleteSsoSignIn')).toHaveLength(1);
  });

  it("shows the API's reason when single sign-on was refused", async () => {
    renderApp('/login?ssoError=Your%20email%20address%20is%20not%20verified.', options(true), null);
    expect((await screen.findByRole('alert')).textContent).toBe('Your email address is not verified.');
  });

  it('shows why a code could not be exchanged', async () => {
    renderApp(
      '/login?ssoCode=used',
      {
        ...options(true),
        spendsyncCompleteSsoSignIn: () => {
          throw new GraphQLError('This sign-in code is unknown, used or expired; sign in again.', {
            extensions: { code: 'UNAUTHENTICATED' },
          });
        },
      },
      null,
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/unknown, used or expired/);
    fireEvent.click(screen.getByRole('link', { name: 'Sign in with SSO' }));
  });
});
