import { afterEach, describe, expect, it } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { App } from './App';
import { buildAccount, buildProgress, buildRun } from './test/builders';
import { createFakeApp, type FakeApp } from './test/fake-data-provider';
import type { FakeResolvers } from './test/fake-graphql';
import type { UserRole } from './data-provider/records';

const apps: FakeApp[] = [];

function renderApp(path: string, resolvers: FakeResolvers = {}, role: UserRole | null = 'ADMIN'): FakeApp {
  window.history.pushState({}, '', path);
  const app = createFakeApp(resolvers, role);
  apps.push(app);
  render(<App deps={app.deps} />);
  return app;
}

/** The helper or error text of the input labelled `label`. */
function helperTextOf(label: string): string {
  const input = screen.getByLabelText(label, { exact: false, selector: 'input, textarea' });
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? '') : '';
}

afterEach(() => {
  cleanup();
  // Unmounted screens leave react-query's garbage-collection timers behind; clear them.
  for (const app of apps.splice(0)) app.deps.queryClient.clear();
  window.localStorage.clear();
});

const oneAccount = {
  providerAccounts: () => [buildAccount()],
  providerDashboard: () => ({
    total: 1,
    rows: [{ providerAccountId: 'acc-1', spend: '1234.5', credits: '0', net: '1234.5', coverage: '0.25' }],
  }),
};

describe('App', () => {
  it('asks a signed-out visitor to sign in, then shows a new organization what to do first', async () => {
    const { fake, deps } = renderApp(
      '/',
      {
        login: ({ email }) => ({
          token: `token-for-${email}`,
          expiresAt: '2030-01-01T00:00:00Z',
          user: { id: 'u', email, role: 'ADMIN', createdAt: '2026-01-01T00:00:00Z' },
        }),
      },
      null,
    );
    fireEvent.change(await screen.findByLabelText(/Email/), { target: { value: 'admin@acme.test' } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('No providers linked yet')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Link Provider' })).toBeTruthy();
    // The session is the API's HttpOnly cookie: the page keeps only the viewer, never a token.
    expect(deps.session.getViewer()).toMatchObject({ role: 'ADMIN' });
    expect(fake.calls.find((c) => c.operationName === 'Login')).toMatchObject({
      authorization: null,
      sessionDelivery: 'cookie',
    });
  });

  it("lists an account with its spend and coverage, and the admin's controls", async () => {
    renderApp('/provider-accounts', oneAccount);
    const row = (await screen.findByText('OpenAI – research')).closest('tr')!;
    expect(within(row).getByText('$1,234.50')).toBeTruthy();
    expect(within(row).getByText('25%')).toBeTruthy();
    for (const name of ['Refresh Data', 'Unlink'])
      expect(await within(row).findByRole('button', { name: new RegExp(name) })).toBeTruthy();
    expect(await screen.findByRole('link', { name: /Link Provider/ })).toBeTruthy();
  });

  it('shows a failed last sync with its reason, and Retry starts a sync', async () => {
    const failed = buildAccount({
      status: 'ERROR',
      lastError: 'OpenAI refused the Admin key (401).',
      lastRun: buildRun({ status: 'FAILED', error: 'OpenAI refused the Admin key (401).' }),
    });
    const { fake } = renderApp('/provider-accounts', {
      providerAccounts: () => [failed],
      refreshProvider: ({ id }) => ({
        alreadyRunning: false,
        run: buildRun({ id: 'run-2', providerAccountId: id, status: 'QUEUED', trigger: 'MANUAL' }),
      }),
    });
    const freshness = await screen.findByTestId('freshness');
    expect(freshness.getAttribute('data-severity')).toBe('error');
    expect(freshness.textContent).toMatch(/Last sync failed.*OpenAI refused the Admin key \(401\)\./);
    fireEvent.click(await within(freshness).findByRole('button', { name: /Retry/ }));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.operationName === 'RefreshProvider')?.variables).toEqual({ id: 'acc-1' }),
    );
    expect(await screen.findByText('Sync of OpenAI – research started.')).toBeTruthy();
  });

  it('shows a viewer the same list without any editing control', async () => {
    renderApp('/provider-accounts', oneAccount, 'VIEWER');
    const row = (await screen.findByText('OpenAI – research')).closest('tr')!;
    expect(within(row).getByRole('link', { name: /View Sync Logs/ })).toBeTruthy();
    await screen.findByText('Read-only');
    for (const name of [/Refresh Data/, /Unlink/, /Edit credentials/, /Link Provider/]) {
      expect(screen.queryByRole('button', { name })).toBeNull();
      expect(screen.queryByRole('link', { name })).toBeNull();
    }
  });

  it('shows the credential guide of the chosen platform and puts a verification error beside the key', async () => {
    const message = 'apiKey is a project key (sk-proj-…), which cannot read usage or costs.';
    const { fake } = renderApp('/provider-accounts/create', {
      linkProvider: () => {
        throw new GraphQLError(message, {
          extensions: {
            code: 'CREDENTIALS_INVALID',
            field: 'credentials.apiKey',
            issues: [{ field: 'credentials.apiKey', message }],
          },
        });
      },
    });
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: /Platform/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'OpenAI' }));
    expect((await screen.findByTestId('credential-guide')).textContent).toMatch(
      /Organization Admin key .* platform\.openai\.com/,
    );
    fireEvent.change(screen.getByLabelText('Admin key', { selector: 'input' }), { target: { value: 'sk-proj-abc' } });
    fireEvent.click(screen.getByRole('button', { name: /Create/ }));
    await waitFor(() => expect(helperTextOf('Admin key')).toBe(message));
    expect(fake.calls.find((c) => c.operationName === 'LinkProvider')?.variables).toEqual({
      input: { provider: 'OPENAI', label: 'OpenAI', credentials: { apiKey: 'sk-proj-abc' }, endpoint: null },
    });
  });

  it('refuses an empty required field before calling the API', async () => {
    const { fake } = renderApp('/provider-accounts/create');
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: /Platform/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'AWS Bedrock' }));
    fireEvent.change(await screen.findByLabelText('Access key ID', { selector: 'input' }), {
      target: { value: 'AKIAEXAMPLE' },
    });
    fireEvent.click(screen.getByRole('button', { name: /Create/ }));
    await waitFor(() => expect(helperTextOf('Secret access key')).toBe('Enter the Secret access key.'));
    expect(fake.calls.some((c) => c.operationName === 'LinkProvider')).toBe(false);
  });

  it("shows a sync's progress live from the subscription and refetches the list when it finishes", async () => {
    const { fake } = renderApp('/provider-accounts', oneAccount);
    await screen.findByText('OpenAI – research');
    await waitFor(() => expect(fake.subscribed('syncRunProgressed')).toHaveLength(1));
    act(() => fake.emit('syncRunProgressed', buildProgress({ daysDone: 7, daysTotal: 30 })));
    expect((await screen.findByTestId('sync-percent')).textContent).toBe('23%');
    const listCalls = () => fake.calls.filter((c) => c.operationName === 'ProviderAccounts').length;
    const before = listCalls();
    act(() =>
      fake.emit(
        'syncRunProgressed',
        buildProgress({ daysDone: 30, daysTotal: 30, status: 'SUCCEEDED', phase: 'FINISHED' }),
      ),
    );
    await waitFor(() => expect(listCalls()).toBeGreaterThan(before));
    await waitFor(() => expect(screen.queryByTestId('sync-progress')).toBeNull());
  });
});
