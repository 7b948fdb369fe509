import { describe, expect, it } from '@jest/globals';
import { act, screen, waitFor } from '@testing-library/react';
import { buildAccount, buildProgress, buildRun } from '../../test/builders';
import { renderApp } from '../../test/render-app';

const account = (id: string, label: string) => ({ id, label, provider: 'OPENAI', info: { label: 'OpenAI' } });

describe('Sync logs', () => {
  it('lists the runs of every account newest first from the menu, and refetches when a run starts', async () => {
    let runs = [
      buildRun({ id: 'r-2', providerAccountId: 'acc-2', trigger: 'SCHEDULE', createdAt: '2026-11-27T08:00:00.000Z' }),
      buildRun({ id: 'r-1', providerAccountId: 'acc-1', createdAt: '2026-11-27T07:00:00.000Z' }),
    ].map((r) => ({
      ...r,
      providerAccount: account(
        r.providerAccountId,
        r.providerAccountId === 'acc-1' ? 'OpenAI – research' : 'OpenAI – prod',
      ),
    }));
    const { fake } = renderApp('/sync-runs', {
      providerAccounts: () => [buildAccount(), buildAccount({ id: 'acc-2', label: 'OpenAI – prod' })],
      syncRuns: () => ({ total: runs.length, items: runs }),
    });
    await waitFor(
      () =>
        expect(screen.getAllByTestId('run-account').map((e) => e.textContent)).toEqual([
          'OpenAI – prod · OpenAI',
          'OpenAI – research · OpenAI',
        ]),
      { timeout: 5000 },
    );
    expect(screen.queryByText(/No syncs yet/)).toBeNull();
    expect(fake.calls.find((c) => c.operationName === 'SyncRuns')?.variables).toMatchObject({
      providerAccountId: null,
      status: null,
      trigger: null,
    });
    runs = [
      {
        ...buildRun({ id: 'r-3', status: 'QUEUED', trigger: 'MANUAL', createdAt: '2026-11-27T09:00:00.000Z' }),
        providerAccount: account('acc-1', 'OpenAI – research'),
      },
      ...runs,
    ];
    await waitFor(() => expect(fake.subscribed('syncRunProgressed')).toHaveLength(1));
    act(() => fake.emit('syncRunProgressed', buildProgress({ runId: 'r-3', status: 'QUEUED', phase: 'QUEUED' })));
    await waitFor(() => expect(screen.getAllByTestId('run-account')).toHaveLength(3));
  });

  it('narrows the list to one account, status and trigger from the URL', async () => {
    const { fake } = renderApp(
      `/sync-runs?filter=${encodeURIComponent(JSON.stringify({ providerAccountId: 'acc-1', status: 'FAILED', trigger: 'SCHEDULE' }))}`,
      {
        providerAccounts: () => [buildAccount()],
        providerAccount: () => buildAccount(),
        syncRuns: () => ({ total: 0, items: [] }),
      },
    );
    expect(await screen.findByText('No syncs match these filters.', {}, { timeout: 5000 })).toBeTruthy();
    expect(fake.calls.find((c) => c.operationName === 'SyncRuns')?.variables).toMatchObject({
      providerAccountId: 'acc-1',
      status: 'FAILED',
      trigger: 'SCHEDULE',
    });
  });
});
