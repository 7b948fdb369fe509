import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ApiTokenRecord } from '../../data-provider/records';
import { renderApp } from '../../test/render-app';

const token = (overrides: Partial<ApiTokenRecord> = {}): ApiTokenRecord => ({
  id: 't-1',
  name: 'cost widgets',
  hint: 'ssk_Ab1...wxyz',
  canRecordUsage: false,
  createdAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2099-01-30T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...overrides,
});

describe('API tokens screen', () => {
  it('creates a token that can report metered usage and shows its value once', async () => {
    const tokens: ApiTokenRecord[] = [token()];
    const { fake } = renderApp('/api-tokens', {
      apiTokens: () => tokens,
      createApiToken: ({ name, canRecordUsage }) => {
        const created = token({ id: 't-2', name, canRecordUsage, hint: 'ssk_Zz9...0000' });
        tokens.unshift(created);
        return { token: 'ssk_Zz9-secret-value-0000', apiToken: created };
      },
    });
    expect(await screen.findByText('cost widgets', {}, { timeout: 5000 })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: 'checkout metering' } });
    fireEvent.change(screen.getByLabelText('Expires in (days)'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: /Create token/ }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByTestId('new-token') as HTMLInputElement).value).toBe('ssk_Zz9-secret-value-0000');
    expect(within(dialog).getByText(/shown only once/)).toBeTruthy();
    expect(fake.calls.find((c) => c.operationName === 'CreateApiToken')?.variables).toEqual({
      name: 'checkout metering',
      canRecordUsage: true,
      expiresInDays: 30,
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const row = (await screen.findByText('checkout metering')).closest('tr')!;
    expect(row.textContent).toContain('Read + report metered usage');
    expect(document.body.textContent).not.toContain('ssk_Zz9-secret-value-0000');
  });

  it('shows when each token expires (marking expired ones) and when it was last used, and refuses an expiry out of bounds', async () => {
    renderApp('/api-tokens', {
      apiTokens: () => [
        token({ lastUsedAt: '2026-11-20T10:00:00.000Z' }),
        token({ id: 't-2', name: 'old script', expiresAt: '2020-01-01T00:00:00.000Z' }),
      ],
    });
    const header = (await screen.findByRole('table', { name: 'API tokens' }, { timeout: 5000 })).querySelector(
      'thead',
    )!;
    expect([...header.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Name',
      'Token',
      'Can',
      'Created',
      'Expires',
      'Last used',
      '',
    ]);
    const current = (await screen.findByText('cost widgets')).closest('tr')!;
    expect(within(current).getByTestId('api-token-expires').textContent).toMatch(/2099/);
    expect(current.textContent).not.toContain('Never');
    const expired = screen.getByText('old script').closest('tr')!;
    expect(within(expired).getByTestId('api-token-expires').textContent).toMatch(/^Expired .*2020/);
    expect(expired.textContent).toContain('Never');
    fireEvent.change(screen.getByLabelText('Expires in (days)'), { target: { value: '400' } });
    expect(screen.getByText('Enter 1 to 365 days')).toBeTruthy();
    expect((screen.getByRole('button', { name: /Create token/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('revokes a token after confirming', async () => {
    const tokens: ApiTokenRecord[] = [token()];
    const { fake } = renderApp('/api-tokens', {
      apiTokens: () => tokens,
      revokeApiToken: ({ id }) => Object.assign(tokens[0]!, { id, revokedAt: '2026-11-27T08:00:00.000Z' }),
    });
    const row = (await screen.findByText('cost widgets', {}, { timeout: 5000 })).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Revoke' }));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.operationName === 'RevokeApiToken')?.variables).toEqual({ id: 't-1' }),
    );
    await waitFor(() =>
      expect(screen.getByText('cost widgets').closest('tr')!.getAttribute('data-revoked')).toBe('true'),
    );
  });

  it('tells a viewer only admins manage tokens, and asks the API nothing', async () => {
    const { fake } = renderApp('/api-tokens', { apiTokens: () => [token()] }, 'VIEWER');
    expect((await screen.findByTestId('admins-only', {}, { timeout: 5000 })).textContent).toMatch(
      /Only admins manage API tokens/,
    );
    expect(screen.queryByRole('link', { name: 'API tokens' })).toBeNull();
    expect(screen.queryByText('cost widgets')).toBeNull();
    expect(fake.calls.some((c) => c.operationName === 'ApiTokens' || c.operationName === 'CreateApiToken')).toBe(false);
  });
});
