import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { buildAccount } from '../../test/builders';
import { renderApp } from '../../test/render-app';
import type { CreditGrantRecord } from './runway-documents';
import { buildRunway } from './runway-fixtures';

const grant: CreditGrantRecord = {
  id: 'g1',
  name: 'AWS Activate',
  amount: '500',
  startsOn: '2026-01-02',
  expiresOn: '2026-02-28',
  providerAccountId: 'acc-aws',
  provider: 'AWS_BEDROCK',
  accountLabel: 'AWS',
  notifyUnderDays: null,
  createdAt: '2026-01-02T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};

describe('Credit grants screen', () => {
  it('lists grants with their runway and the notification setting; viewers cannot enter or edit', async () => {
    renderApp(
      '/credit-grants',
      {
        spendsyncCreditGrants: () => [grant],
        spendsyncCreditRunways: () => [buildRunway()],
        spendsyncRunwayAlertSettings: () => ({ notifyUnderDays: 30 }),
      },
      'VIEWER',
    );
    const row = (await screen.findByText('AWS Activate', {}, { timeout: 5000 })).closest('tr')!;
    expect((await within(row).findByTestId('grant-runway')).textContent).toBe(
      '$210.00 left · 21 days (2026-02-21)Runs out before it expires (2026-02-28)',
    );
    await waitFor(() => expect((screen.getByTestId('runway-notify-days') as HTMLInputElement).value).toBe('30'));
    expect(screen.queryByText('Enter grant')).toBeNull();
    expect(within(row).queryByText('Edit')).toBeNull();
  });

  it("enters a grant, showing the API's field error beside the input and saving once corrected", async () => {
    const created: Record<string, unknown>[] = [];
    const { fake } = renderApp('/credit-grants/create', {
      providerAccounts: () => [buildAccount({ id: 'acc-aws', provider: 'AWS_BEDROCK', label: 'AWS' })],
      spendsyncCreditGrants: () => [],
      spendsyncCreditRunways: () => [],
      spendsyncRunwayAlertSettings: () => ({ notifyUnderDays: null }),
      spendsyncCreateCreditGrant: ({ input }) => {
        if (input.amount === '0')
          throw new GraphQLError('amount: The amount must be more than 0', {
            extensions: {
              code: 'BAD_USER_INPUT',
              field: 'amount',
              issues: [{ field: 'amount', message: 'The amount must be more than 0' }],
            },
          });
        created.push(input);
        return { ...grant, ...input, id: 'g9' };
      },
    });
    fireEvent.change(await screen.findByLabelText(/^Name/, {}, { timeout: 5000 }), {
      target: { value: 'AWS Activate' },
    });
    fireEvent.change(screen.getByLabelText(/^Amount/), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText(/^Starts on/), { target: { value: '2026-01-02' } });
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: /Provider account/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'AWS' }));
    fireEvent.click(screen.getByRole('button', { name: /Save/ }));
    expect(await screen.findByText('The amount must be more than 0')).toBeTruthy();
    expect(created).toEqual([]);
    fireEvent.change(screen.getByLabelText(/^Amount/), { target: { value: '500.00' } });
    await waitFor(() => expect(screen.queryByText('The amount must be more than 0')).toBeNull());
    await waitFor(() =>
      expect((screen.getByRole('button', { name: /Save/ }) as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: /Save/ }));

    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toEqual({
      name: 'AWS Activate',
      amount: '500.00',
      startsOn: '2026-01-02',
      expiresOn: null,
      providerAccountId: 'acc-aws',
      notifyUnderDays: null,
    });
    // Saved, it returns to the list.
    await waitFor(() => expect(fake.calls.some((c) => c.operationName === 'CreditGrants')).toBe(true));
  });
});
