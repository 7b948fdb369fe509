import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import type { UserRecord } from '../../data-provider/records';
import { renderApp } from '../../test/render-app';

const user = (overrides: Partial<UserRecord>): UserRecord => ({
  id: 'u-2',
  email: 'ana@acme.test',
  role: 'VIEWER',
  createdAt: '2026-11-01T00:00:00.000Z',
  deactivatedAt: null,
  ...overrides,
});
const rowOf = (email: string) =>
  waitFor(
    () => {
      const row = document.querySelector<HTMLTableRowElement>(`tr[data-email="${email}"]`);
      if (!row) throw new Error(`No row for ${email}`);
      return row;
    },
    { timeout: 5000 },
  );

describe('Users screen', () => {
  it("adds a user with a role, and puts the API's refusal beside the field at fault", async () => {
    const users: UserRecord[] = [user({ id: 'user-1', email: 'admin@acme.test', role: 'ADMIN' })];
    let attempts = 0;
    const { fake } = renderApp('/users', {
      users: () => users,
      createUser: ({ input }) => {
        attempts += 1;
        if (attempts === 1)
          throw new GraphQLError('Use a password of at least 12 characters.', {
            extensions: { code: 'BAD_USER_INPUT', field: 'password' },
          });
        const created = user({ id: 'u-3', email: input.email, role: input.role });
        users.push(created);
        return created;
      },
    });
    await rowOf('admin@acme.test');
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ben@acme.test' } });
    fireEvent.change(screen.getByLabelText('First password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: /Add user/ }));
    expect(await screen.findByText('Use a password of at least 12 characters.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('First password'), { target: { value: 'a long enough password' } });
    fireEvent.click(screen.getByRole('button', { name: /Add user/ }));
    expect(await rowOf('ben@acme.test')).toBeTruthy();
    expect(fake.calls.filter((c) => c.operationName === 'CreateUser').at(-1)?.variables).toEqual({
      input: { email: 'ben@acme.test', password: 'a long enough password', role: 'VIEWER' },
    });
  }, 20_000);

  it('changes a role and deactivates another user, but offers neither for the signed-in admin', async () => {
    const users: UserRecord[] = [user({ id: 'user-1', email: 'admin@acme.test', role: 'ADMIN' }), user({})];
    const { fake } = renderApp('/users', {
      users: () => users,
      updateUser: ({ input }) =>
        Object.assign(
          users[1]!,
          input.role ? { role: input.role } : {},
          input.active === false ? { deactivatedAt: '2026-11-27T09:00:00.000Z' } : {},
        ),
    });
    const self = await rowOf('admin@acme.test');
    await waitFor(() => expect(self.textContent).toContain('(you)'));
    expect(within(self).queryByRole('button', { name: 'Deactivate' })).toBeNull();
    const ana = await rowOf('ana@acme.test');
    fireEvent.mouseDown(within(ana).getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: 'Admin' }));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.operationName === 'UpdateUser')?.variables).toEqual({
        input: { id: 'u-2', role: 'ADMIN' },
      }),
    );
    fireEvent.click(within(await rowOf('ana@acme.test')).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.operationName === 'UpdateUser').at(-1)?.variables).toEqual({
        input: { id: 'u-2', active: false },
      }),
    );
    await waitFor(async () => expect((await rowOf('ana@acme.test')).getAttribute('data-active')).toBe('false'));
    expect(await screen.findByText('ana@acme.test was deactivated; their sessions ended.')).toBeTruthy();
  }, 20_000);
  it('switches password sign-in off when single sign-on is configured, and keeps it on otherwise', async () => {
    let enabled = true;
    const settings = () => ({ ssoConfigured: true, passwordSignInEnabled: enabled, issuer: 'https://id.acme.test' });
    const { fake } = renderApp('/users', {
      users: () => [],
      spendsyncSignInSettings: settings,
      spendsyncSetPasswordSignIn: (args) => {
        enabled = args.enabled as boolean;
        return settings();
      },
    });
    const toggle = await screen.findByRole('switch', { name: 'Password sign-in' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    fireEvent.click(toggle);
    await waitFor(() =>
      expect(fake.calls.find((c) => c.operationName === 'SetPasswordSignIn')?.variables).toEqual({ enabled: false }),
    );
    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(false));
  });

  it('keeps the password sign-in switch on and locked without single sign-on', async () => {
    renderApp('/users', {
      users: () => [],
      spendsyncSignInSettings: () => ({ ssoConfigured: false, passwordSignInEnabled: true, issuer: null }),
    });
    const toggle = (await screen.findByRole('switch', { name: 'Password sign-in' })) as HTMLInputElement;
    expect(toggle.disabled).toBe(true);
    expect(screen.getByText(/Single sign-on is not configured/)).toBeTruthy();
  });
});
