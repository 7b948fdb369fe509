import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { renderApp } from '../../test/render-app';

const firstAdmin = (required: () => boolean) => () => ({
  role: 'ADMIN',
  canRecordUsage: true,
  organization: { id: 'org-1', name: 'Acme AI', createdAt: '2026-01-01T00:00:00.000Z' },
  user: {
    id: 'user-1',
    email: 'admin@acme.test',
    role: 'ADMIN',
    createdAt: '2026-01-01T00:00:00.000Z',
    deactivatedAt: null,
    passwordChangeRequired: required(),
  },
});

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('Change password', () => {
  it("refuses two different new passwords before calling the API, then shows the API's refusal of the current one", async () => {
    const { fake } = renderApp(
      '/account/password',
      {
        changePassword: () => {
          throw new GraphQLError('The current password is not correct.', {
            extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' },
          });
        },
      },
      'VIEWER',
    );
    await screen.findByLabelText('Current password', {}, { timeout: 5000 });
    fill('Current password', 'old password here');
    fill('New password', 'a new long password');
    fill('New password again', 'a different password');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The two new passwords differ.')).toBeTruthy();
    expect(fake.calls.some((c) => c.operationName === 'ChangePassword')).toBe(false);
    fill('New password again', 'a new long password');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The current password is not correct.')).toBeTruthy();
  });

  it('changes it (for a viewer too) and says the other sessions were signed out', async () => {
    const { fake } = renderApp('/account/password', { changePassword: () => true }, 'VIEWER');
    await screen.findByLabelText('Current password', {}, { timeout: 5000 });
    fill('Current password', 'old password here');
    fill('New password', 'a new long password');
    fill('New password again', 'a new long password');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your password was changed; your other sessions were signed out.')).toBeTruthy();
    await waitFor(() =>
      expect(fake.calls.find((c) => c.operationName === 'ChangePassword')?.variables).toEqual({
        currentPassword: 'old password here',
        newPassword: 'a new long password',
      }),
    );
  });

  it('takes a user who must change their password there from any screen, and lets them go on once changed', async () => {
    let required = true;
    const { fake } = renderApp('/api-tokens', {
      me: firstAdmin(() => required),
      changePassword: () => {
        required = false;
        return true;
      },
    });
    expect((await screen.findByTestId('password-change-required', {}, { timeout: 5000 })).textContent).toMatch(
      /Choose a new password/,
    );
    expect(window.location.pathname).toBe('/account/password');
    fill('Current password', 'the installation password');
    fill('New password', 'a new long password');
    fill('New password again', 'a new long password');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(window.location.pathname).toBe('/'), { timeout: 5000 });
    expect(fake.calls.some((c) => c.operationName === 'ChangePassword')).toBe(true);
  });
});
